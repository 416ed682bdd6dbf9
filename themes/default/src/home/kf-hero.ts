/**
 * `<kf-hero>`: the home page's banner: the site name as the page's `<h1>`, a lead line and
 * the large search box. A district theme typically replaces this element by tag name
 * (see themes/dezhou/src/dezhou-hero.ts).
 *
 * @slot - extra content under the search box
 * @csspart inner - the content area
 * @csspart title - the `<h1>`
 * @csspart lead - the lead line
 */
import { css, html, LitElement } from 'lit';
import { baseStyles } from '../components/shared-styles.ts';
import { LocaleController, localize, t } from '../i18n/locale.ts';
import { siteStore } from '../site.ts';
import { StoreController } from '../store.ts';

export class KfHero extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        background: var(--kf-hero-background);
        color: var(--kf-hero-color);
        --kf-sys-focus-outline: var(--kf-hero-focus-outline);
      }
      .inner {
        max-width: 52rem;
        margin: 0 auto;
        padding: var(--kf-hero-padding);
        text-align: center;
      }
      h1 {
        margin: 0 0 var(--kf-sys-space-s);
        font-family: var(--kf-sys-font-heading);
        font-size: var(--kf-sys-font-size-3xl);
        letter-spacing: 0.06em;
        line-height: 1.3;
      }
      p {
        margin: 0 0 var(--kf-sys-space-l);
        font-size: var(--kf-sys-font-size-l);
      }
    `,
  ];

  private readonly site = new StoreController(this, siteStore);

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    return html`
      <div class="inner" part="inner">
        <h1 part="title">${localize(this.site.value.name)}</h1>
        <p part="lead">${t('hero.lead')}</p>
        <kf-search-box size="large"></kf-search-box>
        <slot></slot>
      </div>
    `;
  }
}
