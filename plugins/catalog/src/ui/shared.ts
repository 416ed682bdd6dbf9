/**
 * What the catalogue pages share: text in two languages, styles (the SDK's token-only base with
 * the catalogue's badges), and fetching.
 */
import { alertStyles, badgeStyles, buttonStyles, pageStyles } from '@kaifang/sdk/ui';
import { css, html, type TemplateResult } from 'lit';

export type Locale = 'zh-CN' | 'en';

const TEXT = {
  search: ['搜索数据集', 'Search datasets'],
  searchButton: ['搜索', 'Search'],
  results: ['共 {n} 个数据集', '{n} datasets'],
  sort: ['排序', 'Sort'],
  relevance: ['相关度', 'Relevance'],
  updated: ['更新时间', 'Last updated'],
  records: ['数据量', 'Records'],
  views: ['浏览量', 'Views'],
  downloads: ['下载量', 'Downloads'],
  rating: ['评分', 'Rating'],
  org: ['数据提供方', 'Provider'],
  domain: ['数据领域', 'Domain'],
  format: ['数据格式', 'Format'],
  openType: ['开放类型', 'Open type'],
  scenario: ['应用场景', 'Scenario'],
  grade: ['分级', 'Grade'],
  clear: ['清除筛选', 'Clear filters'],
  previous: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  page: ['第 {n} 页', 'Page {n}'],
  loading: ['加载中…', 'Loading…'],
  failed: ['加载失败，请稍后重试。', 'Could not load; please try again.'],
  retry: ['重试', 'Retry'],
  empty: [
    '没有符合条件的数据集，请调整关键词或筛选条件。',
    'No datasets match; change the keyword or filters.',
  ],
  fallback: [
    '搜索服务暂时降级，结果来自数据库。',
    'Search is degraded; results come from the database.',
  ],
  notFound: [
    '未找到该数据集，可能尚未发布或已被删除。',
    'Dataset not found; it may be unpublished or deleted.',
  ],
  metadata: ['元数据', 'Metadata'],
  dataItems: ['数据项', 'Data items'],
  preview: ['数据预览', 'Preview'],
  download: ['数据下载', 'Download'],
  api: ['API服务', 'API'],
  comingSoon: ['该功能将在数据接入后提供。', 'Available once the data is loaded.'],
  missingpreview: [
    '本门户未启用数据预览：需要提供数据存储的插件（datastore）注册“preview”视图。',
    'No preview on this portal: a data plugin (the datastore) must register a “preview” view.',
  ],
  missingdownload: [
    '本门户未启用数据下载：需要提供数据存储的插件（datastore）注册“download”视图。',
    'No downloads on this portal: a data plugin (the datastore) must register a “download” view.',
  ],
  missingapi: [
    '本门户未启用数据接口：需要提供数据存储的插件（datastore）注册“api”视图。',
    'No data API on this portal: a data plugin (the datastore) must register an “api” view.',
  ],
  primaryKey: ['主键', 'Primary key'],
  provider: ['提供部门', 'Provider'],
  updateCycle: ['更新周期', 'Update cycle'],
  updateMethod: ['更新方式', 'Update method'],
  recordCount: ['数据量', 'Records'],
  formats: ['数据格式', 'Formats'],
  tags: ['标签', 'Tags'],
  classifications: ['分类', 'Classification'],
  licence: ['开放许可', 'Licence'],
  contact: ['联系方式', 'Contact'],
  publishedAt: ['发布时间', 'Published'],
  updatedAt: ['更新时间', 'Updated'],
  fieldName: ['字段名', 'Field'],
  fieldLabel: ['中文名称', 'Label'],
  fieldType: ['数据类型', 'Type'],
  fieldUnit: ['单位', 'Unit'],
  fieldDescription: ['说明', 'Description'],
  dictionary: ['字典项', 'Codes'],
  access: ['使用条件', 'Access'],
  rated: ['{n} 分', '{n} / 5'],
  back: ['返回数据目录', 'Back to the catalogue'],
  edit: ['编辑', 'Edit'],
  manage: ['数据集管理', 'Manage datasets'],
  draft: ['草稿', 'Draft'],
  published: ['已发布', 'Published'],
  withdrawn: ['已撤回', 'Withdrawn'],
} as const;

export type TextKey = keyof typeof TEXT;

export function text(locale: string | undefined, key: TextKey, n?: string | number): string {
  const [zh, en] = TEXT[key];
  const chosen = locale === 'en' ? en : zh;
  return n === undefined ? chosen : chosen.replace('{n}', String(n));
}

/** The badge text of a dataset state (草稿/已发布/已撤回); an unknown state shows as it is. */
export function stateLabel(locale: string | undefined, state: string): string {
  return state === 'draft' || state === 'published' || state === 'withdrawn'
    ? text(locale, state)
    : state;
}

export const OPEN_TYPE_LABEL: Record<string, [string, string]> = {
  unconditional: ['无条件开放', 'Unconditional'],
  conditional: ['有条件开放', 'Conditional'],
  closed: ['不予开放', 'Not open'],
};

export function openTypeLabel(locale: string | undefined, key: string): string {
  const pair = OPEN_TYPE_LABEL[key];
  return pair ? (locale === 'en' ? pair[1] : pair[0]) : key;
}

export function formatDate(locale: string | undefined, iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'Asia/Shanghai',
  }).format(new Date(iso));
}

export function formatNumber(locale: string | undefined, value: number): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN').format(value);
}

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'not-found' }
  | { status: 'error'; message: string };

export async function fetchJson<T>(url: string, signal: AbortSignal): Promise<Loaded<T>> {
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      signal,
    });
    if (response.status === 404) return { status: 'not-found' };
    if (!response.ok) return { status: 'error', message: `HTTP ${response.status}` };
    return { status: 'ok', data: (await response.json()) as T };
  } catch (error) {
    return { status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * `value` with every occurrence of the search's words wrapped in `<mark>` (case-insensitive),
 * so a reader sees why a dataset matched. Text stays text: Lit escapes every part.
 */
export function highlight(value: string, words: readonly string[] | undefined): TemplateResult {
  const wanted = (words ?? []).filter((word) => word.length > 0);
  if (wanted.length === 0) return html`${value}`;
  const pattern = new RegExp(
    `(${wanted
      .sort((a, b) => b.length - a.length)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})`,
    'giu',
  );
  // split() with one capture group puts the matches at the odd positions.
  const parts = value.split(pattern);
  return html`${parts.map((part, index) => (index % 2 === 1 ? html`<mark>${part}</mark>` : part))}`;
}

/**
 * The SDK's page, button, badge and message styles plus the catalogue's own badges: the open
 * type of a dataset (`.conditional`, `.closed`) and its state (`.state-*`).
 */
export const baseStyles = [
  pageStyles,
  buttonStyles,
  badgeStyles,
  alertStyles,
  css`
    /* The pager under the catalogue and the manage list. */
    nav.pagination {
      display: flex;
      gap: var(--kf-sys-space-m, 1rem);
      align-items: center;
      justify-content: center;
      margin-top: var(--kf-sys-space-l, 1.5rem);
    }
    .badge.conditional {
      background: var(--kf-sys-color-warning-container, #fdf3e1);
      color: var(--kf-sys-color-warning, #8a4d00);
    }
    .badge.closed {
      background: var(--kf-sys-color-surface-variant, #eceff4);
      color: var(--kf-sys-color-on-surface-muted, #566070);
    }
    .badge.state-draft {
      background: var(--kf-sys-color-warning-container, #fdf3e1);
      color: var(--kf-sys-color-warning, #8a4d00);
    }
    .badge.state-published {
      background: var(--kf-sys-color-success-container, #def7ec);
      color: var(--kf-sys-color-success, #046c4e);
    }
    .badge.state-withdrawn {
      background: var(--kf-sys-color-surface-variant, #eceff4);
      color: var(--kf-sys-color-on-surface-muted, #566070);
    }
  `,
];
