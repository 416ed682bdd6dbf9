/**
 * `<kf-catalog-manage>` at `/catalog/manage`: the datasets the signed-in administrator may
 * edit — their organisation's for a provider admin, every organisation's (with a filter) for a
 * platform admin — in every state, with keyword search and pages. Each row links to the
 * editor, the dataset page and, where the portal has those pages, the data upload and the
 * security review. The URL's query is the state, as on `/catalog`.
 *
 * What may be managed is the server's answer (`GET /api/v1/organizations?editable=true` and
 * `GET /api/v1/datasets?editable=true`), never a guess from roles in the browser.
 *
 * @csspart table - the list of datasets
 * @csspart pagination - the pager
 */
import { html, LitElement, nothing } from 'lit';
import { STATES } from '../model.ts';
import { adminStyles } from './admin-styles.ts';
import { type AdminTextKey, say } from './admin-text.ts';
import {
  baseStyles,
  fetchJson,
  formatDate,
  formatNumber,
  type Loaded,
  stateLabel,
} from './shared.ts';
import { pageLink } from './site-pages.ts';

interface Organisation {
  id: string;
  name: string;
}

interface Row {
  id: string;
  title: string;
  organization: { id: string; name: string };
  state: string;
  updatedAt: string;
}

interface ListPage {
  total: number;
  page: number;
  pageSize: number;
  items: Row[];
}

const PAGE_SIZE = 20;

/** `GET /organizations?editable=true`. */
interface EditableOrganisations {
  items: Organisation[];
  can?: { manage?: boolean };
}

export class KfCatalogManage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    locale: {},
    orgs: { state: true },
    list: { state: true },
  };
  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare locale: string;
  /** The organisations the reader may edit, and whether they may add organisations. */
  declare orgs: Loaded<EditableOrganisations>;
  declare list: Loaded<ListPage>;
  #controller = new AbortController();
  #listController?: AbortController;
  #orgsRequested = false;
  #loadedFor: string | undefined;

  static override styles = [baseStyles, adminStyles];

  constructor() {
    super();
    this.params = {};
    this.query = new URLSearchParams();
    this.locale = 'zh-CN';
    this.orgs = { status: 'loading' };
    this.list = { status: 'loading' };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller.abort();
    this.#listController?.abort();
  }

  protected override willUpdate(): void {
    if (!this.#orgsRequested) {
      this.#orgsRequested = true;
      void this.#loadOrgs();
    }
    if (this.orgs.status !== 'ok' || this.orgs.data.items.length === 0) return;
    const wanted = this.#apiQuery(this.orgs.data.items).toString();
    if (wanted !== this.#loadedFor) {
      this.#loadedFor = wanted;
      void this.#loadList(wanted);
    }
  }

  async #loadOrgs(): Promise<void> {
    const answer = await fetchJson<EditableOrganisations>(
      '/api/v1/organizations?editable=true',
      this.#controller.signal,
    );
    if (this.#controller.signal.aborted) return;
    this.orgs = answer;
  }

  async #loadList(query: string): Promise<void> {
    this.#listController?.abort();
    const controller = new AbortController();
    this.#listController = controller;
    this.list = { status: 'loading' };
    const answer = await fetchJson<ListPage>(`/api/v1/datasets?${query}`, controller.signal);
    if (!controller.signal.aborted) this.list = answer;
  }

  /** The page's own query (q, state, org, page), cleaned of anything the API would refuse. */
  #pageQuery(orgs: Organisation[]): URLSearchParams {
    const out = new URLSearchParams();
    const q = this.query?.get('q')?.trim();
    if (q) out.set('q', q.slice(0, 100));
    const state = this.query?.get('state');
    if (state && (STATES as readonly string[]).includes(state)) out.set('state', state);
    const org = this.query?.get('org');
    if (org && orgs.length > 1 && orgs.some((o) => o.id === org)) out.set('org', org);
    const page = Number(this.query?.get('page'));
    if (Number.isInteger(page) && page > 1) out.set('page', String(page));
    return out;
  }

  #apiQuery(orgs: Organisation[]): URLSearchParams {
    const out = this.#pageQuery(orgs);
    out.set('editable', 'true');
    if (!out.has('state')) out.set('state', 'any');
    out.set('pageSize', String(PAGE_SIZE));
    out.set('facets', 'false');
    // Newest first even with a keyword: an admin looks for what they were working on.
    out.set('sort', 'updated');
    return out;
  }

  #href(query: URLSearchParams): string {
    return `/catalog/manage${query.toString() ? `?${query}` : ''}`;
  }

  #filter(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const next = new URLSearchParams();
    for (const key of ['q', 'state', 'org']) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    this.dispatchEvent(
      new CustomEvent('kf-navigate', {
        detail: { href: this.#href(next) },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #filters(orgs: Organisation[]) {
    const l = this.locale;
    const state = this.query?.get('state') ?? '';
    const org = this.query?.get('org') ?? '';
    return html`<form class="filters" role="search" @submit=${this.#filter}>
      <label
        >${say(l, 'keyword')}
        <input
          name="q"
          type="search"
          maxlength="100"
          placeholder=${say(l, 'keywordPlaceholder')}
          .value=${this.query?.get('q') ?? ''}
      /></label>
      <label
        >${say(l, 'state')}
        <select name="state">
          <option value="" ?selected=${!state}>${say(l, 'anyState')}</option>
          ${STATES.map((s) => html`<option value=${s} ?selected=${s === state}>${stateLabel(l, s)}</option>`)}
        </select>
      </label>
      ${
        orgs.length > 1
          ? html`<label
            >${say(l, 'organisation')}
            <select name="org">
              <option value="" ?selected=${!org}>${say(l, 'anyOrganisation')}</option>
              ${orgs.map((o) => html`<option value=${o.id} ?selected=${o.id === org}>${o.name}</option>`)}
            </select>
          </label>`
          : nothing
      }
      <button type="submit">${say(l, 'filter')}</button>
    </form>`;
  }

  #row(row: Row) {
    const l = this.locale;
    const link = (href: string | undefined, key: AdminTextKey) =>
      href
        ? html`<a href=${href} aria-label=${`${say(l, key)} ${row.title}`}>${say(l, key)}</a>`
        : nothing;
    const id = encodeURIComponent(row.id);
    return html`<tr>
      <th scope="row"><a href="/catalog/${id}">${row.title}</a></th>
      <td>${row.organization.name}</td>
      <td><span class="badge state-${row.state}">${stateLabel(l, row.state)}</span></td>
      <td>${formatDate(l, row.updatedAt)}</td>
      <td>
        <div class="actions">
          ${link(`/catalog/${id}/edit`, 'edit')} ${link(`/catalog/${id}`, 'view')}
          ${link(pageLink('/data/:id', row.id), 'upload')}
          ${link(pageLink('/data-security/:id', row.id), 'security')}
        </div>
      </td>
    </tr>`;
  }

  #pager(list: ListPage, orgs: Organisation[]) {
    const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
    if (pages <= 1) return nothing;
    const l = this.locale;
    const at = (page: number) => {
      const query = this.#pageQuery(orgs);
      if (page > 1) query.set('page', String(page));
      else query.delete('page');
      return this.#href(query);
    };
    return html`<nav class="pagination" part="pagination" aria-label=${say(l, 'pages')}>
      ${list.page > 1 ? html`<a href=${at(list.page - 1)}>${say(l, 'previous')}</a>` : nothing}
      <span>${list.page} / ${pages}</span>
      ${list.page < pages ? html`<a href=${at(list.page + 1)}>${say(l, 'next')}</a>` : nothing}
    </nav>`;
  }

  #list(orgs: Organisation[]) {
    const l = this.locale;
    const list = this.list;
    if (list.status === 'loading') return html`<p role="status">${say(l, 'loading')}</p>`;
    if (list.status !== 'ok')
      return html`<p role="alert">${say(l, 'failed', { message: list.status === 'error' ? list.message : '404' })}</p>`;
    return html`
      <p role="status">${say(l, 'count', { n: formatNumber(l, list.data.total) })}</p>
      ${
        list.data.items.length === 0
          ? html`<p>${say(l, 'none')}</p>`
          : html`<div class="scroll">
            <table part="table">
              <caption class="visually-hidden">${say(l, 'manageTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">${say(l, 'title')}</th>
                  <th scope="col">${say(l, 'organisation')}</th>
                  <th scope="col">${say(l, 'state')}</th>
                  <th scope="col">${say(l, 'updated')}</th>
                  <th scope="col">${say(l, 'actions')}</th>
                </tr>
              </thead>
              <tbody>${list.data.items.map((row) => this.#row(row))}</tbody>
            </table>
          </div>`
      }
      ${this.#pager(list.data, orgs)}
    `;
  }

  override render() {
    const l = this.locale;
    const loaded = this.orgs;
    if (loaded.status === 'loading') return html`<p role="status">${say(l, 'loading')}</p>`;
    if (loaded.status !== 'ok')
      return html`<h1>${say(l, 'manageTitle')}</h1>
        <p role="alert">${say(l, 'failed', { message: loaded.status === 'error' ? loaded.message : '404' })}</p>`;
    // A platform admin on a portal with no providing department yet is sent to add one.
    const orgs = { data: loaded.data.items, mayAdd: loaded.data.can?.manage === true };
    if (orgs.data.length === 0 && orgs.mayAdd)
      return html`<section class="card">
        <h1>${say(l, 'manageTitle')}</h1>
        <p role="status">${say(l, 'noOrganisationsYet')}</p>
        <p><a class="button" href="/catalog/organisations">${say(l, 'addOrganisations')}</a></p>
      </section>`;
    if (orgs.data.length === 0)
      return html`<section class="card">
        <h1>${say(l, 'manageTitle')}</h1>
        <p role="alert">${say(l, 'adminOnly')}</p>
        <p><a class="button" href="/login?returnTo=${encodeURIComponent('/catalog/manage')}">${say(l, 'signIn')}</a></p>
      </section>`;
    return html`
      <div class="head">
        <h1>${say(l, 'manageTitle')}</h1>
        <a class="button" href="/catalog/new">${say(l, 'newDataset')}</a>
      </div>
      <p class="muted">
        ${orgs.data.length > 1 ? say(l, 'manageLeadAll') : say(l, 'manageLead', { org: orgs.data[0]!.name })}
      </p>
      ${this.#filters(orgs.data)} ${this.#list(orgs.data)}
    `;
  }
}

if (!customElements.get('kf-catalog-manage'))
  customElements.define('kf-catalog-manage', KfCatalogManage);
