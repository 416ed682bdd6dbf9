/**
 * `<kf-data-security-page>` at `/data-security/:id`: the provider's view of a dataset before
 * publication — detected columns with their share of matching values, the masking rule of each
 * (preset choices), what still blocks publication, the masking preview (sample rows before and
 * after) and the submit button. Styled only with the theme's tokens, through the SDK's shared
 * blocks (`@kaifang/sdk/ui`), each with a fallback.
 *
 * @csspart columns - the table of columns and rules
 * @csspart preview - the before/after tables
 */
import { apiFetch } from '@kaifang/plugin-auth-sso/ui/client';
import {
  alertStyles,
  buttonStyles,
  formStyles,
  headingStyles,
  pageStyles,
  tableStyles,
} from '@kaifang/sdk/ui';
import { css, html, LitElement, nothing } from 'lit';

interface Column {
  field: string;
  detectedType: string | null;
  share: number;
  flagged: boolean;
  rule: Rule | null;
  effectiveRule: Rule | null;
  decision: string | null;
  blocker: string | null;
}
type Rule = { kind: string } & Record<string, unknown>;
interface Status {
  columns: Column[];
  blockers: string[];
  publishable: boolean;
  state: string;
  submission: { state: string; remark: string | null } | null;
}
interface Preview {
  fields: { name: string }[];
  before: Record<string, string>[] | null;
  after: Record<string, string>[];
}

const PRESETS: [string, Rule | null][] = [
  ['默认 / default', null],
  ['保留前6后4', { kind: 'keep', first: 6, last: 4 }],
  ['保留前3后4', { kind: 'keep', first: 3, last: 4 }],
  ['保留首字', { kind: 'keep', first: 1, last: 0 }],
  ['哈希假名 / hash', { kind: 'hash' }],
  ['泛化到区县', { kind: 'generalise', to: 'district' }],
  ['泛化到月份', { kind: 'generalise', to: 'month' }],
  ['仅保留邮箱域名', { kind: 'generalise', to: 'email-domain' }],
  ['替换为 ***', { kind: 'replace', with: '***' }],
  ['删除 / drop', { kind: 'drop' }],
];

const TYPES: Record<string, string> = {
  'id-card': '身份证号码',
  mobile: '手机号码',
  landline: '固定电话',
  address: '住址',
  name: '姓名',
  'bank-card': '银行卡号',
  email: '电子邮箱',
  plate: '车牌号码',
};

function presetOf(rule: Rule | null): number {
  if (!rule) return 0;
  const index = PRESETS.findIndex(([, preset]) => JSON.stringify(preset) === JSON.stringify(rule));
  return Math.max(index, 0);
}

export class DataSecurityPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    status: { state: true },
    preview: { state: true },
    message: { state: true },
  };
  declare params: Record<string, string>;
  declare status: Status | undefined;
  declare preview: Preview | undefined;
  declare message: string;

  /**
   * A full page: the SDK's frame, headings, buttons, the rule selects, tables and the alert;
   * only the table spacing and the blocker note are this page's own.
   */
  static override styles = [
    pageStyles,
    headingStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    alertStyles,
    css`
      table {
        margin-block-end: var(--kf-sys-space-m, 1rem);
      }
      /* Tighter than the SDK's cells: the rule table has a select in every row. */
      th,
      td {
        padding: var(--kf-sys-space-xs, 0.25rem) var(--kf-sys-space-s, 0.5rem);
        vertical-align: middle;
      }
      .blocker {
        color: var(--kf-sys-color-danger, #b42318);
      }
      .alert {
        margin: 0 0 var(--kf-sys-space-m, 1rem);
      }
      /* The before/after sections: apart from the submit button above them. */
      h2 {
        margin-block-start: var(--kf-sys-space-l, 1.5rem);
      }
    `,
  ];

  constructor() {
    super();
    this.params = {};
    this.message = '';
  }

  get #id(): string {
    return this.params.id ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    const base = `/api/v1/data-security/datasets/${encodeURIComponent(this.#id)}`;
    const status = await apiFetch<Status>('GET', base);
    if (!status.ok) {
      this.message = status.message;
      return;
    }
    this.status = status.data;
    const preview = await apiFetch<Preview>('GET', `${base}/preview`);
    this.preview = preview.data;
  }

  async #send(method: string, path: string, body?: unknown): Promise<void> {
    const answer = await apiFetch(
      method,
      `/api/v1/data-security/datasets/${encodeURIComponent(this.#id)}${path}`,
      body,
    );
    this.message = answer.message;
    await this.#load();
  }

  #table(rows: Record<string, string>[], label: string) {
    const fields = this.preview?.fields ?? [];
    return html`<h2>${label}</h2>
      <div class="scroll">
        <table part="preview">
          <thead><tr>${fields.map((f) => html`<th>${f.name}</th>`)}</tr></thead>
          <tbody>${rows.map((row) => html`<tr>${fields.map((f) => html`<td>${row[f.name]}</td>`)}</tr>`)}</tbody>
        </table>
      </div>`;
  }

  override render() {
    const status = this.status;
    if (!status)
      return this.message
        ? html`<p class="alert" role="alert">${this.message}</p>`
        : html`<p class="muted">加载中…</p>`;
    return html`
      <h1>数据安全审查 · Security review</h1>
      ${this.message ? html`<p class="alert" role="alert">${this.message}</p>` : nothing}
      <table part="columns">
        <thead><tr><th>字段</th><th>识别类型</th><th>命中比例</th><th>脱敏规则</th><th></th></tr></thead>
        <tbody>
          ${status.columns.map(
            (column) => html`<tr>
              <td>${column.field}</td>
              <td>${column.flagged ? (TYPES[column.detectedType ?? ''] ?? column.detectedType) : '—'}</td>
              <td>${Math.round(column.share * 100)}%</td>
              <td>
                <select
                  aria-label=${`${column.field} 脱敏规则`}
                  @change=${(event: Event) =>
                    this.#send('PUT', '/rules', {
                      field: column.field,
                      rule: PRESETS[Number((event.target as HTMLSelectElement).value)]![1],
                    })}
                >
                  ${PRESETS.map(
                    ([label], index) =>
                      html`<option value=${index} ?selected=${index === presetOf(column.rule)}>${label}</option>`,
                  )}
                </select>
              </td>
              <td class="blocker">${column.blocker ?? ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${
        status.submission
          ? html`<p>审查状态：${status.submission.state}${status.submission.remark ? `（${status.submission.remark}）` : ''}</p>`
          : nothing
      }
      ${
        status.state === 'published'
          ? html`<p>已发布 · Published</p>`
          : html`<button @click=${() => this.#send('POST', '/submit')}>提交发布审查 · Submit for review</button>`
      }
      ${this.preview?.before ? this.#table(this.preview.before, '脱敏前 · Before') : nothing}
      ${this.preview ? this.#table(this.preview.after, '脱敏后 · After') : nothing}
    `;
  }
}

if (!customElements.get('kf-data-security-page')) {
  customElements.define('kf-data-security-page', DataSecurityPage);
}
