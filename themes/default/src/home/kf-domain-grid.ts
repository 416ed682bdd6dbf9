/**
 * `<kf-domain-grid>`: the data domains (教育文化, 医疗卫生…) with their dataset counts, from
 * `GET /api/v1/domains`. Each domain links to the catalogue filtered by it.
 *
 * @csspart grid - the list
 * @csspart domain - each domain link
 * @csspart icon - each icon (an image, or the domain's first character)
 */
import { css, html, LitElement } from 'lit';
import { ApiResource, isListOf, isRecord } from '../api.ts';
import { baseStyles } from '../components/shared-styles.ts';
import { formatNumber, LocaleController, localize, t } from '../i18n/locale.ts';
import type { Domain } from '../types.ts';
import { emptyState, renderSection } from './section-states.ts';

function isDomain(value: unknown): value is Domain {
  return isRecord(value) && typeof value.code === 'string' && value.name != null;
}

/** Only URLs are drawn as images; icon names from a plugin this theme does not know are not. */
function isIconUrl(icon: string | null | undefined): icon is string {
  return !!icon && /^(\/|https?:|data:image\/)/.test(icon);
}

export class KfDomainGrid extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      ul {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
        gap: var(--kf-sys-space-m);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      a {
        display: flex;
        align-items: center;
        gap: var(--kf-sys-space-m);
        height: 100%;
        padding: var(--kf-sys-space-m);
        background: var(--kf-card-background);
        border: var(--kf-card-border);
        border-radius: var(--kf-card-radius);
        color: var(--kf-card-color);
        text-decoration: none;
      }
      a:hover {
        border-color: var(--kf-sys-color-primary);
        box-shadow: var(--kf-sys-shadow-2);
      }
      .icon {
        flex: none;
        display: grid;
        place-items: center;
        width: 2.75rem;
        height: 2.75rem;
        border-radius: 50%;
        background: var(--kf-sys-color-primary-container);
        color: var(--kf-sys-color-on-primary-container);
        font-size: var(--kf-sys-font-size-l);
        font-weight: 700;
        overflow: hidden;
      }
      .icon img {
        width: 1.75rem;
        height: 1.75rem;
      }
      .name {
        display: block;
        font-weight: 600;
      }
      .count {
        display: block;
        color: var(--kf-sys-color-on-surface-muted);
        font-size: var(--kf-sys-font-size-s);
      }
    `,
  ];

  private readonly domains = new ApiResource(this, () => '/api/v1/domains', isListOf(isDomain));

  constructor() {
    super();
    new LocaleController(this);
  }

  private renderDomain(domain: Domain) {
    const name = localize(domain.name);
    const count = t('domains.count', { count: formatNumber(domain.datasetCount ?? 0) });
    return html`<li>
      <a part="domain" href="/catalog?domain=${encodeURIComponent(domain.code)}">
        <span class="icon" part="icon" aria-hidden="true">
          ${isIconUrl(domain.icon) ? html`<img src=${domain.icon} alt="" />` : [...name][0]}
        </span>
        <span><span class="name">${name}</span><span class="count">${count}</span></span>
      </a>
    </li>`;
  }

  override render() {
    return renderSection(
      this.domains,
      ({ items }) => {
        if (items.length === 0) return emptyState(t('domains.empty'));
        const sorted = [...items].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
        return html`<ul part="grid">${sorted.map((domain) => this.renderDomain(domain))}</ul>`;
      },
      t('domains.empty'),
    );
  }
}
