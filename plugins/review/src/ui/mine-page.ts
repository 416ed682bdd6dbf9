/** `<kf-review-mine>`: the applicant's own applications and submissions, with their outcomes. */
import { html, LitElement } from 'lit';
import {
  api,
  countdown,
  type ItemSummary,
  type Locale,
  pageStyles,
  stateLabel,
  tr,
} from './shared.ts';

export class KfReviewMine extends LitElement {
  static override styles = pageStyles;
  static override properties = {
    locale: { attribute: false },
    items: { state: true },
    error: { state: true },
  };

  locale: Locale = 'zh-CN';
  items: ItemSummary[] | undefined;
  error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    api<{ items: ItemSummary[] }>('/reviews/mine?limit=100').then(
      (body) => {
        this.items = body.items;
      },
      (error: Error) => {
        this.error = error.message;
      },
    );
  }

  override render() {
    const l = this.locale;
    return html`
      <h1>${tr(l, '我的申请', 'My applications')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        this.items?.length === 0
          ? html`<p class="muted">${tr(l, '您还没有提交过申请。', 'You have not applied for anything yet.')}</p>`
          : html`<table>
              <thead><tr><th>${tr(l, '事项', 'Item')}</th><th>${tr(l, '状态', 'State')}</th>
                <th>${tr(l, '审核意见', 'Remark')}</th><th>${tr(l, '办理期限', 'Deadline')}</th></tr></thead>
              <tbody>${(this.items ?? []).map(
                (item) => html`<tr>
                  <td><a href="/reviews/${item.id}">${item.title}</a>
                    <div class="muted">${tr(l, item.kindLabel.zh, item.kindLabel.en)}</div></td>
                  <td><span class="badge ${item.state}">${stateLabel(l, item.state)}</span></td>
                  <td>${item.remark ?? ''}</td>
                  <td>${item.deadline}<div class="muted">${countdown(l, item)}</div></td>
                </tr>`,
              )}</tbody>
            </table>`
      }
    `;
  }
}

if (!customElements.get('kf-review-mine')) customElements.define('kf-review-mine', KfReviewMine);
