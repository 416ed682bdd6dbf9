/**
 * `<kf-lang-switch>`: switches between 中文 and English. The button is labelled in the
 * language it switches to, marked with `lang` so screen readers pronounce it right.
 *
 * @csspart button - the button
 */
import { css, html, LitElement } from 'lit';
import { getLocale, LocaleController, setLocale, t } from '../i18n/locale.ts';
import { baseStyles } from './shared-styles.ts';

export class KfLangSwitch extends LitElement {
  static override styles = [
    baseStyles,
    css`
      button {
        padding: 0 var(--kf-sys-space-s);
        min-height: 2rem;
        border: 1px solid currentColor;
        border-radius: var(--kf-sys-radius-s);
        background: transparent;
        color: inherit;
        font: inherit;
        cursor: pointer;
      }
      button:hover {
        text-decoration: underline;
      }
    `,
  ];

  constructor() {
    super();
    new LocaleController(this);
  }

  private toggle(): void {
    setLocale(getLocale() === 'zh-CN' ? 'en' : 'zh-CN');
  }

  override render() {
    const target = getLocale() === 'zh-CN' ? 'en' : 'zh-CN';
    return html`
      <button
        part="button"
        type="button"
        lang=${target}
        title=${t('lang.switchLabel')}
        @click=${this.toggle}
      >
        ${t('lang.switchTo')}
      </button>
    `;
  }
}
