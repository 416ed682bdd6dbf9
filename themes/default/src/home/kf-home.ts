/**
 * `<kf-home>`: the home page: hero with search, key figures, the domain grid, and the
 * newest and most-downloaded datasets. Every section is its own element, so a theme can
 * replace one by tag name and keep the rest.
 *
 * @csspart hero - the `<kf-hero>`
 * @csspart section - each titled section
 * @csspart figures - the `<kf-key-figures>`
 */
import { css, html, LitElement } from 'lit';
import { baseStyles } from '../components/shared-styles.ts';
import { LocaleController, t } from '../i18n/locale.ts';
import type { MessageKey } from '../i18n/messages.ts';

export class KfHome extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .figures[ready] {
        position: relative;
        margin-top: calc(-1 * var(--kf-sys-space-l));
      }
      .body {
        display: grid;
        gap: var(--kf-sys-space-xl);
        padding-top: var(--kf-sys-space-xl);
      }
      .columns {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
        gap: var(--kf-sys-space-xl);
      }
      section.card {
        padding: var(--kf-card-padding);
        background: var(--kf-card-background);
        border: var(--kf-card-border);
        border-radius: var(--kf-card-radius);
        box-shadow: var(--kf-card-shadow);
      }
      .head {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--kf-sys-space-m);
      }
      .more {
        font-size: var(--kf-sys-font-size-s);
      }
    `,
  ];

  constructor() {
    super();
    new LocaleController(this);
  }

  private datasetSection(id: string, heading: MessageKey, sort: string) {
    const title = t(heading);
    return html`<section class="card" part="section" aria-labelledby=${id}>
      <div class="head">
        <h2 class="section-heading" id=${id}>${title}</h2>
        <a
          class="more"
          href="/catalog?sort=${encodeURIComponent(sort)}"
          aria-label=${t('datasets.moreLabel', { what: title })}
          >${t('datasets.more')}</a
        >
      </div>
      <kf-dataset-list sort=${sort} limit="6"></kf-dataset-list>
    </section>`;
  }

  override render() {
    return html`
      <kf-hero part="hero"></kf-hero>
      <div class="container">
        <kf-key-figures class="figures" part="figures"></kf-key-figures>
        <div class="body">
          <section part="section" aria-labelledby="domains-heading">
            <h2 class="section-heading" id="domains-heading">${t('domains.heading')}</h2>
            <kf-domain-grid></kf-domain-grid>
          </section>
          <div class="columns">
            ${this.datasetSection('newest-heading', 'datasets.newest', 'updated')}
            ${this.datasetSection('popular-heading', 'datasets.popular', 'downloads')}
          </div>
        </div>
      </div>
    `;
  }
}
