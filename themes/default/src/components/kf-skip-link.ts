/**
 * `<kf-skip-link>`: the first focusable thing on every page, jumping past the header to
 * `<main id="main">` (WCAG 2.4.1). Hidden until it receives keyboard focus.
 *
 * @csspart link - the link
 */
import { css, html, LitElement } from 'lit';
import { LocaleController, t } from '../i18n/locale.ts';
import { baseStyles } from './shared-styles.ts';

export class KfSkipLink extends LitElement {
  static override styles = [
    baseStyles,
    css`
      a {
        position: absolute;
        top: var(--kf-sys-space-s);
        left: var(--kf-sys-space-s);
        z-index: 1000;
        padding: var(--kf-sys-space-s) var(--kf-sys-space-m);
        border-radius: var(--kf-sys-radius-s);
        background: var(--kf-sys-color-surface);
        color: var(--kf-sys-color-link);
        font-weight: 600;
        box-shadow: var(--kf-sys-shadow-2);
        transform: translateY(-200%);
      }
      a:focus {
        transform: none;
      }
    `,
  ];

  constructor() {
    super();
    new LocaleController(this);
  }

  private skip(event: Event): void {
    // Focus <main> ourselves: a hash jump alone does not move focus in every browser.
    const main = document.getElementById('main');
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  }

  override render() {
    return html`<a part="link" href="#main" @click=${this.skip}>${t('skip.toMain')}</a>`;
  }
}
