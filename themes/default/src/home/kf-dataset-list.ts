/**
 * `<kf-dataset-list>`: a short list of datasets from `GET /api/v1/datasets`, e.g. the
 * newest (`sort="updated"`) or the most downloaded (`sort="downloads"`), newest/largest first.
 *
 * @attr sort - the API's sort parameter
 * @attr limit - how many datasets (default 6)
 * @csspart list - the `<ol>`
 * @csspart item - each dataset
 * @csspart title - each dataset's title link
 * @csspart badge - the open-type and format badges
 */
import { css, html, LitElement } from 'lit';
import { ApiResource, isListOf, isRecord } from '../api.ts';
import { baseStyles } from '../components/shared-styles.ts';
import { formatDate, formatNumber, LocaleController, localize, t } from '../i18n/locale.ts';
import type { DatasetSummary } from '../types.ts';
import { emptyState, renderSection } from './section-states.ts';

function isDataset(value: unknown): value is DatasetSummary {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    value.title != null &&
    isRecord(value.organization)
  );
}

export class KfDatasetList extends LitElement {
  static override properties = { sort: {}, limit: { type: Number } };
  declare sort: string;
  declare limit: number;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .item {
        padding: var(--kf-sys-space-m) 0;
        border-bottom: 1px solid var(--kf-sys-color-outline);
      }
      .item:last-child {
        border-bottom: 0;
      }
      .title {
        display: block;
        color: var(--kf-sys-color-on-surface);
        font-weight: 600;
        text-decoration: none;
      }
      .title:hover {
        color: var(--kf-sys-color-link);
        text-decoration: underline;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--kf-sys-space-xs) var(--kf-sys-space-m);
        margin-top: var(--kf-sys-space-xs);
        color: var(--kf-sys-color-on-surface-muted);
        font-size: var(--kf-sys-font-size-s);
      }
      .badges {
        display: inline-flex;
        flex-wrap: wrap;
        gap: var(--kf-sys-space-xs);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .badge {
        padding: 0 var(--kf-sys-space-s);
        border-radius: var(--kf-badge-radius);
        background: var(--kf-badge-background);
        color: var(--kf-badge-color);
        font-size: 0.8125rem;
        line-height: 1.5rem;
      }
      .badge.unconditional {
        background: var(--kf-sys-color-success-container);
        color: var(--kf-sys-color-success);
      }
      .badge.conditional {
        background: var(--kf-sys-color-warning-container);
        color: var(--kf-sys-color-warning);
      }
      .badge.closed {
        background: var(--kf-sys-color-danger-container);
        color: var(--kf-sys-color-danger);
      }
    `,
  ];

  private readonly datasets = new ApiResource(
    this,
    () =>
      `/api/v1/datasets?sort=${encodeURIComponent(this.sort)}&pageSize=${this.limit}&facets=false`,
    isListOf(isDataset),
  );

  constructor() {
    super();
    this.sort = 'updated';
    this.limit = 6;
    new LocaleController(this);
  }

  private renderDataset(dataset: DatasetSummary) {
    const openLabel =
      dataset.openType === 'conditional'
        ? t('open.conditional')
        : dataset.openType === 'closed'
          ? t('open.closed')
          : t('open.unconditional');
    return html`<li class="item" part="item">
      <a class="title" part="title" href="/catalog/${encodeURIComponent(dataset.id)}"
        >${localize(dataset.title)}</a
      >
      <div class="meta">
        <span>${localize(dataset.organization.name)}</span>
        <span>${t('datasets.updated', { date: formatDate(dataset.updatedAt) })}</span>
        <span>${t('datasets.downloads', { count: formatNumber(dataset.downloads ?? 0) })}</span>
      </div>
      <div class="meta">
        <span class="badge ${dataset.openType}" part="badge">${openLabel}</span>
        <ul class="badges" aria-label=${t('datasets.formats')}>
          ${(dataset.formats ?? []).map(
            (format) => html`<li class="badge" part="badge">${format}</li>`,
          )}
        </ul>
      </div>
    </li>`;
  }

  override render() {
    return renderSection(
      this.datasets,
      ({ items }) =>
        items.length === 0
          ? emptyState(t('datasets.empty'))
          : html`<ol part="list">${items.map((dataset) => this.renderDataset(dataset))}</ol>`,
      t('datasets.empty'),
    );
  }
}
