/**
 * `<kf-dataset-editor>` at `/catalog/new` and `/catalog/:id/edit`: the publisher's form for a
 * dataset's metadata (CKAN's /dataset/new and edit). Every key the API's create and patch
 * schemas accept has a control; the server validates, and its 400 message is placed next to
 * the control it names while everything typed stays in the form. A new dataset is saved as a
 * draft; the state is offered only to those with the publish right, and a refusal (e.g. the
 * data security review's 409) is shown with a link to the page that handles it. Saves and
 * deletes send `If-Match` with the version the form was filled from: when someone else changed
 * the dataset meanwhile the server answers 412, the form keeps what was typed and offers to
 * reload the latest version (which replaces the unsaved edits).
 *
 * @csspart form - the form
 * @csspart fields - the field dictionary table
 */
import { apiFetch } from '@kaifang/plugin-auth-sso/ui/client';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import {
  GRADES,
  LABELS,
  OPEN_TYPES,
  type OpenType,
  STATES,
  UPDATE_CYCLES,
  UPDATE_METHODS,
} from '../model.ts';
import { adminStyles } from './admin-styles.ts';
import { type AdminTextKey, pickLabel, say } from './admin-text.ts';
import { renderFields } from './editor-fields.ts';
import {
  changes,
  type Draft,
  draftOf,
  emptyDraft,
  type FieldDraft,
  newField,
  type Payload,
  payloadOf,
  placeErrors,
  type StoredDataset,
  splitList,
} from './editor-model.ts';
import { errorNote, errorState } from './form-errors.ts';
import { baseStyles, fetchJson, type Loaded, stateLabel } from './shared.ts';
import { pageLink } from './site-pages.ts';

interface Choice {
  code: string;
  name: string;
  nameEn?: string;
}
interface Organisation {
  id: string;
  name: string;
}
interface Licence {
  code: string;
  name: string;
}

/** What the form needs before it can show anything. */
interface Context {
  orgs: Organisation[];
  domains: Choice[];
  scenarios: Choice[];
  licences: Licence[];
  dataset?: StoredDataset;
}

type Refusal = 'admin-only' | 'not-editable';
type Failed = Exclude<Loaded<unknown>, { status: 'ok' }>;

/** A failed save: the sentences of the message, each with the label of the control it names. */
interface Failure {
  items: { text: string; label: string | undefined }[];
  /** Where the refusal is resolved (the security review page), when the portal has it. */
  link?: string;
}

const TEXT_KEYS = [
  'identifier',
  'title',
  'description',
  'tags',
  'classifications',
  'formats',
  'recordCount',
  'primaryKey',
  'contactName',
  'contactPhone',
  'contactEmail',
] as const;
type TextKey = (typeof TEXT_KEYS)[number];

/** Form keys whose server name differs (the API nests the contact). */
const SERVER_KEY: Partial<Record<keyof Draft, string>> = {
  contactName: 'contact.name',
  contactPhone: 'contact.phone',
  contactEmail: 'contact.email',
};

export class KfDatasetEditor extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    locale: {},
    context: { state: true },
    refusal: { state: true },
    draft: { state: true },
    errors: { state: true },
    failure: { state: true },
    stale: { state: true },
    notice: { state: true },
    busy: { state: true },
  };
  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare locale: string;
  declare context: Loaded<Context>;
  declare refusal: Refusal | undefined;
  declare draft: Draft;
  declare errors: Map<string, string[]>;
  declare failure: Failure | undefined;
  /** Someone else changed the dataset since the form was filled: the refused action. */
  declare stale: 'save' | 'delete' | undefined;
  declare notice: string;
  declare busy: boolean;
  /** The edited dataset's body as loaded or last saved: a PATCH sends what differs from it. */
  #saved: Payload = {};
  #loadedFor: string | undefined;
  #controller?: AbortController;

  static override styles = [baseStyles, adminStyles];

  constructor() {
    super();
    this.params = {};
    this.query = new URLSearchParams();
    this.locale = 'zh-CN';
    this.context = { status: 'loading' };
    this.draft = emptyDraft();
    this.errors = new Map();
    this.notice = '';
    this.busy = false;
  }

  get #id(): string | undefined {
    return this.params?.id;
  }

  get #mode(): 'create' | 'edit' {
    return this.#id ? 'edit' : 'create';
  }

  protected override willUpdate(): void {
    const wanted = this.#id ?? '';
    if (wanted !== this.#loadedFor) {
      this.#loadedFor = wanted;
      void this.#load(wanted);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller?.abort();
  }

  async #load(id: string): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    this.context = { status: 'loading' };
    this.refusal = undefined;
    const [orgs, domains, scenarios, licences, dataset] = await Promise.all([
      fetchJson<{ items: Organisation[] }>('/api/v1/organizations?editable=true', signal),
      fetchJson<{ items: Choice[] }>('/api/v1/domains', signal),
      fetchJson<{ items: Choice[] }>('/api/v1/domains?kind=scenario', signal),
      fetchJson<{ items: Licence[] }>('/api/v1/licences', signal),
      id
        ? fetchJson<StoredDataset>(`/api/v1/datasets/${encodeURIComponent(id)}`, signal)
        : undefined,
    ]);
    if (signal.aborted) return;
    // A guest or a user without the right: say so, whatever else failed (a draft is a 404 to them).
    if (orgs.status === 'ok' && orgs.data.items.length === 0) {
      this.refusal = 'admin-only';
      this.context = { status: 'ok', data: { orgs: [], domains: [], scenarios: [], licences: [] } };
      return;
    }
    // The first failed answer (not found, an error) is what the page shows.
    const failure = [orgs, domains, scenarios, licences, dataset].find(
      (answer): answer is Failed => answer !== undefined && answer.status !== 'ok',
    );
    if (failure) {
      this.context = failure;
      return;
    }
    if (
      orgs.status !== 'ok' ||
      domains.status !== 'ok' ||
      scenarios.status !== 'ok' ||
      licences.status !== 'ok'
    )
      return;
    const stored = dataset?.status === 'ok' ? dataset.data : undefined;
    if (stored && !stored.can?.edit) this.refusal = 'not-editable';
    this.context = {
      status: 'ok',
      data: {
        orgs: orgs.data.items,
        domains: domains.data.items,
        scenarios: scenarios.data.items,
        licences: licences.data.items,
        ...(stored ? { dataset: stored } : {}),
      },
    };
    this.#reset(stored, orgs.data.items);
    if (stored && this.query?.get('created')) this.notice = say(this.locale, 'created');
  }

  /** Puts a stored dataset (or an empty one) into the form. */
  #reset(stored: StoredDataset | undefined, orgs: Organisation[]): void {
    this.draft = stored ? draftOf(stored) : emptyDraft(orgs.length === 1 ? orgs[0]!.id : '');
    this.#saved = stored ? payloadOf(this.draft, 'edit') : {};
    this.errors = new Map();
    this.failure = undefined;
    this.stale = undefined;
  }

  /**
   * `If-Match` for the version the form shows (loaded, or answered by the last save), so a
   * write never overwrites a change made by someone else since.
   */
  #ifMatch(): Record<string, string> {
    const version = this.context.status === 'ok' ? this.context.data.dataset?.version : undefined;
    return version === undefined ? {} : { 'if-match': `"v${version}"` };
  }

  /** A 412: say so where the summary goes and keep every keystroke in the form. */
  async #changedMeanwhile(action: 'save' | 'delete'): Promise<void> {
    this.stale = action;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#stale')?.focus();
  }

  /** Replaces the form's content (and the unsaved edits) with the dataset as stored now. */
  async #reloadLatest(): Promise<void> {
    const id = this.#id;
    if (!id) return;
    this.notice = '';
    await this.#load(id);
    if (this.context.status === 'ok') this.notice = say(this.locale, 'reloaded');
  }

  #set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft = { ...this.draft, [key]: value };
  }

  #fieldsEditor() {
    return {
      locale: this.locale,
      fields: this.draft.fields,
      errors: this.errors,
      change: (index: number, patch: Partial<FieldDraft>) =>
        this.#set(
          'fields',
          this.draft.fields.map((field, i) => (i === index ? { ...field, ...patch } : field)),
        ),
      add: () => this.#set('fields', [...this.draft.fields, newField()]),
      remove: (index: number) =>
        this.#set(
          'fields',
          this.draft.fields.filter((_field, i) => i !== index),
        ),
    };
  }

  /** Every key a control of the rendered form answers for (`data-key`), with its label. */
  #knownKeys(): Map<string, string> {
    const known = new Map<string, string>();
    for (const element of this.renderRoot.querySelectorAll<HTMLElement>('[data-key]'))
      known.set(element.dataset.key!, element.dataset.label ?? '');
    return known;
  }

  #navigate(href: string): void {
    this.dispatchEvent(
      new CustomEvent('kf-navigate', { detail: { href }, bubbles: true, composed: true }),
    );
  }

  /** Shows a refused save: 400 sentences next to their controls, others in the summary. */
  async #refused(status: number, message: string): Promise<void> {
    const known = this.#knownKeys();
    const placed = placeErrors(message, new Set(known.keys()));
    this.errors = placed.byKey;
    const id = this.#id;
    // The data security plugin names its review route when it refuses a publication.
    const security =
      status === 409 && id && message.includes('/data-security/')
        ? pageLink('/data-security/:id', id)
        : undefined;
    this.failure = {
      items: placed.all.map((item) => ({
        text: item.text,
        label: item.key ? known.get(item.key) : undefined,
      })),
      ...(security ? { link: security } : {}),
    };
    await this.updateComplete;
    const target =
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      this.renderRoot.querySelector<HTMLElement>('#failure');
    target?.focus();
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.notice = '';
    this.failure = undefined;
    this.stale = undefined;
    this.errors = new Map();
    const id = this.#id;
    const payload = payloadOf(this.draft, this.#mode);
    const body = id ? changes(this.#saved, payload) : payload;
    if (id && Object.keys(body).length === 0) {
      this.notice = say(this.locale, 'unchanged');
      return;
    }
    this.busy = true;
    const answer = id
      ? await apiFetch<StoredDataset>(
          'PATCH',
          `/api/v1/datasets/${encodeURIComponent(id)}`,
          body,
          this.#ifMatch(),
        )
      : await apiFetch<StoredDataset>('POST', '/api/v1/datasets', body);
    this.busy = false;
    if (answer.status === 412) {
      await this.#changedMeanwhile('save');
      return;
    }
    if (!answer.ok || !answer.data) {
      await this.#refused(answer.status, answer.message);
      return;
    }
    const saved = answer.data;
    if (!id) {
      // Straight to the new dataset's own editor: uploads and the review link from there.
      this.#navigate(`/catalog/${encodeURIComponent(saved.id)}/edit?created=1`);
      return;
    }
    if (this.context.status === 'ok') {
      // The write's answer has no `can`; the rights did not change with the edit.
      const can = this.context.data.dataset?.can;
      const dataset = { ...saved, ...(can ? { can } : {}) };
      this.context = { status: 'ok', data: { ...this.context.data, dataset } };
      this.#reset(dataset, this.context.data.orgs);
    }
    this.notice = say(this.locale, 'saved');
  }

  #openDelete(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.showModal();
  }

  #closeDelete(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
  }

  async #delete(): Promise<void> {
    const id = this.#id;
    if (!id) return;
    this.busy = true;
    const answer = await apiFetch(
      'DELETE',
      `/api/v1/datasets/${encodeURIComponent(id)}`,
      undefined,
      this.#ifMatch(),
    );
    this.busy = false;
    this.#closeDelete();
    if (answer.ok) {
      this.#navigate('/catalog/manage');
      return;
    }
    if (answer.status === 412) {
      await this.#changedMeanwhile('delete');
      return;
    }
    await this.#refused(answer.status, answer.message);
  }

  // ---- controls ----

  #label(key: AdminTextKey, required: boolean) {
    return html`${say(this.locale, key)}${
      required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing
    }`;
  }

  #text(
    key: TextKey,
    labelKey: AdminTextKey,
    options: { required?: boolean; hint?: AdminTextKey; multiline?: boolean; type?: string } = {},
  ): TemplateResult {
    const serverKey = SERVER_KEY[key] ?? key;
    const hintId = options.hint ? `hint-${key}` : undefined;
    const state = errorState(this.errors, serverKey, hintId);
    const label = say(this.locale, labelKey);
    const onInput = (event: Event) =>
      this.#set(key, (event.target as HTMLInputElement | HTMLTextAreaElement).value);
    const control = options.multiline
      ? html`<textarea
          id="f-${key}"
          rows="4"
          data-key=${serverKey}
          data-label=${label}
          aria-invalid=${state.invalid}
          aria-describedby=${state.describedby}
          .value=${this.draft[key]}
          @input=${onInput}
        ></textarea>`
      : html`<input
          id="f-${key}"
          type=${options.type ?? 'text'}
          data-key=${serverKey}
          data-label=${label}
          aria-required=${options.required ? 'true' : 'false'}
          aria-invalid=${state.invalid}
          aria-describedby=${state.describedby}
          .value=${this.draft[key]}
          @input=${onInput}
        />`;
    return html`<div class="control">
      <label for="f-${key}">${this.#label(labelKey, options.required ?? false)}</label>
      ${control}
      ${options.hint ? html`<p class="hint" id=${hintId!}>${say(this.locale, options.hint)}</p>` : nothing}
      ${errorNote(this.errors, serverKey)}
    </div>`;
  }

  #select(
    key:
      | 'openType'
      | 'grade'
      | 'updateCycle'
      | 'updateMethod'
      | 'licence'
      | 'organizationId'
      | 'state',
    labelKey: AdminTextKey,
    options: { value: string; label: string }[],
    required: boolean,
  ): TemplateResult {
    const state = errorState(this.errors, key);
    const current = String(this.draft[key]);
    return html`<div class="control">
      <label for="f-${key}">${this.#label(labelKey, required)}</label>
      <select
        id="f-${key}"
        data-key=${key}
        data-label=${say(this.locale, labelKey)}
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${state.invalid}
        aria-describedby=${state.describedby}
        @change=${(event: Event) =>
          this.#set(key, (event.target as HTMLSelectElement).value as Draft[typeof key])}
      >
        ${options.map(
          (option) =>
            html`<option value=${option.value} ?selected=${option.value === current}>${option.label}</option>`,
        )}
      </select>
      ${errorNote(this.errors, key)}
    </div>`;
  }

  /** A group of checkboxes for a list of codes (domains, scenarios). */
  #checks(
    key: 'domains' | 'scenarios',
    labelKey: AdminTextKey,
    choices: Choice[],
    options: { required?: boolean; hint?: AdminTextKey } = {},
  ): TemplateResult {
    const l = this.locale;
    const chosen = new Set(this.draft[key]);
    const hintId = options.hint ? `hint-${key}` : undefined;
    const state = errorState(this.errors, key, hintId);
    const toggle = (code: string, on: boolean) =>
      this.#set(
        key,
        // In the list's order, so the first chosen domain stays first.
        choices.map((c) => c.code).filter((c) => (c === code ? on : chosen.has(c))),
      );
    return html`<fieldset
      class="checks"
      data-key=${key}
      data-label=${say(l, labelKey)}
      aria-describedby=${state.describedby}
    >
      <legend>${this.#label(labelKey, options.required ?? false)}</legend>
      ${options.hint ? html`<p class="hint" id=${hintId!}>${say(l, options.hint)}</p>` : nothing}
      <div class="options">
        ${choices.map(
          (choice) => html`<label class="check">
            <input
              type="checkbox"
              .checked=${chosen.has(choice.code)}
              @change=${(event: Event) =>
                toggle(choice.code, (event.target as HTMLInputElement).checked)}
            />
            ${l === 'en' && choice.nameEn ? choice.nameEn : choice.name}
          </label>`,
        )}
      </div>
      ${errorNote(this.errors, key)}
    </fieldset>`;
  }

  /** The key: field checkboxes when the dataset has a field dictionary, else names typed. */
  #primaryKey(): TemplateResult {
    const l = this.locale;
    const names = this.draft.fields.map((field) => field.name.trim()).filter(Boolean);
    if (names.length === 0)
      return this.#text('primaryKey', 'primaryKey', { hint: 'primaryKeyHint' });
    const chosen = new Set(splitList(this.draft.primaryKey));
    const state = errorState(this.errors, 'primaryKey', 'hint-primaryKey');
    const toggle = (name: string, on: boolean) =>
      this.#set('primaryKey', names.filter((n) => (n === name ? on : chosen.has(n))).join(', '));
    return html`<fieldset
      class="checks"
      data-key="primaryKey"
      data-label=${say(l, 'primaryKey')}
      aria-describedby=${state.describedby}
    >
      <legend>${say(l, 'primaryKey')}</legend>
      <p class="hint" id="hint-primaryKey">${say(l, 'primaryKeyHint')}</p>
      <div class="options">
        ${this.draft.fields.map((field) =>
          field.name.trim()
            ? html`<label class="check">
                <input
                  type="checkbox"
                  .checked=${chosen.has(field.name.trim())}
                  @change=${(event: Event) =>
                    toggle(field.name.trim(), (event.target as HTMLInputElement).checked)}
                />
                ${field.label || field.name} <code>${field.name}</code>
              </label>`
            : nothing,
        )}
      </div>
      ${errorNote(this.errors, 'primaryKey')}
    </fieldset>`;
  }

  #organisation(context: Context): TemplateResult {
    const l = this.locale;
    const { orgs } = context;
    if (orgs.length === 1 && (!context.dataset || context.dataset.organization.id === orgs[0]!.id))
      return html`<div class="control">
        <span class="label">${say(l, 'organisation')}</span>
        <span data-key="organizationId" data-label=${say(l, 'organisation')}>${orgs[0]!.name}</span>
        ${errorNote(this.errors, 'organizationId')}
      </div>`;
    return this.#select(
      'organizationId',
      'organisation',
      [
        ...(this.#mode === 'create' ? [{ value: '', label: '—' }] : []),
        ...orgs.map((org) => ({ value: org.id, label: org.name })),
      ],
      true,
    );
  }

  #section(id: string, title: AdminTextKey, body: unknown) {
    return html`<section class="card" aria-labelledby="h-${id}">
      <h2 id="h-${id}">${say(this.locale, title)}</h2>
      <div class="grid">${body}</div>
    </section>`;
  }

  #form(context: Context): TemplateResult {
    const l = this.locale;
    const editing = this.#mode === 'edit';
    const pick = (label: { zh: string; en: string }) => pickLabel(l, label);
    const openTypes = OPEN_TYPES.map((value) => ({
      value,
      label: pick(LABELS.openType[value as OpenType]),
    }));
    const grades = [
      ...(editing ? [] : [{ value: '', label: say(l, 'licenceDefault') }]),
      ...GRADES.map((value) => ({ value: String(value), label: pick(LABELS.grade[value]) })),
    ];
    const choose = { value: '', label: '—' };
    const cycles = [
      ...(editing ? [] : [choose]),
      ...UPDATE_CYCLES.map((value) => ({ value, label: pick(LABELS.updateCycle[value]) })),
    ];
    const methods = [
      ...(editing ? [] : [choose]),
      ...UPDATE_METHODS.map((value) => ({ value, label: pick(LABELS.updateMethod[value]) })),
    ];
    const licences = [
      ...(editing ? [] : [{ value: '', label: say(l, 'licenceDefault') }]),
      ...context.licences.map((licence) => ({ value: licence.code, label: licence.name })),
    ];
    const canPublish = editing && context.dataset?.can?.publish === true;
    return html`<form part="form" novalidate @submit=${this.#save}>
      ${this.#staleNote()} ${this.#failure()}
      ${this.#section(
        'basics',
        'basics',
        html`${this.#text('title', 'title', { required: true })}
        ${this.#text('identifier', 'identifier', { hint: 'identifierHint' })}
        <div class="wide">${this.#text('description', 'description', { multiline: true })}</div>
        ${this.#organisation(context)}
        ${this.#text('tags', 'tags', { hint: 'listHint' })}
        <div class="wide">
          ${this.#checks('domains', 'domains', context.domains, { required: true, hint: 'domainsHint' })}
        </div>
        <div class="wide">${this.#checks('scenarios', 'scenarios', context.scenarios)}</div>`,
      )}
      ${this.#section(
        'openness',
        'openness',
        html`${this.#select('openType', 'openType', openTypes, true)}
        ${this.#select('grade', 'grade', grades, false)}
        ${this.#text('classifications', 'classifications', { hint: 'listHint' })}
        ${this.#select('licence', 'licence', licences, false)}`,
      )}
      ${this.#section(
        'maintenance',
        'maintenance',
        html`${this.#select('updateCycle', 'updateCycle', cycles, true)}
        ${this.#select('updateMethod', 'updateMethod', methods, true)}
        <div class="wide">${this.#primaryKey()}</div>
        ${this.#text('formats', 'formats', { hint: 'listHint' })}
        ${this.#text('recordCount', 'recordCount', { type: 'number', hint: 'factsHint' })}`,
      )}
      ${this.#section(
        'contact',
        'contactSection',
        html`${this.#text('contactName', 'contactName')}
        ${this.#text('contactPhone', 'contactPhone', { type: 'tel' })}
        ${this.#text('contactEmail', 'contactEmail', { type: 'email' })}`,
      )}
      <section class="card" aria-labelledby="h-fields">
        <h2 id="h-fields">${say(l, 'fieldsSection')}</h2>
        ${renderFields(this.#fieldsEditor())}
      </section>
      ${
        canPublish
          ? this.#section(
              'state',
              'stateSection',
              html`${this.#select(
                'state',
                'state',
                STATES.map((value) => ({ value, label: stateLabel(l, value) })),
                true,
              )}
              <p class="hint wide">${say(l, 'stateHint')}</p>`,
            )
          : nothing
      }
      <div class="bar">
        <button type="submit" ?disabled=${this.busy}>
          ${this.busy ? say(l, 'saving') : say(l, editing ? 'save' : 'saveDraft')}
        </button>
        ${
          editing
            ? html`<button type="button" class="danger" ?disabled=${this.busy} @click=${this.#openDelete}>
              ${say(l, 'delete')}
            </button>`
            : nothing
        }
        <a href="/catalog/manage">${say(l, 'backToManage')}</a>
        <span role="status" class="saved">${this.notice}</span>
      </div>
    </form>`;
  }

  #staleNote() {
    const l = this.locale;
    if (!this.stale) return nothing;
    return html`<div id="stale" class="alert" role="alert" tabindex="-1">
      <p>${say(l, this.stale === 'delete' ? 'staleDelete' : 'staleSave')}</p>
      <p class="hint" id="reload-hint">${say(l, 'reloadHint')}</p>
      <button
        type="button"
        aria-describedby="reload-hint"
        ?disabled=${this.busy}
        @click=${this.#reloadLatest}
      >
        ${say(l, 'reloadLatest')}
      </button>
    </div>`;
  }

  #failure() {
    const failure = this.failure;
    if (!failure) return nothing;
    const colon = this.locale === 'en' ? ': ' : '：';
    return html`<div id="failure" class="alert" role="alert" tabindex="-1">
      <p>${say(this.locale, 'errorSummary')}</p>
      <ul>
        ${failure.items.map(
          (item) =>
            html`<li>${item.label ? html`<strong>${item.label}</strong>${colon}` : nothing}${item.text}</li>`,
        )}
      </ul>
      ${failure.link ? html`<p><a href=${failure.link}>${say(this.locale, 'conflictHint')}</a></p>` : nothing}
    </div>`;
  }

  #deleteDialog(dataset: StoredDataset) {
    const l = this.locale;
    return html`<dialog aria-labelledby="delete-title">
      <p id="delete-title">${say(l, 'deleteConfirm', { title: dataset.title })}</p>
      <div class="bar">
        <button type="button" class="danger" ?disabled=${this.busy} @click=${this.#delete}>
          ${say(l, 'deleteYes')}
        </button>
        <button type="button" class="secondary" @click=${this.#closeDelete}>${say(l, 'cancel')}</button>
      </div>
    </dialog>`;
  }

  /** Links from the dataset's editor to its other pages (those the portal has). */
  #links(dataset: StoredDataset) {
    const l = this.locale;
    const links: [string | undefined, AdminTextKey][] = [
      [`/catalog/${encodeURIComponent(dataset.id)}`, 'viewDataset'],
      [pageLink('/data/:id', dataset.id), 'upload'],
      [pageLink('/data-security/:id', dataset.id), 'security'],
    ];
    return html`<p class="actions">
      <span class="badge state-${dataset.state}">${stateLabel(l, dataset.state)}</span>
      ${links.map(([href, key]) => (href ? html`<a href=${href}>${say(l, key)}</a>` : nothing))}
    </p>`;
  }

  override render() {
    const l = this.locale;
    const heading = say(l, this.#mode === 'edit' ? 'editDataset' : 'newDataset');
    const context = this.context;
    if (context.status === 'loading') return html`<p role="status">${say(l, 'loading')}</p>`;
    if (context.status === 'not-found')
      return html`<h1>${heading}</h1>
        <p role="alert">${say(l, 'notFound')}</p>
        <p><a href="/catalog/manage">${say(l, 'backToManage')}</a></p>`;
    if (context.status === 'error')
      return html`<h1>${heading}</h1>
        <p role="alert">${say(l, 'failed', { message: context.message })}</p>`;
    if (this.refusal)
      return html`<section class="card">
        <h1>${heading}</h1>
        <p role="alert">${say(l, this.refusal === 'admin-only' ? 'adminOnly' : 'notEditable')}</p>
        ${
          this.refusal === 'admin-only'
            ? html`<p><a class="button" href="/login?returnTo=${encodeURIComponent(location.pathname)}">${say(l, 'signIn')}</a></p>`
            : nothing
        }
      </section>`;
    const dataset = context.data.dataset;
    return html`
      <h1>${heading}${dataset ? html`：${dataset.title}` : nothing}</h1>
      ${dataset ? this.#links(dataset) : nothing}
      ${this.#form(context.data)} ${dataset ? this.#deleteDialog(dataset) : nothing}
    `;
  }
}

if (!customElements.get('kf-dataset-editor'))
  customElements.define('kf-dataset-editor', KfDatasetEditor);
