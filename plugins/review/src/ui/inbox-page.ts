/**
 * `<kf-review-inbox>`: the reviewer's inbox, filtered by kind, state and overdue, soonest
 * deadline first, with a live SLA countdown. The server decides what is listed: the items the
 * caller may review, or, for platform admins, every kind's items (a scope filter narrows them to
 * the ones they decide; the others are marked view-only).
 */
import { html, LitElement } from 'lit';
import {
  api,
  countdown,
  type ItemSummary,
  type Locale,
  pageStyles,
  REVIEW_FILTER_STATES,
  stateLabel,
  tr,
} from './shared.ts';

interface Kind {
  name: string;
  label: { zh: string; en: string };
  workdays: number;
  reviewable: boolean;
}

export class KfReviewInbox extends LitElement {
  static override styles = pageStyles;
  static override properties = {
    locale: { attribute: false },
    query: { attribute: false },
    items: { state: true },
    kinds: { state: true },
    canViewAll: { state: true },
    error: { state: true },
    now: { state: true },
  };

  locale: Locale = 'zh-CN';
  query: URLSearchParams = new URLSearchParams();
  items: ItemSummary[] | undefined;
  kinds: Kind[] = [];
  canViewAll = false;
  error = '';
  now = Date.now();
  #timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // The countdown moves on its own; the list is reloaded only when filters change.
    this.#timer = setInterval(() => {
      this.now = Date.now();
    }, 60_000);
    void this.#load();
    api<{ items: Kind[]; canViewAll: boolean }>('/reviews/kinds').then(
      (body) => {
        this.kinds = body.items;
        this.canViewAll = body.canViewAll;
      },
      () => undefined,
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  async #load(): Promise<void> {
    const params = new URLSearchParams();
    for (const key of ['scope', 'kind', 'state', 'overdue']) {
      const value = this.query.get(key);
      if (value) params.set(key, value);
    }
    try {
      this.items = (await api<{ items: ItemSummary[] }>(`/reviews?${params}`)).items;
      this.error = '';
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  #filter(key: string, value: string): void {
    const next = new URLSearchParams(this.query);
    if (value) next.set(key, value);
    else next.delete(key);
    this.query = next;
    history.replaceState(null, '', `${location.pathname}?${next}`);
    void this.#load();
  }

  override render() {
    const l = this.locale;
    const select = (key: string, options: [string, string][]) => html`
      <select @change=${(e: Event) => this.#filter(key, (e.target as HTMLSelectElement).value)}>
        <option value="">${tr(l, '全部', 'All')}</option>
        ${options.map(
          ([value, label]) =>
            html`<option value=${value} ?selected=${this.query.get(key) === value}>${label}</option>`,
        )}
      </select>
    `;
    const scope = this.query.get('scope') ?? 'all';
    return html`
      <h1>${tr(l, '审核待办', 'Review inbox')}</h1>
      <div class="filters" role="search">
        ${
          this.canViewAll
            ? html`<label>${tr(l, '范围', 'Scope')}
                <select @change=${(e: Event) => {
                  const value = (e.target as HTMLSelectElement).value;
                  this.#filter('scope', value === 'all' ? '' : value);
                }}>
                  <option value="all" ?selected=${scope === 'all'}>${tr(l, '全部事项', 'All items')}</option>
                  <option value="reviewable" ?selected=${scope === 'reviewable'}>
                    ${tr(l, '由我审核的', 'Items I review')}</option>
                </select></label>`
            : ''
        }
        <label>${tr(l, '类型', 'Kind')}
          ${select(
            'kind',
            this.kinds
              .filter((k) => scope === 'all' || k.reviewable)
              .map((k) => [k.name, tr(l, k.label.zh, k.label.en)]),
          )}</label>
        <label>${tr(l, '状态', 'State')}
          ${select(
            'state',
            REVIEW_FILTER_STATES.map((s) => [s, stateLabel(l, s)]),
          )}</label>
        <label>${tr(l, '是否逾期', 'Overdue')}
          ${select('overdue', [
            ['true', tr(l, '已逾期', 'Overdue')],
            ['false', tr(l, '未逾期', 'On time')],
          ])}</label>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        this.items === undefined
          ? html`<p class="muted">${tr(l, '加载中…', 'Loading…')}</p>`
          : this.items.length === 0
            ? html`<p class="muted">${tr(l, '没有待审核事项。', 'Nothing to review.')}</p>`
            : html`<table>
                <thead><tr>
                  <th>${tr(l, '事项', 'Item')}</th><th>${tr(l, '类型', 'Kind')}</th>
                  <th>${tr(l, '状态', 'State')}</th><th>${tr(l, '办理期限', 'Deadline')}</th>
                </tr></thead>
                <tbody>
                  ${this.items.map(
                    (item) => html`<tr>
                      <td>
                        <a href="/reviews/${item.id}">${item.title}</a>
                        ${item.canDecide === false ? html`<span class="badge">${tr(l, '仅查看', 'View only')}</span>` : ''}
                      </td>
                      <td>${tr(l, item.kindLabel.zh, item.kindLabel.en)}</td>
                      <td><span class="badge ${item.state}">${stateLabel(l, item.state)}</span></td>
                      <td>
                        ${item.deadline}
                        ${item.overdue ? html`<span class="badge overdue">${tr(l, '逾期', 'Overdue')}</span>` : ''}
                        <div class="muted">${countdown(l, item, this.now)}</div>
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
      }
    `;
  }
}

// A theme may have defined its own element under this tag already; that one wins.
if (!customElements.get('kf-review-inbox')) customElements.define('kf-review-inbox', KfReviewInbox);
