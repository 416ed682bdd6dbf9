/**
 * `<kf-domain-admin>` at `/admin/domains`: platform admins list, add, edit and delete the data
 * domains (the 19 base ones and the deployment's own) and scenario categories, through
 * `GET/POST/PATCH/DELETE /api/v1/domains`. Base domains keep their names and cannot be
 * disabled or deleted, so their form has only icon and order, and their rows no delete button.
 * Whether a write is allowed is the server's answer: a refusal (403, 409) shows as an alert, a
 * 400 next to the field it names, and the input stays.
 *
 * @csspart form - the add / edit form
 * @csspart domains - the table of domains
 * @csspart scenarios - the table of scenario categories
 */
import { apiFetch } from '@kaifang/plugin-auth-sso/ui/client';
import {
  alertStyles,
  badgeStyles,
  buttonStyles,
  dialogStyles,
  formStyles,
  headingStyles,
  pageStyles,
  tableStyles,
} from '@kaifang/sdk/ui';
import { css, html, LitElement, nothing } from 'lit';
import { ICON_NAMES } from '../icons.ts';
import { errorId, placeErrors } from './form-errors.ts';

interface Domain {
  code: string;
  kind: 'base' | 'extra' | 'scenario';
  name: string;
  nameEn: string;
  icon: string;
  iconName: string;
  order: number;
  enabled: boolean;
  datasetCount: number;
}

interface Draft {
  code: string;
  kind: 'extra' | 'scenario';
  zh: string;
  en: string;
  icon: string;
  order: string;
  enabled: boolean;
}

type Editing = { mode: 'new' } | { mode: 'edit'; domain: Domain };

type Loaded =
  | { status: 'loading' }
  | { status: 'ok'; items: Domain[] }
  | { status: 'error'; message: string };

const TEXT = {
  title: { zh: '数据领域管理', en: 'Domains and scenarios' },
  lead: {
    zh: '19 个基础领域按省级目录规范命名，只能调整图标和排序；本地增加的领域和应用场景可以修改、停用，没有已发布数据集时可以删除。',
    en: 'The 19 base domains are named by the provincial catalogue specification: only their icon and order can change. Domains and scenarios added here can be edited, disabled, and deleted while no published dataset uses them.',
  },
  domains: { zh: '领域', en: 'Domains' },
  scenarios: { zh: '应用场景', en: 'Scenarios' },
  addDomain: { zh: '添加领域', en: 'Add a domain' },
  addScenario: { zh: '添加应用场景', en: 'Add a scenario' },
  newTitle: { zh: '添加领域或应用场景', en: 'Add a domain or scenario' },
  editTitle: { zh: '编辑“{name}”', en: 'Edit “{name}”' },
  name: { zh: '名称', en: 'Name' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  code: { zh: '代码', en: 'Code' },
  codeHint: {
    zh: '小写字母、数字和连字符，以字母开头；保存后不能修改。',
    en: 'Lower-case letters, digits and hyphens, starting with a letter; fixed once saved.',
  },
  kind: { zh: '类别', en: 'Kind' },
  kindExtra: { zh: '领域', en: 'Domain' },
  kindScenario: { zh: '应用场景', en: 'Scenario' },
  kindBase: { zh: '基础领域', en: 'Base domain' },
  order: { zh: '排序', en: 'Order' },
  orderHint: { zh: '数字越小越靠前。', en: 'Smaller numbers come first.' },
  icon: { zh: '图标', en: 'Icon' },
  enabled: { zh: '启用', en: 'Enabled' },
  isEnabled: { zh: '已启用', en: 'Enabled' },
  disabled: { zh: '已停用', en: 'Disabled' },
  datasets: { zh: '已发布数据集', en: 'Published datasets' },
  actions: { zh: '操作', en: 'Actions' },
  edit: { zh: '编辑', en: 'Edit' },
  delete: { zh: '删除', en: 'Delete' },
  save: { zh: '保存', en: 'Save' },
  add: { zh: '添加', en: 'Add' },
  cancel: { zh: '取消', en: 'Cancel' },
  required: { zh: '必填', en: 'required' },
  confirmTitle: { zh: '删除“{name}”？', en: 'Delete “{name}”?' },
  confirmText: {
    zh: '删除后不能恢复。仍有数据集使用的领域不能删除，可以停用。',
    en: 'This cannot be undone. A domain datasets still use cannot be deleted; disable it instead.',
  },
  added: { zh: '已添加“{name}”。', en: 'Added “{name}”.' },
  saved: { zh: '已保存“{name}”。', en: 'Saved “{name}”.' },
  deleted: { zh: '已删除“{name}”。', en: 'Deleted “{name}”.' },
  unchanged: { zh: '没有修改。', en: 'Nothing changed.' },
  refused: { zh: '未能保存：', en: 'Not saved:' },
  fixFields: { zh: '请修改标出的字段。', en: 'Please correct the marked fields.' },
  status: { zh: '状态', en: 'Status' },
  deleteRefused: { zh: '未能删除：', en: 'Not deleted:' },
  forbidden: {
    zh: '只有平台管理员可以管理数据领域和应用场景。',
    en: 'Only platform administrators can manage domains and scenarios.',
  },
  signIn: { zh: '请先登录。', en: 'Please sign in first.' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  failed: { zh: '加载失败：{message}', en: 'Could not load: {message}' },
  none: { zh: '暂无。', en: 'None yet.' },
} as const;

type TextKey = keyof typeof TEXT;

function say(locale: string, key: TextKey, values: Record<string, string> = {}): string {
  const text = TEXT[key][locale.startsWith('en') ? 'en' : 'zh'];
  return text.replace(/\{(\w+)\}/g, (_all, name: string) => values[name] ?? '');
}

const API = '/api/v1/domains';
const iconUrl = (name: string) => `${API}/icons/${encodeURIComponent(name)}.svg`;

function emptyDraft(kind: Draft['kind']): Draft {
  return { code: '', kind, zh: '', en: '', icon: 'tag', order: '', enabled: true };
}

function draftOf(domain: Domain): Draft {
  return {
    code: domain.code,
    kind: domain.kind === 'scenario' ? 'scenario' : 'extra',
    zh: domain.name,
    en: domain.nameEn,
    icon: domain.iconName,
    order: String(domain.order),
    enabled: domain.enabled,
  };
}

/** A number when the box holds one, else the text as typed: the server says what is wrong. */
function orderValue(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export class KfDomainAdmin extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    locale: {},
    list: { state: true },
    editing: { state: true },
    draft: { state: true },
    errors: { state: true },
    failure: { state: true },
    notice: { state: true },
    busy: { state: true },
    deleting: { state: true },
  };
  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare locale: string;
  declare list: Loaded;
  declare editing: Editing | undefined;
  declare draft: Draft;
  declare errors: Map<string, string[]>;
  declare failure: { lead: TextKey; lines: string[] } | undefined;
  declare notice: string;
  declare busy: boolean;
  declare deleting: Domain | undefined;

  // The SDK's shared blocks, then what this page does differently: tighter headings, notes
  // and messages (the page is a dense list), rows centred on their icons, and neutral badges.
  static override styles = [
    pageStyles,
    headingStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    alertStyles,
    badgeStyles,
    dialogStyles,
    css`
      h2 {
        margin: 0;
      }
      section {
        margin-top: var(--kf-sys-space-l, 1.5rem);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: var(--kf-sys-space-m, 1rem);
        margin-bottom: var(--kf-sys-space-s, 0.5rem);
      }
      .muted {
        margin: 0;
        font-weight: 400;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: var(--kf-sys-space-m, 1rem) var(--kf-sys-space-l, 1.5rem);
        align-items: start;
        margin: var(--kf-sys-space-m, 1rem) 0;
      }
      input,
      select {
        width: 100%;
      }
      input[type='checkbox'] {
        width: auto;
      }
      label.check {
        font-weight: 600;
      }
      .with-icon {
        display: flex;
        align-items: center;
        gap: var(--kf-sys-space-s, 0.5rem);
      }
      .error {
        margin: 0;
      }
      .alert,
      .success {
        margin: var(--kf-sys-space-s, 0.5rem) 0;
      }
      .alert p {
        margin: var(--kf-sys-space-xs, 0.25rem) 0 0;
      }
      .bar,
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-m, 1rem);
      }
      th,
      td {
        vertical-align: middle;
      }
      .number {
        text-align: right;
      }
      img.icon {
        width: 24px;
        height: 24px;
        flex: none;
      }
      code {
        font-family: var(--kf-sys-font-mono, ui-monospace, monospace);
      }
      .badge {
        background: var(--kf-sys-color-surface-variant, #eceff4);
        color: var(--kf-sys-color-on-surface-muted, #566070);
      }
    `,
  ];

  constructor() {
    super();
    this.params = {};
    this.query = new URLSearchParams();
    this.locale = 'zh-CN';
    this.list = { status: 'loading' };
    this.editing = undefined;
    this.draft = emptyDraft('extra');
    this.errors = new Map();
    this.failure = undefined;
    this.notice = '';
    this.busy = false;
    this.deleting = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    const answer = await apiFetch<{ items: Domain[] }>(
      'GET',
      `${API}?kind=all&includeDisabled=true`,
    );
    this.list =
      answer.ok && answer.data
        ? { status: 'ok', items: answer.data.items }
        : { status: 'error', message: answer.message };
  }

  #say(key: TextKey, values?: Record<string, string>): string {
    return say(this.locale, key, values);
  }

  #clearMessages(): void {
    this.errors = new Map();
    this.failure = undefined;
    this.notice = '';
  }

  async #open(editing: Editing, draft: Draft): Promise<void> {
    this.#clearMessages();
    this.editing = editing;
    this.draft = draft;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('form input:not([disabled]), form select')?.focus();
  }

  #close(): void {
    this.editing = undefined;
    this.errors = new Map();
    this.failure = undefined;
  }

  #set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft = { ...this.draft, [key]: value };
  }

  /** The request for the form: everything for a new one, only what changed for an edit. */
  #payload(): Record<string, unknown> {
    const d = this.draft;
    const editing = this.editing;
    if (editing?.mode !== 'edit') {
      return {
        code: d.code.trim(),
        kind: d.kind,
        name: { zh: d.zh, en: d.en },
        icon: d.icon,
        ...(d.order.trim() ? { order: orderValue(d.order) } : {}),
      };
    }
    const was = draftOf(editing.domain);
    const out: Record<string, unknown> = {};
    if (editing.domain.kind !== 'base') {
      if (d.zh !== was.zh || d.en !== was.en) out.name = { zh: d.zh, en: d.en };
      if (d.enabled !== was.enabled) out.enabled = d.enabled;
    }
    if (d.icon !== was.icon) out.icon = d.icon;
    if (d.order.trim() !== was.order) out.order = orderValue(d.order);
    return out;
  }

  /** A refusal: 400 sentences under their controls, the rest (403, 409, others) in the alert. */
  async #refused(status: number, message: string, lead: TextKey): Promise<void> {
    const known = new Set(
      [...this.renderRoot.querySelectorAll<HTMLElement>('form [data-key]')].map(
        (element) => element.dataset.key!,
      ),
    );
    const placed =
      status === 400 ? placeErrors(message, known) : { byKey: new Map(), other: [message] };
    if (status === 401) placed.other.unshift(this.#say('signIn'));
    if (status === 403) placed.other.unshift(this.#say('forbidden'));
    this.errors = placed.byKey;
    this.failure = { lead, lines: placed.other };
    await this.updateComplete;
    const target =
      this.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"]') ??
      this.renderRoot.querySelector<HTMLElement>('#failure');
    target?.focus();
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.editing) return;
    this.#clearMessages();
    const editing = this.editing;
    const body = this.#payload();
    if (editing.mode === 'edit' && Object.keys(body).length === 0) {
      this.notice = this.#say('unchanged');
      return;
    }
    this.busy = true;
    const answer =
      editing.mode === 'edit'
        ? await apiFetch<Domain>('PATCH', `${API}/${encodeURIComponent(editing.domain.code)}`, body)
        : await apiFetch<Domain>('POST', API, body);
    this.busy = false;
    if (!answer.ok || !answer.data) {
      await this.#refused(answer.status, answer.message, 'refused');
      return;
    }
    // The list first, then the notice: what the notice says is in the tables when it shows.
    await this.#load();
    this.editing = undefined;
    this.notice = this.#say(editing.mode === 'edit' ? 'saved' : 'added', {
      name: answer.data.name,
    });
  }

  async #confirmDelete(domain: Domain): Promise<void> {
    this.#clearMessages();
    this.deleting = domain;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.showModal();
  }

  #cancelDelete(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
    this.deleting = undefined;
  }

  async #delete(): Promise<void> {
    const domain = this.deleting;
    if (!domain || this.busy) return;
    this.busy = true;
    const answer = await apiFetch('DELETE', `${API}/${encodeURIComponent(domain.code)}`);
    this.busy = false;
    this.#cancelDelete();
    if (!answer.ok) {
      await this.#refused(answer.status, answer.message, 'deleteRefused');
      return;
    }
    if (this.editing?.mode === 'edit' && this.editing.domain.code === domain.code)
      this.editing = undefined;
    await this.#load();
    this.notice = this.#say('deleted', { name: domain.name });
  }

  // ---- the form ----

  #note(key: string) {
    const messages = this.errors.get(key);
    return messages ? html`<p class="error" id=${errorId(key)}>${messages.join(' ')}</p>` : nothing;
  }

  #described(key: string, hint?: string): string | typeof nothing {
    const ids = [hint, this.errors.has(key) ? errorId(key) : undefined].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : nothing;
  }

  #label(key: TextKey, required: boolean) {
    return html`${this.#say(key)}${
      required
        ? html`<span class="required" aria-hidden="true"> *</span><span class="visually-hidden"
              >(${this.#say('required')})</span
            >`
        : nothing
    }`;
  }

  #text(field: 'code' | 'zh' | 'en', key: string, label: TextKey, hint?: TextKey) {
    const hintId = hint ? `hint-${field}` : undefined;
    return html`<div class="control">
      <label for="f-${field}">${this.#label(label, true)}</label>
      <input
        id="f-${field}"
        data-key=${key}
        maxlength=${field === 'code' ? 64 : field === 'zh' ? 50 : 100}
        autocomplete="off"
        aria-invalid=${this.errors.has(key) ? 'true' : 'false'}
        aria-describedby=${this.#described(key, hintId)}
        .value=${this.draft[field]}
        @input=${(event: InputEvent) => this.#set(field, (event.target as HTMLInputElement).value)}
      />
      ${hint ? html`<p class="hint" id=${hintId!}>${this.#say(hint)}</p>` : nothing}
      ${this.#note(key)}
    </div>`;
  }

  #form(editing: Editing) {
    const d = this.draft;
    const base = editing.mode === 'edit' && editing.domain.kind === 'base';
    const headingText =
      editing.mode === 'edit'
        ? this.#say('editTitle', { name: editing.domain.name })
        : this.#say('newTitle');
    return html`<form class="card" part="form" novalidate aria-labelledby="form-title" @submit=${this.#save}>
      <h2 id="form-title">${headingText}</h2>
      ${this.#failure()}
      <div class="grid">
        ${
          editing.mode === 'new'
            ? html`${this.#text('code', 'code', 'code', 'codeHint')}
              <div class="control">
                <label for="f-kind">${this.#label('kind', true)}</label>
                <select
                  id="f-kind"
                  data-key="kind"
                  aria-invalid=${this.errors.has('kind') ? 'true' : 'false'}
                  aria-describedby=${this.#described('kind')}
                  @change=${(event: Event) =>
                    this.#set('kind', (event.target as HTMLSelectElement).value as Draft['kind'])}
                >
                  <option value="extra" ?selected=${d.kind === 'extra'}>${this.#say('kindExtra')}</option>
                  <option value="scenario" ?selected=${d.kind === 'scenario'}>
                    ${this.#say('kindScenario')}
                  </option>
                </select>
                ${this.#note('kind')}
              </div>`
            : html`<div class="control">
              <span class="label">${this.#say('code')}</span>
              <code>${editing.domain.code}</code>
            </div>`
        }
        ${
          base
            ? html`<div class="control">
              <span class="label">${this.#say('name')}</span>
              <span>${editing.domain.name} / ${editing.domain.nameEn}</span>
            </div>`
            : html`${this.#text('zh', 'name.zh', 'nameZh')} ${this.#text('en', 'name.en', 'nameEn')}`
        }
        <div class="control">
          <label for="f-order">${this.#label('order', false)}</label>
          <input
            id="f-order"
            type="number"
            inputmode="numeric"
            min="0"
            max="100000"
            step="1"
            placeholder=${editing.mode === 'new' ? '1000' : nothing}
            data-key="order"
            aria-invalid=${this.errors.has('order') ? 'true' : 'false'}
            aria-describedby=${this.#described('order', 'hint-order')}
            .value=${d.order}
            @input=${(event: InputEvent) => this.#set('order', (event.target as HTMLInputElement).value)}
          />
          <p class="hint" id="hint-order">${this.#say('orderHint')}</p>
          ${this.#note('order')}
        </div>
        <div class="control">
          <label for="f-icon">${this.#label('icon', false)}</label>
          <div class="with-icon">
            <img class="icon" src=${iconUrl(d.icon)} alt="" />
            <select
              id="f-icon"
              data-key="icon"
              aria-invalid=${this.errors.has('icon') ? 'true' : 'false'}
              aria-describedby=${this.#described('icon')}
              @change=${(event: Event) => this.#set('icon', (event.target as HTMLSelectElement).value)}
            >
              ${ICON_NAMES.map((name) => html`<option value=${name} ?selected=${name === d.icon}>${name}</option>`)}
            </select>
          </div>
          ${this.#note('icon')}
        </div>
        ${
          editing.mode === 'edit' && !base
            ? html`<div class="control">
              <label class="check">
                <input
                  type="checkbox"
                  data-key="enabled"
                  .checked=${d.enabled}
                  @change=${(event: Event) =>
                    this.#set('enabled', (event.target as HTMLInputElement).checked)}
                />
                ${this.#say('enabled')}
              </label>
              ${this.#note('enabled')}
            </div>`
            : nothing
        }
      </div>
      <div class="bar">
        <button type="submit" ?disabled=${this.busy}>
          ${this.#say(editing.mode === 'edit' ? 'save' : 'add')}
        </button>
        <button type="button" class="secondary" @click=${this.#close}>${this.#say('cancel')}</button>
      </div>
    </form>`;
  }

  #failure() {
    const failure = this.failure;
    if (!failure) return nothing;
    return html`<div class="alert" id="failure" role="alert" tabindex="-1">
      <strong>${this.#say(failure.lead)}</strong>
      ${
        failure.lines.length > 0
          ? html`<ul>${failure.lines.map((line) => html`<li>${line}</li>`)}</ul>`
          : html`<p>${this.#say('fixFields')}</p>`
      }
    </div>`;
  }

  // ---- the tables ----

  #row(domain: Domain) {
    const l = this.locale;
    return html`<tr>
      <th scope="row">
        <span class="with-icon">
          <img class="icon" src=${domain.icon} alt="" />
          <span>${domain.name}</span>
        </span>
      </th>
      <td lang="en">${domain.nameEn}</td>
      <td><code>${domain.code}</code></td>
      <td class="number">${domain.order}</td>
      <td>${domain.iconName}</td>
      <td class="number">${domain.datasetCount.toLocaleString(l)}</td>
      <td>
        ${domain.kind === 'base' ? html`<span class="badge">${this.#say('kindBase')}</span>` : nothing}
        <span class="badge">${this.#say(domain.enabled ? 'isEnabled' : 'disabled')}</span>
      </td>
      <td>
        <div class="actions">
          <button
            type="button"
            class="secondary"
            aria-label=${`${this.#say('edit')} ${domain.name}`}
            @click=${() => this.#open({ mode: 'edit', domain }, draftOf(domain))}
          >
            ${this.#say('edit')}
          </button>
          ${
            domain.kind === 'base'
              ? nothing
              : html`<button
                type="button"
                class="danger"
                aria-label=${`${this.#say('delete')} ${domain.name}`}
                @click=${() => this.#confirmDelete(domain)}
              >
                ${this.#say('delete')}
              </button>`
          }
        </div>
      </td>
    </tr>`;
  }

  #table(which: 'domains' | 'scenarios', items: Domain[]) {
    const kind: Draft['kind'] = which === 'domains' ? 'extra' : 'scenario';
    return html`<section aria-labelledby="h-${which}">
      <div class="head">
        <h2 id="h-${which}">${this.#say(which)}</h2>
        <button
          type="button"
          @click=${() => this.#open({ mode: 'new' }, emptyDraft(kind))}
        >
          ${this.#say(which === 'domains' ? 'addDomain' : 'addScenario')}
        </button>
      </div>
      ${
        items.length === 0
          ? html`<p class="muted">${this.#say('none')}</p>`
          : html`<div class="scroll">
            <table part=${which}>
              <thead>
                <tr>
                  <th scope="col">${this.#say('nameZh')}</th>
                  <th scope="col">${this.#say('nameEn')}</th>
                  <th scope="col">${this.#say('code')}</th>
                  <th scope="col" class="number">${this.#say('order')}</th>
                  <th scope="col">${this.#say('icon')}</th>
                  <th scope="col" class="number">${this.#say('datasets')}</th>
                  <th scope="col">${this.#say('status')}</th>
                  <th scope="col">${this.#say('actions')}</th>
                </tr>
              </thead>
              <tbody>${items.map((domain) => this.#row(domain))}</tbody>
            </table>
          </div>`
      }
    </section>`;
  }

  #dialog() {
    const domain = this.deleting;
    return html`<dialog aria-labelledby="confirm-title" @close=${() => (this.deleting = undefined)}>
      ${
        domain
          ? html`<h2 id="confirm-title">${this.#say('confirmTitle', { name: domain.name })}</h2>
            <p>${this.#say('confirmText')}</p>
            <div class="bar">
              <button type="button" class="danger" ?disabled=${this.busy} @click=${this.#delete}>
                ${this.#say('delete')}
              </button>
              <button type="button" class="secondary" @click=${this.#cancelDelete}>
                ${this.#say('cancel')}
              </button>
            </div>`
          : nothing
      }
    </dialog>`;
  }

  override render() {
    const list = this.list;
    const editing = this.editing;
    return html`
      <h1>${this.#say('title')}</h1>
      <p class="muted">${this.#say('lead')}</p>
      <div role="status">${this.notice ? html`<p class="success">${this.notice}</p>` : nothing}</div>
      ${editing ? this.#form(editing) : this.#failure()}
      ${
        list.status === 'loading'
          ? html`<p>${this.#say('loading')}</p>`
          : list.status === 'error'
            ? html`<p role="alert">${this.#say('failed', { message: list.message })}</p>`
            : html`${this.#table(
                'domains',
                list.items.filter((d) => d.kind !== 'scenario'),
              )}
              ${this.#table(
                'scenarios',
                list.items.filter((d) => d.kind === 'scenario'),
              )}`
      }
      ${this.#dialog()}
    `;
  }
}

if (!customElements.get('kf-domain-admin')) customElements.define('kf-domain-admin', KfDomainAdmin);
