/**
 * `<kf-key-figures>`: the portal's key figures from `GET /api/v1/stats`.
 *
 * @attr ready - set (by the element) once the figures are shown
 * @csspart list - the `<dl>`
 * @csspart figure - each figure
 * @csspart value - each number
 */
import { css, html, LitElement } from 'lit';
import { ApiResource, isRecord } from '../api.ts';
import { baseStyles } from '../components/shared-styles.ts';
import { formatNumber, LocaleController, t } from '../i18n/locale.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Stats } from '../types.ts';
import { renderSection } from './section-states.ts';

const FIGURES: { key: keyof Stats; label: MessageKey }[] = [
  { key: 'datasets', label: 'figures.datasets' },
  { key: 'organisations', label: 'figures.organisations' },
  { key: 'apis', label: 'figures.apis' },
  { key: 'downloads', label: 'figures.downloads' },
  { key: 'applications', label: 'figures.applications' },
];

function isStats(value: unknown): value is Stats {
  return isRecord(value) && FIGURES.every(({ key }) => typeof value[key] === 'number');
}

export class KfKeyFigures extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
        gap: var(--kf-sys-space-m);
        margin: 0;
      }
      .figure {
        display: flex;
        flex-direction: column-reverse;
        align-items: center;
        padding: var(--kf-card-padding);
        background: var(--kf-card-background);
        border: var(--kf-card-border);
        border-radius: var(--kf-card-radius);
        box-shadow: var(--kf-card-shadow);
      }
      dt {
        color: var(--kf-sys-color-on-surface-muted);
      }
      dd {
        margin: 0;
        color: var(--kf-figure-color);
        font-size: var(--kf-sys-font-size-2xl);
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  private readonly stats = new ApiResource(this, () => '/api/v1/stats', isStats);

  constructor() {
    super();
    new LocaleController(this);
  }

  // Lets the home page overlap the hero with the figure cards only when there are cards.
  protected override updated(): void {
    this.toggleAttribute('ready', this.stats.state.status === 'ok');
  }

  override render() {
    return html`
      <h2 class="section-heading visually-hidden">${t('figures.heading')}</h2>
      ${renderSection(
        this.stats,
        (stats) => html`
          <dl part="list">
            ${FIGURES.map(
              ({ key, label }) => html`
                <div class="figure" part="figure">
                  <dt>${t(label)}</dt>
                  <dd part="value">${formatNumber(stats[key])}</dd>
                </div>
              `,
            )}
          </dl>
        `,
        t('figures.empty'),
      )}
    `;
  }
}
