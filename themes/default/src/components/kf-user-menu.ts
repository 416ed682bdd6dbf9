/**
 * `<kf-user-menu>`: the login state. A guest sees 登录 / 注册; a signed-in user sees a
 * greeting that leads to 个人中心 and, when plugins offer them pages for their roles
 * (`userMenu` in a page definition), a 工作台 button that opens those pages as a list.
 * Reads `GET /api/v1/me` (401 = guest); when no auth plugin is installed (404) or the call
 * fails, the visitor is treated as a guest.
 *
 * @csspart link - each link
 * @csspart menu-button - the 工作台 button
 * @csspart menu - the list it opens
 * @csspart menu-link - each page in that list
 */

import { type GeneratedPage, pages } from 'virtual:kaifang/pages';
import { css, html, LitElement, nothing } from 'lit';
import { ApiResource, isRecord } from '../api.ts';
import { LocaleController, localize, t } from '../i18n/locale.ts';
import { locationStore } from '../router.ts';
import type { CurrentUser } from '../types.ts';
import { baseStyles } from './shared-styles.ts';

/** The pages a user with `roles` finds in their menu, in order. */
export function userMenuPages(roles: readonly string[]): GeneratedPage[] {
  return pages
    .filter(
      (page) =>
        page.userMenu &&
        (!page.userMenu.roles || page.userMenu.roles.some((role) => roles.includes(role))),
    )
    .sort((a, b) => (a.userMenu?.order ?? 0) - (b.userMenu?.order ?? 0));
}

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
      .workbench {
        position: relative;
      }
      button {
        font: inherit;
        color: inherit;
        background: none;
        border: 0;
        padding: 0;
        cursor: pointer;
        text-decoration: underline;
      }
      button::after {
        content: ' ▾';
      }
      ul {
        position: absolute;
        right: 0;
        top: calc(100% + var(--kf-sys-space-xs));
        z-index: 20;
        min-width: 10rem;
        margin: 0;
        padding: var(--kf-sys-space-xs) 0;
        list-style: none;
        background: var(--kf-sys-color-surface);
        border: 1px solid var(--kf-sys-color-outline);
        border-radius: var(--kf-sys-radius-s);
        box-shadow: var(--kf-sys-shadow-2);
      }
      ul[hidden] {
        display: none;
      }
      ul a {
        display: block;
        padding: var(--kf-sys-space-xs) var(--kf-sys-space-m);
        color: var(--kf-sys-color-on-surface);
        text-decoration: none;
        white-space: nowrap;
        /* The list sits on a light card, whatever the bar it hangs from. */
        --kf-sys-focus-outline: 3px solid var(--kf-sys-color-focus);
      }
      ul a:hover {
        background: var(--kf-sys-color-surface-variant);
      }
    `,
  ];

  private readonly me = new ApiResource(this, () => '/api/v1/me', isCurrentUser);
  private open = false;
  private unsubscribe?: () => void;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.#outside);
    this.addEventListener('keydown', this.#escape);
    // Following a link (or Back) closes the list.
    this.unsubscribe = locationStore.subscribe(() => this.#setOpen(false));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.#outside);
    this.removeEventListener('keydown', this.#escape);
    this.unsubscribe?.();
  }

  #setOpen(open: boolean): void {
    if (this.open === open) return;
    this.open = open;
    this.requestUpdate();
  }

  readonly #outside = (event: MouseEvent): void => {
    if (!event.composedPath().includes(this)) this.#setOpen(false);
  };

  readonly #escape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.open) return;
    this.#setOpen(false);
    this.renderRoot.querySelector<HTMLButtonElement>('button')?.focus();
  };

  #renderWorkbench(user: CurrentUser) {
    const entries = userMenuPages(user.roles ?? []);
    if (entries.length === 0) return nothing;
    return html`<span class="sep" aria-hidden="true">|</span>
      <div class="workbench">
        <button
          type="button"
          part="menu-button"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="workbench"
          @click=${() => this.#setOpen(!this.open)}
        >
          ${t('user.workbench')}
        </button>
        <ul id="workbench" part="menu" ?hidden=${!this.open}>
          ${entries.map(
            (page) =>
              html`<li>
                <a part="menu-link" href=${page.path}
                  >${localize(page.userMenu?.label ?? page.title)}</a
                >
              </li>`,
          )}
        </ul>
      </div>`;
  }

  override render() {
    const state = this.me.state;
    // Render nothing while loading, so a signed-in user never sees 登录 flash by.
    if (state.status === 'loading') return nothing;
    if (state.status === 'ok') {
      const name = state.data.realName || state.data.loginName;
      return html`<a part="link" href="/me">${t('user.greeting', { name })}</a>
        ${this.#renderWorkbench(state.data)}`;
    }
    return html`
      <a part="link" href="/login">${t('nav.login')}</a>
      <span class="sep" aria-hidden="true">|</span>
      <a part="link" href="/register">${t('nav.register')}</a>
    `;
  }
}
