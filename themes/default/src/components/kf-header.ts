/**
 * `<kf-header>`: the top of every page: a thin top bar (tagline, login state, language
 * switch), the brand row (logo, site name, search) and the main navigation.
 *
 * @slot logo - replaces the default logo (an `<img>` or inline `<svg>`, about 56px high)
 * @slot tagline - short text at the left of the top bar, e.g. `<kf-text zh=… en=…>`
 * @slot tools - extra controls before the login state in the top bar
 * @csspart topbar - the top bar
 * @csspart brand-bar - the row holding the logo, site name and search box
 * @csspart brand - the link around logo and site name
 * @csspart site-name - the site name
 * @csspart search - the `<kf-search-box>`
 * @csspart nav - the `<kf-nav>`
 */
import { css, html, LitElement } from 'lit';
import logoUrl from '../assets/logo.svg';
import { LocaleController, localize, t } from '../i18n/locale.ts';
import { siteStore } from '../site.ts';
import { StoreController } from '../store.ts';
import { baseStyles } from './shared-styles.ts';

export class KfHeader extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        background: var(--kf-header-background);
        color: var(--kf-header-color);
      }
      .topbar {
        background: var(--kf-header-topbar-background);
        color: var(--kf-header-topbar-color);
        font-size: var(--kf-sys-font-size-s);
      }
      .topbar .container {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--kf-sys-space-m);
        min-height: 2.5rem;
      }
      .tools {
        display: flex;
        align-items: center;
        gap: var(--kf-sys-space-m);
        margin-left: auto;
      }
      .brand-bar .container {
        display: flex;
        align-items: center;
        justify-content: space-between;
        flex-wrap: wrap;
        gap: var(--kf-sys-space-m);
        padding-block: var(--kf-header-brand-padding);
      }
      .brand {
        display: inline-flex;
        align-items: center;
        gap: var(--kf-sys-space-m);
        color: var(--kf-header-site-name-color);
        text-decoration: none;
      }
      ::slotted([slot='logo']),
      .logo {
        display: block;
        width: auto;
        height: var(--kf-header-logo-size);
      }
      .site-name {
        font-family: var(--kf-header-site-name-font);
        font-size: var(--kf-header-site-name-size);
        font-weight: 700;
        letter-spacing: 0.04em;
        line-height: 1.25;
      }
      kf-search-box {
        flex: 0 1 26rem;
      }
      @media (max-width: 640px) {
        kf-search-box {
          flex-basis: 100%;
        }
        .site-name {
          font-size: var(--kf-sys-font-size-xl);
        }
      }
    `,
  ];

  private readonly site = new StoreController(this, siteStore);

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const name = localize(this.site.value.name);
    return html`
      <header>
        <div class="topbar" part="topbar">
          <div class="container">
            <slot name="tagline"></slot>
            <div class="tools" role="group" aria-label=${t('header.tools')}>
              <slot name="tools"></slot>
              <kf-user-menu></kf-user-menu>
              <kf-lang-switch></kf-lang-switch>
            </div>
          </div>
        </div>
        <div class="brand-bar" part="brand-bar">
          <div class="container">
            <a class="brand" part="brand" href="/" aria-label=${t('header.homeLink', { name })}>
              <slot name="logo"><img class="logo" src=${logoUrl} alt="" /></slot>
              <span class="site-name" part="site-name">${name}</span>
            </a>
            <kf-search-box part="search"></kf-search-box>
          </div>
        </div>
        <kf-nav part="nav"></kf-nav>
      </header>
    `;
  }
}
