/**
 * The datastore's portal elements, styled only with `--kf-*` tokens (each with a fallback):
 *
 * - `<kf-datastore-preview dataset-id="…" locale="zh-CN">`: the first rows as a table and, when
 *   there is a numeric field, a bar chart of it (inline SVG; swap in ECharts when installed).
 *   Refusals (conditional data) show the server's message, which says how to apply.
 * - `<kf-datastore-upload dataset-id="…">`: a provider's upload form with the job's progress bar.
 * - `<kf-datastore-page>` at `/data/:id`: both, for portals whose dataset page does not embed them.
 *
 * The catalog's dataset page can embed the first two in its preview and download tabs.
 *
 * @csspart table - the preview table
 * @csspart chart - the chart
 * @csspart progress - the upload progress bar
 */
import { css, html, LitElement, nothing, svg } from 'lit';

interface Preview {
  fields: { name: string; type: string }[];
  records: Record<string, unknown>[];
  recordCount: number;
  updatedAt: string;
}

const T = {
  loading: ['加载中…', 'Loading…'],
  records: ['共 {n} 条记录', '{n} records'],
  download: ['下载', 'Download'],
  upload: ['上传数据文件', 'Upload a data file'],
  uploadHint: ['CSV（UTF-8 或 GBK）、XLSX 或 JSON', 'CSV (UTF-8 or GBK), XLSX or JSON'],
  send: ['上传并装载', 'Upload and load'],
  chart: ['{field}（前 {n} 条）', '{field} (first {n} rows)'],
} as const;

function say(
  locale: string,
  key: keyof typeof T,
  values: Record<string, string | number> = {},
): string {
  const template = T[key][locale === 'en' ? 1 : 0];
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? ''));
}

const styles = css`
  :host {
    display: block;
    font-family: var(--kf-sys-font-body, system-ui, sans-serif);
    color: var(--kf-sys-color-on-surface, #1f2328);
  }
  .scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: var(--kf-sys-font-size-s, 0.875rem);
  }
  th,
  td {
    border-bottom: 1px solid var(--kf-sys-color-outline-variant, #d0d7de);
    padding: var(--kf-sys-space-xs, 0.25rem) var(--kf-sys-space-s, 0.5rem);
    text-align: start;
    white-space: nowrap;
  }
  th {
    background: var(--kf-sys-color-surface-container, #f6f8fa);
  }
  td.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .meta,
  .message {
    margin: var(--kf-sys-space-s, 0.5rem) 0;
    color: var(--kf-sys-color-on-surface-variant, #57606a);
  }
  .message[role='alert'] {
    color: var(--kf-sys-color-error, #b42318);
  }
  svg {
    width: 100%;
    max-width: 40rem;
    height: auto;
  }
  rect {
    fill: var(--kf-sys-color-primary, #0b5cad);
  }
  progress {
    width: 100%;
    accent-color: var(--kf-sys-color-primary, #0b5cad);
  }
  a,
  button {
    color: var(--kf-sys-color-primary, #0b5cad);
    margin-inline-end: var(--kf-sys-space-s, 0.5rem);
  }
`;

export class DatastorePreview extends LitElement {
  static override properties = {
    datasetId: { attribute: 'dataset-id' },
    locale: {},
    state: { state: true },
  };
  declare datasetId: string;
  declare locale: string;
  declare state:
    | { status: 'loading' }
    | { status: 'ready'; preview: Preview }
    | { status: 'refused'; message: string };
  #loaded = '';

  constructor() {
    super();
    this.datasetId = '';
    this.locale = 'zh-CN';
    this.state = { status: 'loading' };
  }

  static override styles = styles;

  override updated(): void {
    if (this.datasetId && this.datasetId !== this.#loaded) {
      this.#loaded = this.datasetId;
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    this.state = { status: 'loading' };
    const response = await fetch(`/api/v1/datasets/${this.datasetId}/preview`, {
      credentials: 'same-origin',
    });
    const body = (await response.json()) as Preview & { message?: string };
    this.state = response.ok
      ? { status: 'ready', preview: body }
      : { status: 'refused', message: body.message ?? response.statusText };
  }

  #chart(preview: Preview) {
    const numeric = preview.fields.find(
      (field) => field.type === 'integer' || field.type === 'decimal',
    );
    if (!numeric) return nothing;
    const values = preview.records.map((record) => Number(record[numeric.name] ?? 0));
    const max = Math.max(1, ...values);
    const width = 400;
    const bar = width / Math.max(values.length, 1);
    return html`<figure part="chart">
      <svg viewBox="0 0 ${width} 120" role="img" aria-label=${numeric.name}>
        ${values.map(
          (value, index) =>
            svg`<rect x=${index * bar + 1} y=${110 - (value / max) * 100} width=${Math.max(bar - 2, 1)} height=${(value / max) * 100}><title>${value}</title></rect>`,
        )}
      </svg>
      <figcaption class="meta">${say(this.locale, 'chart', { field: numeric.name, n: values.length })}</figcaption>
    </figure>`;
  }

  override render() {
    if (this.state.status === 'loading')
      return html`<p class="message">${say(this.locale, 'loading')}</p>`;
    if (this.state.status === 'refused')
      return html`<p class="message" role="alert">${this.state.message}</p>`;
    const { preview } = this.state;
    const base = `/api/v1/datasets/${this.datasetId}/download?format=`;
    return html`
      <p class="meta">
        ${say(this.locale, 'records', { n: preview.recordCount.toLocaleString(this.locale) })} ·
        ${say(this.locale, 'download')}:
        ${['csv', 'xlsx', 'json', 'xml'].map((format) => html`<a href=${base + format} download>${format.toUpperCase()}</a>`)}
      </p>
      <div class="scroll">
        <table part="table">
          <thead>
            <tr>
              ${preview.fields.map((field) => html`<th scope="col">${field.name}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${preview.records.map(
              (record) => html`<tr>
                ${preview.fields.map(
                  (field) =>
                    html`<td class=${field.type === 'integer' || field.type === 'decimal' ? 'number' : ''}>
                      ${record[field.name] ?? ''}
                    </td>`,
                )}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.#chart(preview)}
    `;
  }
}

/** Reads the CSRF token auth-sso puts in the readable `crumb` cookie. */
function crumb(): string {
  return /(?:^|;\s*)crumb=([^;]+)/.exec(document.cookie)?.[1] ?? '';
}

export class DatastoreUpload extends LitElement {
  static override properties = {
    datasetId: { attribute: 'dataset-id' },
    locale: {},
    job: { state: true },
    error: { state: true },
  };
  declare datasetId: string;
  declare locale: string;
  declare job:
    | { state: string; phase: string; percent: number; rowsDone: number; error?: string }
    | undefined;
  declare error: string;

  constructor() {
    super();
    this.datasetId = '';
    this.locale = 'zh-CN';
    this.error = '';
  }

  static override styles = styles;

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.error = '';
    const response = await fetch(`/api/v1/datasets/${this.datasetId}/resources`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': crumb() },
    });
    const body = (await response.json()) as { jobId?: string; message?: string };
    if (!response.ok || !body.jobId) {
      this.error = body.message ?? response.statusText;
      return;
    }
    for (;;) {
      const job = await fetch(`/api/v1/jobs/${body.jobId}`, { credentials: 'same-origin' });
      this.job = await job.json();
      if (this.job && this.job.state !== 'queued' && this.job.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    this.dispatchEvent(
      new CustomEvent('kf-datastore-loaded', { bubbles: true, composed: true, detail: this.job }),
    );
  }

  override render() {
    return html`
      <form @submit=${this.#submit}>
        <label>${say(this.locale, 'upload')} (${say(this.locale, 'uploadHint')})
          <input type="file" name="file" accept=".csv,.tsv,.txt,.xlsx,.json,.ndjson" required />
        </label>
        <button type="submit">${say(this.locale, 'send')}</button>
      </form>
      ${this.error ? html`<p class="message" role="alert">${this.error}</p>` : nothing}
      ${
        this.job
          ? html`<progress part="progress" max="100" value=${this.job.percent}></progress>
              <p class="message" role=${this.job.state === 'failed' ? 'alert' : 'status'}>
                ${this.job.state} · ${this.job.phase} · ${this.job.rowsDone.toLocaleString(this.locale)}
                ${this.job.error ?? ''}
              </p>`
          : nothing
      }
    `;
  }
}

export class DatastorePage extends LitElement {
  static override properties = { params: { attribute: false }, locale: {} };
  declare params: Record<string, string>;
  declare locale: string;

  constructor() {
    super();
    this.params = {};
    this.locale = 'zh-CN';
  }

  override render() {
    const id = this.params.id ?? '';
    return html`<kf-datastore-preview dataset-id=${id} locale=${this.locale}></kf-datastore-preview>
      <kf-datastore-upload dataset-id=${id} locale=${this.locale}></kf-datastore-upload>`;
  }
}

// A theme may have defined a replacement under the same tag first; it wins.
for (const [tag, element] of [
  ['kf-datastore-preview', DatastorePreview],
  ['kf-datastore-upload', DatastoreUpload],
  ['kf-datastore-page', DatastorePage],
] as const) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
