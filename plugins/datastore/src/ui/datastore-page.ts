/**
 * The datastore's portal elements, styled only with the theme's `--kf-sys-*` tokens (each with a
 * fallback) through the SDK's shared blocks (`@kaifang/sdk/ui`):
 *
 * - `<kf-datastore-preview dataset-id="…" locale="zh-CN">`: the first rows as a table and, when
 *   there is a numeric field, an ECharts bar chart of it drawn from the same rows (`chart.ts`,
 *   loaded only then). Refusals (conditional data) show the server's message, which says how to
 *   apply.
 * - `<kf-datastore-upload dataset-id="…">`: a provider's upload form with the job's progress bar
 *   (phase, rows, percent, polled from `GET /api/v1/jobs/{id}`; a failure names the line).
 * - `<kf-datastore-page>` at `/data/:id`: both (the form only for the dataset's administrators),
 *   for portals whose dataset page does not embed them.
 *
 * `catalog-views.ts` puts the first two on the catalog's dataset page.
 *
 * @csspart table - the preview table
 * @csspart chart - the chart
 * @csspart progress - the upload progress bar
 */
import { apiFetch } from '@kaifang/plugin-auth-sso/ui/client';
import { alertStyles, buttonStyles, formStyles, pageStyles, tableStyles } from '@kaifang/sdk/ui';
import { css, html, LitElement, nothing } from 'lit';
import type { PreviewChart } from './chart.ts';

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
  chartLabel: ['{field}柱状图，前 {n} 条记录', 'Bar chart of {field}, first {n} records'],
  progress: ['装载进度', 'Load progress'],
  rows: ['{n} 行', '{n} rows'],
  queued: ['排队中', 'Queued'],
  running: ['装载中', 'Loading'],
  completed: ['已完成', 'Completed'],
  failed: ['失败', 'Failed'],
  cancelled: ['已取消', 'Cancelled'],
  phase_parsing: ['读取文件', 'reading the file'],
  phase_masking: ['脱敏处理', 'masking'],
  phase_loading: ['写入数据', 'writing rows'],
  phase_indexing: ['建立索引', 'building indexes'],
  phase_publishing: ['发布数据', 'publishing'],
  phase_done: ['结束', 'done'],
  readable: ['数据已可查询', 'the data can be queried'],
  noData: [
    '暂无数据：数据提供部门尚未上传数据文件。',
    'No data yet: the providing department has not uploaded a data file.',
  ],
} as const;

type Key = keyof typeof T;
const isKey = (key: string): key is Key => Object.hasOwn(T, key);

function say(locale: string, key: Key, values: Record<string, string | number> = {}): string {
  const template = T[key][locale === 'en' ? 1 : 0];
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? ''));
}

/**
 * The preview and upload elements are embedded in the catalog's dataset page (a tab), so they
 * take none of `pageStyles` (no second content width or padding): only the SDK's blocks that fit
 * (tables, buttons, the form, alerts) and this view's own layout. `<kf-datastore-page>` alone
 * adds the page frame.
 */
const styles = [
  tableStyles,
  buttonStyles,
  formStyles,
  alertStyles,
  css`
    :host {
      display: block;
    }
    a {
      color: var(--kf-sys-color-link, #1646a8);
    }
    a:focus-visible,
    button:focus-visible,
    input:focus-visible {
      outline: var(--kf-sys-focus-outline, 3px solid #8a4d00);
      outline-offset: var(--kf-sys-focus-offset, 2px);
    }
    /* Preview cells stay on one line; a wide table scrolls in its .scroll box. */
    th,
    td {
      padding: var(--kf-sys-space-xs, 0.25rem) var(--kf-sys-space-s, 0.5rem);
      white-space: nowrap;
    }
    td.number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .meta,
    .message {
      margin: var(--kf-sys-space-s, 0.5rem) 0;
      color: var(--kf-sys-color-on-surface-muted, #566070);
    }
    .alert {
      margin: var(--kf-sys-space-s, 0.5rem) 0;
    }
    .meta a {
      margin-inline-end: var(--kf-sys-space-s, 0.5rem);
    }
    figure {
      margin: var(--kf-sys-space-m, 1rem) 0;
    }
    .chart {
      width: 100%;
      max-width: 48rem;
      height: 16rem;
    }
    progress {
      width: 100%;
      height: 0.75rem;
      accent-color: var(--kf-sys-color-primary, #1646a8);
    }
    form {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kf-sys-space-s, 0.5rem);
      align-items: end;
      margin: var(--kf-sys-space-m, 1rem) 0 var(--kf-sys-space-s, 0.5rem);
    }
  `,
];

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
    | { status: 'refused'; message: string }
    | { status: 'empty' };
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
    if (this.state.status === 'ready') void this.#draw(this.state.preview);
    else this.#dispose();
  }

  async #load(): Promise<void> {
    this.state = { status: 'loading' };
    const answer = await apiFetch<Preview>('GET', `/api/v1/datasets/${this.datasetId}/preview`);
    // 404: the dataset exists but has no data yet (an unknown id never reaches a dataset page).
    this.state =
      answer.ok && answer.data
        ? { status: 'ready', preview: answer.data }
        : answer.status === 404
          ? { status: 'empty' }
          : { status: 'refused', message: answer.message };
  }

  /** Reloads the preview (after an upload finished). */
  reload(): void {
    this.#loaded = '';
    this.requestUpdate();
  }

  #chart?: PreviewChart;
  #resize?: ResizeObserver;
  #drawn?: Preview;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#dispose();
  }

  #dispose(): void {
    this.#resize?.disconnect();
    this.#chart?.dispose();
    this.#chart = undefined;
    this.#drawn = undefined;
  }

  /** The field the chart shows: the first integer or decimal one. */
  #numeric(preview: Preview) {
    return preview.fields.find((field) => field.type === 'integer' || field.type === 'decimal');
  }

  /** Draws the chart once its container is rendered; ECharts is loaded on first use. */
  async #draw(preview: Preview): Promise<void> {
    const numeric = this.#numeric(preview);
    const container = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!numeric || !container || this.#drawn === preview) return;
    this.#dispose();
    this.#drawn = preview;
    const { chartStyle, drawChart } = await import('./chart.ts');
    if (this.#drawn !== preview || !container.isConnected) return;
    const label = preview.fields.find((field) => field.type === 'string');
    this.#chart = drawChart(
      container,
      {
        labels: preview.records.map((record, index) =>
          label ? String(record[label.name] ?? '') : String(index + 1),
        ),
        values: preview.records.map((record) => {
          const value = record[numeric.name];
          return value === null || value === undefined || value === '' ? null : Number(value);
        }),
        field: numeric.name,
      },
      chartStyle(this),
      this.locale,
    );
    this.#resize = new ResizeObserver(() => this.#chart?.resize());
    this.#resize.observe(container);
  }

  #figure(preview: Preview) {
    const numeric = this.#numeric(preview);
    if (!numeric) return nothing;
    const n = preview.records.length;
    return html`<figure part="chart">
      <div
        class="chart"
        role="img"
        aria-label=${say(this.locale, 'chartLabel', { field: numeric.name, n })}
      ></div>
      <figcaption class="meta">${say(this.locale, 'chart', { field: numeric.name, n })}</figcaption>
    </figure>`;
  }

  override render() {
    if (this.state.status === 'loading')
      return html`<p class="message">${say(this.locale, 'loading')}</p>`;
    if (this.state.status === 'refused')
      return html`<p class="alert" role="alert">${this.state.message}</p>`;
    if (this.state.status === 'empty')
      return html`<p class="message">${say(this.locale, 'noData')}</p>`;
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
      ${this.#figure(preview)}
    `;
  }
}

interface JobView {
  id: string;
  state: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  phase: string;
  percent: number;
  rowsDone: number;
  readableAt?: string | null;
  error?: string;
}

export class DatastoreUpload extends LitElement {
  static override properties = {
    datasetId: { attribute: 'dataset-id' },
    locale: {},
    job: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare datasetId: string;
  declare locale: string;
  declare job: JobView | undefined;
  declare error: string;
  declare busy: boolean;
  /** Milliseconds between two looks at the job. */
  pollMs = 500;

  constructor() {
    super();
    this.datasetId = '';
    this.locale = 'zh-CN';
    this.error = '';
    this.busy = false;
  }

  static override styles = styles;

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.error = '';
    this.job = undefined;
    this.busy = true;
    try {
      // The file goes as multipart form data; progress is the load job's, polled below.
      const sent = await apiFetch<{ jobId?: string }>(
        'POST',
        `/api/v1/datasets/${this.datasetId}/resources`,
        form,
      );
      const jobId = sent.data?.jobId;
      if (!jobId) {
        this.error = sent.message;
        return;
      }
      for (;;) {
        const answer = await apiFetch<JobView>('GET', `/api/v1/jobs/${jobId}`);
        if (!answer.ok || !answer.data) {
          this.error = answer.message;
          return;
        }
        this.job = answer.data;
        if (this.job.state !== 'queued' && this.job.state !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, this.pollMs));
      }
      this.dispatchEvent(
        new CustomEvent('kf-datastore-loaded', { bubbles: true, composed: true, detail: this.job }),
      );
    } finally {
      this.busy = false;
    }
  }

  #status(job: JobView) {
    const parts = [
      say(this.locale, isKey(job.state) ? job.state : 'running'),
      ...(job.state === 'running' && isKey(`phase_${job.phase}`)
        ? [say(this.locale, `phase_${job.phase}` as Key)]
        : []),
      say(this.locale, 'rows', { n: job.rowsDone.toLocaleString(this.locale) }),
      `${job.percent}%`,
      ...(job.state === 'running' && job.readableAt ? [say(this.locale, 'readable')] : []),
    ];
    return parts.join(' · ');
  }

  override render() {
    const job = this.job;
    return html`
      <form @submit=${this.#submit}>
        <label>${say(this.locale, 'upload')} (${say(this.locale, 'uploadHint')})
          <input type="file" name="file" accept=".csv,.tsv,.txt,.xlsx,.json,.ndjson,.jsonl" required />
        </label>
        <button type="submit" ?disabled=${this.busy}>${say(this.locale, 'send')}</button>
      </form>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      ${
        job
          ? html`<progress
                part="progress"
                max="100"
                .value=${job.percent}
                aria-label=${say(this.locale, 'progress')}
                data-state=${job.state}
              ></progress>
              <p class="message" role="status">${this.#status(job)}</p>
              ${job.error ? html`<p class="alert" role="alert">${job.error}</p>` : nothing}`
          : nothing
      }
    `;
  }
}

export class DatastorePage extends LitElement {
  /** A full page (`/data/:id`): the SDK's frame; the elements inside style themselves. */
  static override styles = pageStyles;

  static override properties = {
    params: { attribute: false },
    locale: {},
    admin: { state: true },
  };
  declare params: Record<string, string>;
  declare locale: string;
  /** Whether the visitor administers the dataset (its job list answers), so may upload. */
  declare admin: boolean;
  #checked = '';

  constructor() {
    super();
    this.params = {};
    this.locale = 'zh-CN';
    this.admin = false;
  }

  override updated(): void {
    const id = this.params.id ?? '';
    if (id && id !== this.#checked) {
      this.#checked = id;
      this.admin = false;
      void this.#checkAdmin(id);
    }
  }

  async #checkAdmin(id: string): Promise<void> {
    // Guests and other users get 401/404 here; only the dataset's administrators see the form.
    const answer = await apiFetch('GET', `/api/v1/datasets/${id}/jobs`);
    if (this.#checked === id) this.admin = answer.ok;
  }

  #loaded(): void {
    this.renderRoot.querySelector<DatastorePreview>('kf-datastore-preview')?.reload();
  }

  override render() {
    const id = this.params.id ?? '';
    return html`<kf-datastore-preview dataset-id=${id} locale=${this.locale}></kf-datastore-preview>
      ${
        this.admin
          ? html`<kf-datastore-upload
              dataset-id=${id}
              locale=${this.locale}
              @kf-datastore-loaded=${this.#loaded}
            ></kf-datastore-upload>`
          : nothing
      }`;
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
