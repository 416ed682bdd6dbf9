/**
 * `<kf-catalog-page>` at `/catalog`: keyword box, facet filters (with counts that respect the
 * other filters), sort selector, results and pagination. The URL's query string is the state:
 * every change navigates to a new `/catalog?…`, so results are linkable and Back works.
 *
 * @csspart search - the keyword form
 * @csspart facets - the filter column
 * @csspart results - the result list
 * @csspart item - one result
 * @csspart pagination - the pager
 */
import { css, html, LitElement, nothing } from 'lit';
import {
  baseStyles,
  fetchJson,
  formatDate,
  formatNumber,
  highlight,
  type Loaded,
  openTypeLabel,
  type TextKey,
  text,
} from './shared.ts';

interface FacetEntry {
  key: string;
  label: string;
  count: number;
}

interface Summary {
  id: string;
  title: string;
  description: string;
  organization: { id: string; name: string };
  domains: { code: string; name: string }[];
  openType: string;
  formats: string[];
  recordCount: number;
  updatedAt: string;
  views: number;
  downloads: number;
  ratingAvg: number | null;
}

interface CatalogPage {
  total: number;
  page: number;
  pageSize: number;
  items: Summary[];
  facets: Record<string, FacetEntry[]>;
  search: { engine: string; fallback?: { from: string }; words?: string[] };
}

const FACETS: { param: string; key: TextKey }[] = [
  { param: 'domain', key: 'domain' },
  { param: 'org', key: 'org' },
  { param: 'openType', key: 'openType' },
  { param: 'format', key: 'format' },
  { param: 'scenario', key: 'scenario' },
  { param: 'grade', key: 'grade' },
];
const FACET_PARAM: Record<string, string> = {
  domain: 'domain',
  org: 'org',
  openType: 'openType',
  format: 'format',
  scenario: 'scenario',
  grade: 'grade',
};
const SORTS: TextKey[] = ['relevance', 'updated', 'records', 'views', 'downloads', 'rating'];
/** Query parameters the API understands; anything else in the page URL is not sent. */
const API_PARAMS = [
  'q',
  'org',
  'domain',
  'format',
  'openType',
  'scenario',
  'grade',
  'tag',
  'sort',
  'order',
  'page',
  'pageSize',
];

export class KfCatalogPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    locale: {},
    state: { state: true },
  };
  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare locale: string;
  declare state: Loaded<CatalogPage>;
  #controller?: AbortController;
  /** The API query last loaded; undefined until the first load (an empty query is a query). */
  #loadedFor: string | undefined;

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.locale = 'zh-CN';
    this.state = { status: 'loading' };
  }

  static override styles = [
    baseStyles,
    css`
      mark {
        background: var(--kf-sys-color-highlight, #fbe3a8);
        color: inherit;
        padding: 0 0.05em;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(12rem, 16rem) 1fr;
        gap: var(--kf-sys-space-l, 1.5rem);
      }
      @media (max-width: 48rem) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      form.search {
        display: flex;
        gap: var(--kf-sys-space-s, 0.5rem);
        margin-bottom: var(--kf-sys-space-l, 1.5rem);
      }
      form.search input {
        flex: 1;
        font: inherit;
        padding: var(--kf-sys-space-s, 0.5rem);
        border: 1px solid var(--kf-sys-color-outline-strong, #9aa4b5);
        border-radius: var(--kf-sys-radius-s, 4px);
      }
      fieldset {
        border: 0;
        margin: 0 0 var(--kf-sys-space-m, 1rem);
        padding: 0;
      }
      legend {
        font-weight: 600;
        margin-bottom: var(--kf-sys-space-xs, 0.25rem);
      }
      fieldset label {
        display: flex;
        gap: var(--kf-sys-space-xs, 0.25rem);
        align-items: baseline;
        font-size: var(--kf-sys-font-size-s, 0.875rem);
      }
      fieldset label .count {
        margin-left: auto;
        color: var(--kf-sys-color-on-surface-muted, #566070);
      }
      .toolbar {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--kf-sys-space-m, 1rem);
        margin-bottom: var(--kf-sys-space-m, 1rem);
      }
      ol.results {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--kf-sys-space-m, 1rem);
      }
      .item h2 {
        margin: 0 0 var(--kf-sys-space-xs, 0.25rem);
        font-size: var(--kf-sys-font-size-l, 1.125rem);
      }
      .item h2 a {
        color: var(--kf-sys-color-on-surface, #1a1f29);
        text-decoration: none;
      }
      .item h2 a:hover {
        color: var(--kf-sys-color-link, #1646a8);
        text-decoration: underline;
      }
      .item p {
        margin: 0 0 var(--kf-sys-space-s, 0.5rem);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: var(--kf-sys-space-xs, 0.25rem) var(--kf-sys-space-m, 1rem);
      }
    `,
  ];

  protected override willUpdate(): void {
    const wanted = this.#apiQuery().toString();
    if (wanted !== this.#loadedFor) {
      this.#loadedFor = wanted;
      void this.#load(wanted);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller?.abort();
  }

  #apiQuery(): URLSearchParams {
    const out = new URLSearchParams();
    for (const [key, value] of this.query ?? []) {
      if (!API_PARAMS.includes(key) || !value) continue;
      // A link from elsewhere may carry a sort this API does not know; fall back to the default.
      if (key === 'sort' && !(SORTS as string[]).includes(value)) continue;
      if (key === 'order' && value !== 'asc' && value !== 'desc') continue;
      out.append(key, value);
    }
    return out;
  }

  async #load(query: string): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.state = { status: 'loading' };
    const result = await fetchJson<CatalogPage>(`/api/v1/datasets?${query}`, controller.signal);
    if (!controller.signal.aborted) this.state = result;
  }

  /** Moves to `/catalog` with the query changed by `change`; any filter change resets the page. */
  #go(change: (query: URLSearchParams) => void): void {
    const next = this.#apiQuery();
    change(next);
    const href = `/catalog${next.toString() ? `?${next}` : ''}`;
    this.dispatchEvent(
      new CustomEvent('kf-navigate', { detail: { href }, bubbles: true, composed: true }),
    );
  }

  #toggle(param: string, key: string, on: boolean): void {
    this.#go((query) => {
      const values = query.getAll(param).filter((value) => value !== key);
      query.delete(param);
      for (const value of on ? [...values, key] : values) query.append(param, value);
      query.delete('page');
    });
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
    this.#go((query) => {
      if (input.value.trim()) query.set('q', input.value.trim());
      else query.delete('q');
      query.delete('page');
      query.delete('sort');
    });
  }

  #renderFacets(page: CatalogPage | undefined) {
    const l = this.locale;
    return html`<aside part="facets" aria-label=${text(l, 'clear')}>
      ${FACETS.map(({ param, key }) => {
        const entries = page?.facets[param] ?? [];
        const selected = new Set(this.query?.getAll(FACET_PARAM[param]!) ?? []);
        if (entries.length === 0 && selected.size === 0) return nothing;
        return html`<fieldset>
          <legend>${text(l, key)}</legend>
          ${entries.map(
            (entry) => html`<label>
              <input
                type="checkbox"
                .checked=${selected.has(entry.key)}
                @change=${(e: Event) => this.#toggle(param, entry.key, (e.target as HTMLInputElement).checked)}
              />
              <span>${param === 'openType' ? openTypeLabel(l, entry.key) : entry.label}</span>
              <span class="count">${formatNumber(l, entry.count)}</span>
            </label>`,
          )}
        </fieldset>`;
      })}
      <button type="button" @click=${() =>
        this.#go((q) => {
          for (const { param } of FACETS) q.delete(param);
          q.delete('tag');
          q.delete('page');
        })}>
        ${text(l, 'clear')}
      </button>
    </aside>`;
  }

  #renderItem(item: Summary, words: string[] | undefined) {
    const l = this.locale;
    return html`<li class="item card" part="item">
      <h2><a href="/catalog/${encodeURIComponent(item.id)}">${highlight(item.title, words)}</a></h2>
      <p>${highlight(item.description, words)}</p>
      <div class="meta muted">
        <span class="badge ${item.openType}">${openTypeLabel(l, item.openType)}</span>
        <span>${item.organization.name}</span>
        <span>${item.domains.map((d) => d.name).join('、')}</span>
        <span>${item.formats.join(' / ')}</span>
        <span>${text(l, 'updated')}: ${formatDate(l, item.updatedAt)}</span>
        <span>${text(l, 'views')}: ${formatNumber(l, item.views)}</span>
        <span>${text(l, 'downloads')}: ${formatNumber(l, item.downloads)}</span>
        ${item.ratingAvg !== null ? html`<span>${text(l, 'rated', item.ratingAvg)}</span>` : nothing}
      </div>
    </li>`;
  }

  #renderResults(state: Loaded<CatalogPage>) {
    const l = this.locale;
    if (state.status === 'loading') return html`<p role="status">${text(l, 'loading')}</p>`;
    if (state.status !== 'ok')
      return html`<p role="alert">${text(l, 'failed')}
        <button type="button" @click=${() => this.#load(this.#loadedFor ?? '')}>${text(l, 'retry')}</button></p>`;
    const page = state.data;
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    const sort = this.query?.get('sort') ?? (this.query?.get('q') ? 'relevance' : 'updated');
    return html`
      ${page.search.fallback ? html`<p class="notice" role="status">${text(l, 'fallback')}</p>` : nothing}
      <div class="toolbar">
        <p role="status" aria-live="polite">${text(l, 'results', formatNumber(l, page.total))}</p>
        <label
          >${text(l, 'sort')}
          <select
            @change=${(e: Event) =>
              this.#go((q) => {
                q.set('sort', (e.target as HTMLSelectElement).value);
                q.delete('page');
              })}
          >
            ${SORTS.map((key) => html`<option value=${key} ?selected=${key === sort}>${text(l, key)}</option>`)}
          </select>
        </label>
      </div>
      ${
        page.items.length === 0
          ? html`<p>${text(l, 'empty')}</p>`
          : html`<ol class="results" part="results">${page.items.map((item) => this.#renderItem(item, page.search.words))}</ol>`
      }
      ${
        pages > 1
          ? html`<nav class="pagination" part="pagination" aria-label=${text(l, 'page', page.page)}>
            <button type="button" ?disabled=${page.page <= 1} @click=${() => this.#go((q) => q.set('page', String(page.page - 1)))}>
              ${text(l, 'previous')}
            </button>
            <span>${page.page} / ${pages}</span>
            <button type="button" ?disabled=${page.page >= pages} @click=${() => this.#go((q) => q.set('page', String(page.page + 1)))}>
              ${text(l, 'next')}
            </button>
          </nav>`
          : nothing
      }
    `;
  }

  override render() {
    const l = this.locale;
    const page = this.state.status === 'ok' ? this.state.data : undefined;
    return html`
      <form class="search" part="search" role="search" @submit=${this.#submit}>
        <label class="visually-hidden" for="q">${text(l, 'search')}</label>
        <input id="q" name="q" type="search" maxlength="100" .value=${this.query?.get('q') ?? ''} placeholder=${text(l, 'search')} />
        <button type="submit">${text(l, 'searchButton')}</button>
      </form>
      <div class="layout">
        ${this.#renderFacets(page)}
        <section>${this.#renderResults(this.state)}</section>
      </div>
    `;
  }
}

if (!customElements.get('kf-catalog-page')) customElements.define('kf-catalog-page', KfCatalogPage);
