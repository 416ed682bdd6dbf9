/**
 * The dataset page's download and API tabs (C4): how to get a dataset's data, for people and
 * for programs. Styled only with the theme's `--kf-sys-*` tokens (each with a fallback), through
 * the SDK's table block (`@kaifang/sdk/ui`).
 *
 * - `<kf-datastore-download dataset-id="…" locale="zh-CN">`: the four formats, each a link,
 *   and the duty to cite the source (L6).
 * - `<kf-datastore-api dataset-id="…" locale="zh-CN">`: the records endpoint, its parameters
 *   and a ready-to-run example; the whole API is described at /api/docs.
 *
 * Conditional datasets answer both with the same refusal as the preview (the server decides).
 */
import { tableStyles } from '@kaifang/sdk/ui';
import { css, html, LitElement } from 'lit';

const FORMATS = [
  {
    format: 'csv',
    zh: 'CSV（UTF-8，带 BOM，Excel 可直接打开）',
    en: 'CSV (UTF-8 with BOM, opens in Excel)',
  },
  { format: 'xlsx', zh: 'Excel 工作簿（XLSX）', en: 'Excel workbook (XLSX)' },
  { format: 'json', zh: 'JSON（对象数组）', en: 'JSON (an array of objects)' },
  { format: 'xml', zh: 'XML', en: 'XML' },
] as const;

const PARAMETERS = [
  ['fields', '返回的字段，逗号分隔', 'fields to return, comma-separated'],
  [
    'filters',
    'JSON：等于、in（数组）、范围（gte/gt/lte/lt）、contains',
    'JSON: equals, in (array), range (gte/gt/lte/lt), contains',
  ],
  [
    'sort',
    '排序字段，逗号分隔，前缀 - 为降序',
    'sort fields, comma-separated; a leading - sorts descending',
  ],
  ['limit', '每页条数，最多 1000（默认 100）', 'records per page, at most 1000 (default 100)'],
  ['cursor', '上一页返回的 nextCursor', 'the nextCursor of the previous page'],
  ['total', 'exact、estimate 或 none', 'exact, estimate or none'],
] as const;

/**
 * Embedded in the catalog's dataset page (a tab), so none of `pageStyles`: the page around it
 * already sets the content width, padding and font. Only the SDK's table block plus this view's
 * own list, code and note rules; links and focus rings as `pageStyles` draws them.
 */
const styles = [
  tableStyles,
  css`
    :host {
      display: block;
    }
    a {
      color: var(--kf-sys-color-link, #1646a8);
    }
    a:focus-visible {
      outline: var(--kf-sys-focus-outline, 3px solid #8a4d00);
      outline-offset: var(--kf-sys-focus-offset, 2px);
    }
    ul {
      list-style: none;
      margin: 0 0 var(--kf-sys-space-m, 1rem);
      padding: 0;
    }
    li {
      padding: var(--kf-sys-space-s, 0.5rem) 0;
      border-bottom: 1px solid var(--kf-sys-color-outline, #d9dee7);
    }
    li a {
      font-weight: 600;
      margin-inline-end: var(--kf-sys-space-s, 0.5rem);
    }
    .note {
      color: var(--kf-sys-color-on-surface-muted, #566070);
    }
    code,
    pre {
      font-family: var(--kf-sys-font-mono, ui-monospace, monospace);
      font-size: 0.9em;
    }
    pre {
      overflow-x: auto;
      padding: var(--kf-sys-space-m, 1rem);
      background: var(--kf-sys-color-surface-variant, #eceff4);
      border-radius: var(--kf-sys-radius-s, 4px);
    }
    table {
      margin-bottom: var(--kf-sys-space-m, 1rem);
    }
    /* The caption titles the table from its start, like the headings around it. */
    caption {
      text-align: start;
      padding-bottom: var(--kf-sys-space-xs, 0.25rem);
    }
  `,
];

abstract class DatasetAccessView extends LitElement {
  static override properties = {
    datasetId: { attribute: 'dataset-id' },
    locale: {},
  };
  static override styles = styles;
  declare datasetId: string;
  declare locale: string;

  constructor() {
    super();
    this.datasetId = '';
    this.locale = 'zh-CN';
  }

  protected get english(): boolean {
    return this.locale === 'en';
  }

  protected get base(): string {
    return `/api/v1/datasets/${encodeURIComponent(this.datasetId)}`;
  }
}

export class DatastoreDownload extends DatasetAccessView {
  override render() {
    const en = this.english;
    return html`
      <ul part="formats">
        ${FORMATS.map(
          (entry) => html`<li>
            <a href="${this.base}/download?format=${entry.format}" download>${entry.format.toUpperCase()}</a>
            ${en ? entry.en : entry.zh}
          </li>`,
        )}
      </ul>
      <p class="note">
        ${
          en
            ? 'Each file starts with its source and licence. Cite the source in products, reports and papers that use it.'
            : '文件首行注明数据来源和许可协议。使用本数据的产品、报告和论文请注明数据来源。'
        }
      </p>
    `;
  }
}

export class DatastoreApi extends DatasetAccessView {
  override render() {
    const en = this.english;
    const endpoint = `${this.base}/records`;
    const example = `curl '${location.origin}${endpoint}?limit=10&sort=-${en ? 'field' : '字段'}'`;
    return html`
      <p>
        ${en ? 'Records of this dataset, as JSON:' : '以 JSON 查询本数据集的记录：'}
        <code part="endpoint">GET ${endpoint}</code>
      </p>
      <table part="parameters">
        <caption class="note">${en ? 'Query parameters' : '查询参数'}</caption>
        <thead>
          <tr><th scope="col">${en ? 'Parameter' : '参数'}</th><th scope="col">${en ? 'Meaning' : '说明'}</th></tr>
        </thead>
        <tbody>
          ${PARAMETERS.map(([name, zh, english]) => html`<tr><td><code>${name}</code></td><td>${en ? english : zh}</td></tr>`)}
        </tbody>
      </table>
      <pre part="example">${example}</pre>
      <p class="note">
        ${en ? 'The whole API is described at' : '完整的接口说明见'} <a href="/api/docs">/api/docs</a>
      </p>
    `;
  }
}

for (const [tag, element] of [
  ['kf-datastore-download', DatastoreDownload],
  ['kf-datastore-api', DatastoreApi],
] as const) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
