/**
 * `<kf-user-menu>`: the login state. A guest sees 登录 / 注册; a signed-in user sees a
 * greeting that leads to 个人中心. Reads `GET /api/v1/me` (401 = guest); when no auth plugin
 * is installed (404) or the call fails, the visitor is treated as a guest.
 *
 * @csspart link - each link
 */
import { css, html, LitElement, nothing } from 'lit';
import { ApiResource, isRecord } from '../api.ts';
import { LocaleController, t } from '../i18n/locale.ts';
import type { CurrentUser } from '../types.ts';
import { baseStyles } from './shared-styles.ts';

function isCurrentUser(value: unknown): value is CurrentUser {
  return isRecord(value) && typeof value.loginName === 'string';
}

export class KfUserMenu extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: var(--kf-sys-space-s);
      }
      a {
        color: inherit;
      }
      .sep {
        opacity: 0.6;
      }
    `,
  ];

  private readonly me = new ApiResource(this, () => '/api/v1/me', isCurrentUser);

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const state = this.me.state;
    // Render nothing while loading, so a signed-in user never sees 登录 flash by.
    if (state.status === 'loading') return nothing;
    if (state.status === 'ok') {
      const name = state.data.realName || state.data.loginName;
      return html`<a part="link" href="/me">${t('user.greeting', { name })}</a>`;
    }
    return html`
      <a part="link" href="/login">${t('nav.login')}</a>
      <span class="sep" aria-hidden="true">|</span>
      <a part="link" href="/register">${t('nav.register')}</a>
    `;
  }
}
