/**
 * `<kf-organisation-admin>` at `/catalog/organisations` (提供部门管理): the platform
 * administrator's list of the providing departments (name, short name, code, order, published
 * datasets) with a form to add one and a form to edit each, for every key the API's create and
 * patch schemas accept (code, name, short name, description, contact, order). The server
 * validates: each sentence of a 400 is shown under the control it names (and in a summary),
 * and what was typed stays. There is no delete: datasets refer to their organisation.
 *
 * Whether the reader may manage them is the server's answer (`can.manage` of
 * `GET /api/v1/organizations`), never a guess from roles in the browser; the writes check again.
 *
 * @csspart table - the list of departments
 * @csspart add-form - the form that adds a department
 * @csspart edit-form - the form that edits one
 */
import { apiFetch } from '@kaifang/plugin-auth-sso/ui/client';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { adminStyles } from './admin-styles.ts';
import { type AdminTextKey, say } from './admin-text.ts';
import { changes, numberOrText, type Payload, placeErrors } from './editor-model.ts';
import { errorNote, errorState } from './form-errors.ts';
import { baseStyles, fetchJson, formatNumber, type Loaded } from './shared.ts';

interface Organisation {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  description: string;
  contact: { name?: string; phone?: string; email?: string };
  order: number;
  datasetCount: number;
}

interface Listing {
  items: Organisation[];
  can?: { manage?: boolean };
}

/** Every input of a department form, as typed. */
interface OrgDraft {
  code: string;
  name: string;
  shortName: string;
  description: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  order: string;
}

type FormId = 'add' | 'edit';

/** A form's state: what is typed, the server's complaints by key, and the summary. */
interface FormState {
  draft: OrgDraft;
  errors: Map<string, string[]>;
  failure: { text: string; label: string | undefined }[] | undefined;
}

interface Editing extends FormState {
  id: string;
  name: string;
  /** The body as loaded: a PATCH sends only what differs from it. */
  before: Payload;
}

/** The controls, in the form's order: draft key, the server's key, the label. */
const CONTROLS: {
  key: keyof OrgDraft;
  server: string;
  label: AdminTextKey;
  required?: boolean;
  hint?: AdminTextKey;
  type?: string;
  multiline?: boolean;
  wide?: boolean;
}[] = [
  { key: 'name', server: 'name', label: 'orgName', required: true },
  { key: 'shortName', server: 'shortName', label: 'orgShortName' },
  { key: 'code', server: 'code', label: 'orgCode', required: true, hint: 'orgCodeHint' },
  { key: 'order', server: 'order', label: 'orgOrder', type: 'number', hint: 'orgOrderHint' },
  { key: 'description', server: 'description', label: 'description', multiline: true, wide: true },
  { key: 'contactName', server: 'contact.name', label: 'contactName' },
  { key: 'contactPhone', server: 'contact.phone', label: 'contactPhone', type: 'tel' },
  { key: 'contactEmail', server: 'contact.email', label: 'contactEmail', type: 'email' },
];

/** Every key a 400 may name (the contact's parent too, for a message about the whole object). */
const SERVER_KEYS = new Set([...CONTROLS.map((control) => control.server), 'contact']);

function emptyOrgDraft(): OrgDraft {
  return {
    code: '',
    name: '',
    shortName: '',
    description: '',
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    order: '',
  };
}

function orgDraftOf(organisation: Organisation): OrgDraft {
  return {
    code: organisation.code,
    name: organisation.name,
    shortName: organisation.shortName ?? '',
    description: organisation.description ?? '',
    contactName: organisation.contact?.name ?? '',
    contactPhone: organisation.contact?.phone ?? '',
    contactEmail: organisation.contact?.email ?? '',
    order: String(organisation.order),
  };
}

/**
 * The body the API validates. Code and name are sent as typed, so an empty one comes back as a
 * 400 naming it; an empty short name is left out of a new department and removed (`null`) from
 * an edited one; an empty order takes the server's default.
 */
function orgPayloadOf(draft: OrgDraft, mode: 'create' | 'edit'): Payload {
  const contact = {
    ...(draft.contactName.trim() ? { name: draft.contactName.trim() } : {}),
    ...(draft.contactPhone.trim() ? { phone: draft.contactPhone.trim() } : {}),
    ...(draft.contactEmail.trim() ? { email: draft.contactEmail.trim() } : {}),
  };
  const payload: Payload = {
    code: draft.code.trim(),
    name: draft.name.trim(),
    description: draft.description.trim(),
    contact,
  };
  if (draft.shortName.trim()) payload.shortName = draft.shortName.trim();
  else if (mode === 'edit') payload.shortName = null;
  if (draft.order.trim()) payload.order = numberOrText(draft.order);
  return payload;
}

const blankForm = (): FormState => ({
  draft: emptyOrgDraft(),
  errors: new Map(),
  failure: undefined,
});

export class KfOrganisationAdmin extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    locale: {},
    list: { state: true },
    adding: { state: true },
    editing: { state: true },
    notice: { state: true },
    busy: { state: true },
  };
  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare locale: string;
  declare list: Loaded<{ items: Organisation[]; manage: boolean }>;
  declare adding: FormState;
  declare editing: Editing | undefined;
  declare notice: string;
  declare busy: boolean;
  #controller = new AbortController();
  #requested = false;

  static override styles = [
    baseStyles,
    adminStyles,
    css`
      .scroll {
        margin-bottom: var(--kf-sys-space-l, 1.5rem);
      }
      form > .alert {
        margin-bottom: var(--kf-sys-space-m, 1rem);
      }
      form > .bar {
        margin-top: var(--kf-sys-space-m, 1rem);
      }
    `,
  ];

  constructor() {
    super();
    this.params = {};
    this.query = new URLSearchParams();
    this.locale = 'zh-CN';
    this.list = { status: 'loading' };
    this.adding = blankForm();
    this.notice = '';
    this.busy = false;
  }

  protected override willUpdate(): void {
    if (!this.#requested) {
      this.#requested = true;
      void this.#load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller.abort();
  }

  async #load(): Promise<void> {
    const answer = await fetchJson<Listing>('/api/v1/organizations', this.#controller.signal);
    if (this.#controller.signal.aborted) return;
    this.list =
      answer.status === 'ok'
        ? {
            status: 'ok',
            data: { items: answer.data.items, manage: answer.data.can?.manage === true },
          }
        : answer;
  }

  #label(key: AdminTextKey): string {
    return say(this.locale, key);
  }

  /** The form's state after a refusal: each sentence under its control, all in the summary. */
  #placed(form: FormState, message: string): FormState {
    const placed = placeErrors(message, SERVER_KEYS);
    const labels = new Map(CONTROLS.map((control) => [control.server, this.#label(control.label)]));
    labels.set('contact', say(this.locale, 'contactSection'));
    return {
      ...form,
      errors: placed.byKey,
      failure: placed.all.map((item) => ({
        text: item.text,
        label: item.key ? labels.get(item.key) : undefined,
      })),
    };
  }

  /** Focus on the first control the server named, else on the summary. */
  async #focusProblem(form: FormId): Promise<void> {
    await this.updateComplete;
    const root = this.renderRoot.querySelector(`#${form}-form`);
    (
      root?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      root?.querySelector<HTMLElement>('.alert')
    )?.focus();
  }

  async #add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.notice = '';
    const form = { ...this.adding, errors: new Map(), failure: undefined };
    this.adding = form;
    this.busy = true;
    const answer = await apiFetch<Organisation>(
      'POST',
      '/api/v1/organizations',
      orgPayloadOf(form.draft, 'create'),
    );
    this.busy = false;
    if (!answer.ok || !answer.data) {
      this.adding = this.#placed(form, answer.message);
      await this.#focusProblem('add');
      return;
    }
    this.adding = blankForm();
    await this.#load();
    this.notice = say(this.locale, 'orgCreated', { name: answer.data.name });
  }

  #openEdit(organisation: Organisation): void {
    const draft = orgDraftOf(organisation);
    this.notice = '';
    this.editing = {
      id: organisation.id,
      name: organisation.name,
      draft,
      before: orgPayloadOf(draft, 'edit'),
      errors: new Map(),
      failure: undefined,
    };
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('#edit-name')?.focus(),
    );
  }

  #closeEdit(): void {
    const id = this.editing?.id;
    this.editing = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-edit="${id}"]`)?.focus(),
    );
  }

  async #saveEdit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const editing = this.editing;
    if (!editing || this.busy) return;
    this.notice = '';
    const form: Editing = { ...editing, errors: new Map(), failure: undefined };
    this.editing = form;
    const body = changes(form.before, orgPayloadOf(form.draft, 'edit'));
    if (Object.keys(body).length === 0) {
      this.notice = say(this.locale, 'unchanged');
      return;
    }
    this.busy = true;
    const answer = await apiFetch<Organisation>(
      'PATCH',
      `/api/v1/organizations/${encodeURIComponent(form.id)}`,
      body,
    );
    this.busy = false;
    if (!answer.ok || !answer.data) {
      this.editing = { ...form, ...this.#placed(form, answer.message) };
      await this.#focusProblem('edit');
      return;
    }
    await this.#load();
    this.notice = say(this.locale, 'orgSaved', { name: answer.data.name });
    this.#closeEdit();
  }

  #update(form: FormId, key: keyof OrgDraft, value: string): void {
    if (form === 'add')
      this.adding = { ...this.adding, draft: { ...this.adding.draft, [key]: value } };
    else if (this.editing)
      this.editing = { ...this.editing, draft: { ...this.editing.draft, [key]: value } };
  }

  #control(form: FormId, state: FormState, control: (typeof CONTROLS)[number]): TemplateResult {
    const l = this.locale;
    const id = `${form}-${control.key}`;
    const hintId = control.hint ? `${id}-hint` : undefined;
    // One error map per form, keyed by the server's names; the note's id carries the form's.
    const errors = new Map([...state.errors].map(([key, value]) => [`${form}.${key}`, value]));
    const errorKey = `${form}.${control.server}`;
    const described = errorState(errors, errorKey, hintId);
    const onInput = (event: Event) =>
      this.#update(form, control.key, (event.target as HTMLInputElement).value);
    const input = control.multiline
      ? html`<textarea
          id=${id}
          rows="3"
          aria-invalid=${described.invalid}
          aria-describedby=${described.describedby}
          .value=${state.draft[control.key]}
          @input=${onInput}
        ></textarea>`
      : html`<input
          id=${id}
          type=${control.type ?? 'text'}
          aria-required=${control.required ? 'true' : 'false'}
          aria-invalid=${described.invalid}
          aria-describedby=${described.describedby}
          .value=${state.draft[control.key]}
          @input=${onInput}
        />`;
    return html`<div class="control ${control.wide ? 'wide' : ''}">
      <label for=${id}
        >${say(l, control.label)}${
          control.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing
        }</label
      >
      ${input}
      ${control.hint ? html`<p class="hint" id=${hintId!}>${say(l, control.hint)}</p>` : nothing}
      ${errorNote(errors, errorKey)}
      ${control.server === 'contact.name' ? errorNote(errors, `${form}.contact`) : nothing}
    </div>`;
  }

  #summary(state: FormState) {
    if (!state.failure) return nothing;
    const colon = this.locale === 'en' ? ': ' : '：';
    return html`<div class="alert" role="alert" tabindex="-1">
      <p>${say(this.locale, 'errorSummary')}</p>
      <ul>
        ${state.failure.map(
          (item) =>
            html`<li>${item.label ? html`<strong>${item.label}</strong>${colon}` : nothing}${item.text}</li>`,
        )}
      </ul>
    </div>`;
  }

  #form(form: FormId, state: FormState, heading: string, buttons: TemplateResult) {
    return html`<section class="card" aria-labelledby="h-${form}">
      <h2 id="h-${form}">${heading}</h2>
      <form
        id="${form}-form"
        part="${form}-form"
        aria-labelledby="h-${form}"
        novalidate
        @submit=${form === 'add' ? this.#add : this.#saveEdit}
      >
        ${this.#summary(state)}
        <div class="grid">${CONTROLS.map((control) => this.#control(form, state, control))}</div>
        <div class="bar">${buttons}</div>
      </form>
    </section>`;
  }

  #table(items: Organisation[]) {
    const l = this.locale;
    if (items.length === 0) return html`<p>${say(l, 'orgNone')}</p>`;
    return html`<div class="scroll">
      <table part="table">
        <caption class="visually-hidden">${say(l, 'orgTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">${say(l, 'orgName')}</th>
            <th scope="col">${say(l, 'orgShortName')}</th>
            <th scope="col">${say(l, 'orgCode')}</th>
            <th scope="col">${say(l, 'orgOrder')}</th>
            <th scope="col">${say(l, 'orgDatasets')}</th>
            <th scope="col">${say(l, 'actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (organisation) => html`<tr>
              <th scope="row">${organisation.name}</th>
              <td>${organisation.shortName ?? ''}</td>
              <td><code>${organisation.code}</code></td>
              <td>${formatNumber(l, organisation.order)}</td>
              <td>
                <a href="/catalog?org=${encodeURIComponent(organisation.id)}"
                  >${formatNumber(l, organisation.datasetCount)}</a
                >
              </td>
              <td>
                <button
                  type="button"
                  class="secondary"
                  data-edit=${organisation.id}
                  aria-label=${say(l, 'orgEditNamed', { name: organisation.name })}
                  ?disabled=${this.busy}
                  @click=${() => this.#openEdit(organisation)}
                >
                  ${say(l, 'edit')}
                </button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const l = this.locale;
    const list = this.list;
    if (list.status === 'loading') return html`<p role="status">${say(l, 'loading')}</p>`;
    if (list.status !== 'ok')
      return html`<h1>${say(l, 'orgTitle')}</h1>
        <p role="alert">${say(l, 'failed', { message: list.status === 'error' ? list.message : '404' })}</p>`;
    if (!list.data.manage)
      return html`<section class="card">
        <h1>${say(l, 'orgTitle')}</h1>
        <p role="alert">${say(l, 'orgAdminOnly')}</p>
        <p>
          <a class="button" href="/login?returnTo=${encodeURIComponent('/catalog/organisations')}"
            >${say(l, 'signIn')}</a
          >
        </p>
      </section>`;
    const editing = this.editing;
    return html`
      <h1>${say(l, 'orgTitle')}</h1>
      <p class="muted">${say(l, 'orgLead')}</p>
      <p>${say(l, 'orgCount', { n: formatNumber(l, list.data.items.length) })}</p>
      <p role="status" class="saved">${this.notice}</p>
      ${this.#table(list.data.items)}
      ${
        editing
          ? this.#form(
              'edit',
              editing,
              say(l, 'orgEdit', { name: editing.name }),
              html`<button type="submit" ?disabled=${this.busy}>
                  ${this.busy ? say(l, 'saving') : say(l, 'save')}
                </button>
                <button type="button" class="secondary" @click=${this.#closeEdit}>
                  ${say(l, 'cancel')}
                </button>`,
            )
          : nothing
      }
      ${this.#form(
        'add',
        this.adding,
        say(l, 'orgAdd'),
        html`<button type="submit" ?disabled=${this.busy}>
          ${this.busy ? say(l, 'saving') : say(l, 'orgAddButton')}
        </button>`,
      )}
    `;
  }
}

if (!customElements.get('kf-organisation-admin'))
  customElements.define('kf-organisation-admin', KfOrganisationAdmin);
