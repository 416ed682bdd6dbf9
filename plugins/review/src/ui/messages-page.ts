/** `<kf-message-centre>`: the user's notices, unread first in weight, each markable as read. */
import { html, LitElement, nothing } from 'lit';
import { api, type Locale, pageStyles, tr } from './shared.ts';

interface MessageView {
  id: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
}

export class KfMessageCentre extends LitElement {
  static override styles = pageStyles;
  static override properties = {
    locale: { attribute: false },
    messages: { state: true },
    unread: { state: true },
    error: { state: true },
  };

  locale: Locale = 'zh-CN';
  messages: MessageView[] | undefined;
  unread = 0;
  error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      const body = await api<{ items: MessageView[]; unread: number }>('/messages?limit=100');
      this.messages = body.items;
      this.unread = body.unread;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async #read(message: MessageView): Promise<void> {
    if (message.read) return;
    await api(`/messages/${message.id}/read`, { method: 'POST' }).catch((error: Error) => {
      this.error = error.message;
    });
    await this.#load();
  }

  override render() {
    const l = this.locale;
    return html`
      <h1>${tr(l, '消息中心', 'Messages')}
        <span class="badge" aria-live="polite">${tr(l, `未读 ${this.unread}`, `${this.unread} unread`)}</span></h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${(this.messages ?? []).map(
        (message) => html`
          <article class="card">
            <h2>${message.read ? nothing : html`<span class="badge overdue">${tr(l, '未读', 'New')}</span>`}
              ${message.title}</h2>
            <p class="muted">${new Date(message.createdAt).toLocaleString(l)}</p>
            <p style="white-space: pre-line">${message.body}</p>
            ${message.link ? html`<a href=${message.link} @click=${() => this.#read(message)}>${tr(l, '查看详情', 'Open')}</a>` : nothing}
            ${message.read ? nothing : html`<button class="secondary" @click=${() => this.#read(message)}>${tr(l, '标为已读', 'Mark read')}</button>`}
          </article>
        `,
      )}
      ${this.messages?.length === 0 ? html`<p class="muted">${tr(l, '暂无消息。', 'No messages.')}</p>` : nothing}
    `;
  }
}

if (!customElements.get('kf-message-centre'))
  customElements.define('kf-message-centre', KfMessageCentre);
