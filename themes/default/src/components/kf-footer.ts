/**
 * `<kf-footer>`: contact phone and e-mail, the open-data licence, copyright.
 *
 * @slot - extra lines under the contact details (sponsor, ICP record number…)
 * @slot links - extra links next to the licence link
 * @csspart inner - the content area
 * @csspart contact - the contact list
 * @csspart links - the row of links
 * @csspart copyright - the copyright line
 */
import { css, html, LitElement } from 'lit';
import { LocaleController, localize, t } from '../i18n/locale.ts';
import { siteStore } from '../site.ts';
import { StoreController } from '../store.ts';
import { baseStyles } from './shared-styles.ts';

export class KfFooter extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        margin-top: var(--kf-sys-space-2xl);
        background: var(--kf-footer-background);
        color: var(--kf-footer-color);
        font-size: var(--kf-sys-font-size-s);
        --kf-sys-focus-outline: var(--kf-footer-focus-outline);
      }
      footer .container {
        display: grid;
        gap: var(--kf-sys-space-s);
        padding-block: var(--kf-sys-space-xl);
      }
      a {
        color: var(--kf-footer-link-color);
      }
      h2 {
        margin: 0;
        font-size: var(--kf-sys-font-size-m);
      }
      dl {
        display: flex;
        flex-wrap: wrap;
        gap: var(--kf-sys-space-xs) var(--kf-sys-space-xl);
        margin: 0;
      }
      dl div {
        display: flex;
        gap: var(--kf-sys-space-s);
      }
      dd {
        margin: 0;
      }
      .links {
        display: flex;
        flex-wrap: wrap;
        gap: var(--kf-sys-space-l);
      }
      p {
        margin: 0;
      }
    `,
  ];

  private readonly site = new StoreController(this, siteStore);

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const site = this.site.value;
    const name = localize(site.name);
    const year = new Date().getFullYear();
    return html`
      <footer>
        <div class="container" part="inner">
          <h2>${t('footer.contact')}</h2>
          <dl part="contact">
            <div>
              <dt>${t('footer.phone')}</dt>
              <dd><a href="tel:${site.contact.phone.replace(/[^\d+]/g, '')}">${site.contact.phone}</a></dd>
            </div>
            <div>
              <dt>${t('footer.email')}</dt>
              <dd><a href="mailto:${site.contact.email}">${site.contact.email}</a></dd>
            </div>
          </dl>
          <slot></slot>
          <div class="links" part="links">
            <a href=${site.licenseUrl}>${t('footer.license')}</a>
            <slot name="links"></slot>
          </div>
          <p part="copyright">
            ${t('footer.copyright', { year, name })} · ${t('footer.poweredBy')}
          </p>
        </div>
      </footer>
    `;
  }
}
