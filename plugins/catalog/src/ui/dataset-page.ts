/**
 * `<kf-dataset-page>` at `/catalog/:id`: the dataset's metadata, its data items (field
 * dictionary with code lists), licence and access conditions, and tabs for the views other
 * plugins register (`dataset-views.ts`): preview, download, API and any of their own (C4).
 * A registered view's element gets `dataset-id` and `locale`; a built-in tab without one says
 * what is missing.
 *
 * @csspart header - title, provider and badges
 * @csspart tabs - the tab list
 * @csspart panel - the visible tab panel
 */
import { tableStyles } from '@kaifang/sdk/ui';
import { css, html, LitElement, nothing } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { BUILT_IN_VIEW_ORDER, DATASET_VIEWS_CHANGED, datasetViews } from './dataset-views.ts';
import {
  baseStyles,
  fetchJson,
  formatDate,
  formatNumber,
  type Loaded,
  openTypeLabel,
  stateLabel,
  type TextKey,
  text,
} from './shared.ts';

interface Field {
  name: string;
  label: string;
  type: string;
  unit?: string;
  description?: string;
  dictionary?: { code: string; label: string }[];
}

interface DatasetDetail {
  id: string;
  title: string;
  description: string;
  organization: { id: string; name: string };
  domains: { code: string; name: string }[];
  scenarios: { code: string; name: string }[];
  tags: string[];
  openType: string;
  grade: number;
  classifications: string[];
  updateCycle: string;
  updateMethod: string;
  licence: { code: string; name: string; url: string; summary: string };
  formats: string[];
  recordCount: number;
  fields: Field[];
  primaryKey?: string[];
  contact: { name?: string; phone?: string; email?: string };
  publishedAt: string | null;
  updatedAt: string;
  views: number;
  downloads: number;
  apiCalls: number;
  ratingAvg: number | null;
  ratingCount: number;
  state: string;
  access: { allowed: boolean; reason: string };
  /** What the reader may do, as the server decided (absent from older servers: nothing). */
  can?: { edit: boolean; publish: boolean };
}

const CYCLES: Record<string, [string, string]> = {
  yearly: ['每年', 'Yearly'],
  'half-yearly': ['每半年', 'Half-yearly'],
  quarterly: ['每季度', 'Quarterly'],
  monthly: ['每月', 'Monthly'],
  weekly: ['每周', 'Weekly'],
  daily: ['每日', 'Daily'],
  'real-time': ['实时', 'Real time'],
  other: ['其他', 'Other'],
};
const METHODS: Record<string, [string, string]> = {
  'primary-key': ['主键更新', 'Primary-key update'],
  incremental: ['增量更新', 'Incremental'],
  full: ['全量更新', 'Full replacement'],
};

/** A tab: the page's own two, a built-in place, or a registered view. */
interface TabSpec {
  id: string;
  label: string;
  /** The registered element, if any. */
  element?: string;
}
const BUILT_IN_PLACES = Object.keys(BUILT_IN_VIEW_ORDER) as ('preview' | 'download' | 'api')[];

export class KfDatasetPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    locale: {},
    state: { state: true },
    tab: { state: true },
  };
  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare locale: string;
  declare state: Loaded<DatasetDetail>;
  declare tab: string;
  #controller?: AbortController;
  #loadedId = '';
  #onViews = () => this.requestUpdate();

  constructor() {
    super();
    this.params = {};
    this.locale = 'zh-CN';
    this.state = { status: 'loading' };
    this.tab = 'metadata';
  }

  static override styles = [
    baseStyles,
    tableStyles,
    css`
      header h1 {
        margin: 0 0 var(--kf-sys-space-s, 0.5rem);
        font-family: var(--kf-sys-font-heading, inherit);
        font-size: var(--kf-sys-font-size-2xl, 1.75rem);
      }
      .figures {
        display: flex;
        flex-wrap: wrap;
        gap: var(--kf-sys-space-m, 1rem);
      }
      [role='tablist'] {
        display: flex;
        gap: var(--kf-sys-space-xs, 0.25rem);
        margin: var(--kf-sys-space-l, 1.5rem) 0 0;
        border-bottom: 2px solid var(--kf-sys-color-outline, #d9dee7);
      }
      [role='tab'] {
        background: transparent;
        color: var(--kf-sys-color-on-surface, #1a1f29);
        border-radius: var(--kf-sys-radius-s, 4px) var(--kf-sys-radius-s, 4px) 0 0;
        padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-m, 1rem);
      }
      [role='tab'][aria-selected='true'] {
        background: var(--kf-sys-color-primary, #1646a8);
        color: var(--kf-sys-color-on-primary, #fff);
      }
      [role='tab'][aria-selected='false']:hover {
        background: var(--kf-sys-color-primary-container, #eef4ff);
        color: var(--kf-sys-color-on-primary-container, #103682);
      }
      [role='tabpanel'] {
        border-top: 0;
        border-radius: 0 0 var(--kf-card-radius, 8px) var(--kf-card-radius, 8px);
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-l, 1.5rem);
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      .licence {
        margin-top: var(--kf-sys-space-l, 1.5rem);
      }
      .links {
        display: flex;
        flex-wrap: wrap;
        gap: var(--kf-sys-space-m, 1rem);
      }
    `,
  ];

  protected override willUpdate(): void {
    const id = this.params?.id ?? '';
    if (id && id !== this.#loadedId) {
      this.#loadedId = id;
      this.tab = 'metadata';
      void this.#load(id);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(DATASET_VIEWS_CHANGED, this.#onViews);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(DATASET_VIEWS_CHANGED, this.#onViews);
    this.#controller?.abort();
  }

  /** The tabs in order: metadata, data items, then built-in places and registered views. */
  #tabs(d: DatasetDetail): TabSpec[] {
    const l = this.locale;
    const en = l === 'en';
    const views = datasetViews().filter((view) => view.audience !== 'editors' || d.can?.edit);
    const placed: (TabSpec & { order: number })[] = BUILT_IN_PLACES.filter(
      (id) => !views.some((view) => view.id === id),
    ).map((id) => ({ id, label: text(l, id), order: BUILT_IN_VIEW_ORDER[id]! }));
    for (const view of views)
      placed.push({
        id: view.id,
        label: en ? view.label.en : view.label.zh,
        element: view.element,
        order: view.order,
      });
    placed.sort((a, b) => a.order - b.order);
    return [
      { id: 'metadata', label: text(l, 'metadata') },
      { id: 'dataItems', label: text(l, 'dataItems') },
      ...placed.map(({ order: _order, ...tab }) => tab),
    ];
  }

  #view(tab: TabSpec, d: DatasetDetail) {
    if (tab.element) {
      // The tag was checked when the view registered (a custom element name, nothing else).
      const tag = unsafeStatic(tab.element);
      return staticHtml`<${tag} dataset-id=${d.id} locale=${this.locale}></${tag}>`;
    }
    const key = `missing${tab.id}` as TextKey;
    return html`<slot name=${tab.id}><p class="muted" role="note">${
      (BUILT_IN_PLACES as string[]).includes(tab.id)
        ? text(this.locale, key)
        : text(this.locale, 'comingSoon')
    }</p></slot>`;
  }

  async #load(id: string): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.state = { status: 'loading' };
    const result = await fetchJson<DatasetDetail>(
      `/api/v1/datasets/${encodeURIComponent(id)}`,
      controller.signal,
    );
    if (!controller.signal.aborted) this.state = result;
  }

  #pick(pair: [string, string] | undefined, fallback: string): string {
    return pair ? (this.locale === 'en' ? pair[1] : pair[0]) : fallback;
  }

  /** Arrow keys move between tabs, as the WAI-ARIA tabs pattern expects. */
  #onTabKey(event: KeyboardEvent): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step || this.state.status !== 'ok') return;
    const tabs = this.#tabs(this.state.data).map((tab) => tab.id);
    const next = tabs[(tabs.indexOf(this.tab) + step + tabs.length) % tabs.length]!;
    this.tab = next;
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#tab-${next}`) as HTMLElement | null)?.focus(),
    );
  }

  #metadata(d: DatasetDetail) {
    const l = this.locale;
    const row = (key: TextKey, value: unknown) => html`<dt>${text(l, key)}</dt><dd>${value}</dd>`;
    return html`<dl>
        ${row('provider', d.organization.name)}
        ${row('domain', d.domains.map((x) => x.name).join('、'))}
        ${d.scenarios.length ? row('scenario', d.scenarios.map((x) => x.name).join('、')) : nothing}
        ${row('openType', openTypeLabel(l, d.openType))}
        ${row('grade', d.grade)}
        ${d.classifications.length ? row('classifications', d.classifications.join('、')) : nothing}
        ${row('updateCycle', this.#pick(CYCLES[d.updateCycle], d.updateCycle))}
        ${row('updateMethod', this.#pick(METHODS[d.updateMethod], d.updateMethod))}
        ${d.primaryKey?.length ? row('primaryKey', d.primaryKey.join(' + ')) : nothing}
        ${row('recordCount', formatNumber(l, d.recordCount))}
        ${row('formats', d.formats.join(' / '))}
        ${d.tags.length ? row('tags', d.tags.join('、')) : nothing}
        ${row('publishedAt', formatDate(l, d.publishedAt))}
        ${row('updatedAt', formatDate(l, d.updatedAt))}
        ${row('contact', [d.contact.name, d.contact.phone, d.contact.email].filter(Boolean).join(' · ') || '—')}
        ${row('access', d.access.reason)}
      </dl>
      <section class="licence">
        <h2>${text(l, 'licence')}</h2>
        <p><a href=${d.licence.url}>${d.licence.name}</a></p>
        <p>${d.licence.summary}</p>
      </section>`;
  }

  #dataItems(d: DatasetDetail) {
    const l = this.locale;
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${text(l, 'fieldName')}</th>
          <th scope="col">${text(l, 'fieldLabel')}</th>
          <th scope="col">${text(l, 'fieldType')}</th>
          <th scope="col">${text(l, 'fieldUnit')}</th>
          <th scope="col">${text(l, 'fieldDescription')}</th>
          <th scope="col">${text(l, 'dictionary')}</th>
        </tr>
      </thead>
      <tbody>
        ${d.fields.map(
          (f) => html`<tr>
            <td><code>${f.name}</code></td>
            <td>${f.label}</td>
            <td>${f.type}</td>
            <td>${f.unit ?? ''}</td>
            <td>${f.description ?? ''}</td>
            <td>${(f.dictionary ?? []).map((item) => `${item.code}=${item.label}`).join('；')}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render() {
    const l = this.locale;
    const { state } = this;
    if (state.status === 'loading') return html`<p role="status">${text(l, 'loading')}</p>`;
    if (state.status === 'not-found')
      return html`<p role="alert">${text(l, 'notFound')}</p><p><a href="/catalog">${text(l, 'back')}</a></p>`;
    if (state.status === 'error')
      return html`<p role="alert">${text(l, 'failed')}
        <button type="button" @click=${() => this.#load(this.#loadedId)}>${text(l, 'retry')}</button></p>`;
    const d = state.data;
    const tabs = this.#tabs(d);
    const current = tabs.find((tab) => tab.id === this.tab) ?? tabs[0]!;
    return html`
      <header part="header">
        <p class="links">
          <a href="/catalog">${text(l, 'back')}</a>
          ${
            d.can?.edit
              ? html`<a href="/catalog/${encodeURIComponent(d.id)}/edit">${text(l, 'edit')}</a>
                  <a href="/catalog/manage">${text(l, 'manage')}</a>`
              : nothing
          }
        </p>
        <h1>${d.title}</h1>
        <p>${d.description}</p>
        <div class="figures muted">
          ${d.state !== 'published' ? html`<span class="badge state-${d.state}">${stateLabel(l, d.state)}</span>` : nothing}
          <span class="badge ${d.openType}">${openTypeLabel(l, d.openType)}</span>
          <span>${d.organization.name}</span>
          <span>${text(l, 'views')}: ${formatNumber(l, d.views)}</span>
          <span>${text(l, 'downloads')}: ${formatNumber(l, d.downloads)}</span>
          ${d.ratingAvg !== null ? html`<span>${text(l, 'rated', d.ratingAvg)} (${d.ratingCount})</span>` : nothing}
        </div>
      </header>
      <div role="tablist" part="tabs" @keydown=${this.#onTabKey}>
        ${tabs.map(
          (tab) => html`<button
            type="button"
            role="tab"
            id="tab-${tab.id}"
            aria-selected=${tab === current ? 'true' : 'false'}
            aria-controls="panel"
            tabindex=${tab === current ? 0 : -1}
            @click=${() => {
              this.tab = tab.id;
            }}
          >
            ${tab.label}
          </button>`,
        )}
      </div>
      <section id="panel" class="card" role="tabpanel" part="panel" aria-labelledby="tab-${current.id}">
        ${
          current.id === 'metadata'
            ? this.#metadata(d)
            : current.id === 'dataItems'
              ? this.#dataItems(d)
              : this.#view(current, d)
        }
      </section>
    `;
  }
}

if (!customElements.get('kf-dataset-page')) customElements.define('kf-dataset-page', KfDatasetPage);
