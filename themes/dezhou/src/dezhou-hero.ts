/**
 * `<kf-hero>` for Dezhou: replaces the default hero by tag name (see main.ts). The city's
 * name and slogan on the left, popular searches under the search box, and on the right the
 * sun over the Grand Canal: Dezhou is the "China Solar City" and a Grand Canal city.
 *
 * It keeps the default hero's contract: the site name is the page's only `<h1>`, and it
 * uses the shared `<kf-search-box>`, tokens and `localize`, so language switching and
 * theming work as everywhere else.
 *
 * @csspart inner - the content area
 * @csspart title - the `<h1>`
 * @csspart art - the illustration
 */
import {
  baseStyles,
  LocaleController,
  type LocalizedText,
  localize,
  StoreController,
  siteStore,
} from '@kaifang/theme-default/browser';
import { css, html, LitElement, svg } from 'lit';

const SLOGAN: LocalizedText = { zh: '数据开放 · 共享惠民', en: 'Open data, shared benefits' };
const LEAD: LocalizedText = {
  zh: '汇聚全市公共数据资源，依法有序开放，助力数字德州建设',
  en: 'Public data from across Dezhou, opened lawfully and in order, for a digital Dezhou',
};
const POPULAR_LABEL: LocalizedText = { zh: '热门搜索', en: 'Popular searches' };
const POPULAR_PREFIX: LocalizedText = { zh: '热门搜索：', en: 'Popular searches:' };
/** Searches most visitors start with; each goes to the catalogue with that query. */
const POPULAR: LocalizedText[] = [
  { zh: '公交线路', en: 'Bus routes' },
  { zh: '医疗机构', en: 'Medical institutions' },
  { zh: '学校名录', en: 'Schools' },
  { zh: '企业登记', en: 'Business registration' },
  { zh: '旅游景区', en: 'Scenic spots' },
];

const ART = svg`
  <g stroke="#f4c24d" stroke-width="4" stroke-linecap="round">
    ${Array.from({ length: 12 }, (_, i) => {
      const a = (i * Math.PI) / 6;
      const x1 = 130 + Math.cos(a) * 62;
      const y1 = 95 + Math.sin(a) * 62;
      const x2 = 130 + Math.cos(a) * 80;
      const y2 = 95 + Math.sin(a) * 80;
      return svg`<line x1=${x1.toFixed(1)} y1=${y1.toFixed(1)} x2=${x2.toFixed(1)} y2=${y2.toFixed(1)} />`;
    })}
  </g>
  <circle cx="130" cy="95" r="48" fill="#f4c24d" />
  <circle cx="130" cy="95" r="48" fill="url(#kf-dz-glow)" />
  <defs>
    <radialGradient id="kf-dz-glow"><stop offset="0" stop-color="#fff3c4" /><stop offset="1" stop-color="#f4c24d" stop-opacity="0" /></radialGradient>
  </defs>
  <g fill="none" stroke-linecap="round" stroke-width="5">
    <path d="M10 170 q20 -14 40 0 t40 0 t40 0 t40 0 t40 0 t40 0" stroke="#fff" />
    <path d="M10 190 q20 -14 40 0 t40 0 t40 0 t40 0 t40 0 t40 0" stroke="#fff" stroke-opacity="0.6" />
    <path d="M10 210 q20 -14 40 0 t40 0 t40 0 t40 0 t40 0 t40 0" stroke="#fff" stroke-opacity="0.3" />
  </g>
`;

export class DezhouHero extends LitElement {
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
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        align-items: center;
        gap: var(--kf-sys-space-xl);
        max-width: var(--kf-sys-content-width);
        margin: 0 auto;
        padding: var(--kf-sys-space-2xl) var(--kf-sys-space-m) calc(var(--kf-sys-space-2xl) + var(--kf-sys-space-l));
      }
      .slogan {
        margin: 0 0 var(--kf-sys-space-s);
        color: var(--kf-sys-color-accent);
        font-size: var(--kf-sys-font-size-l);
      }
      h1 {
        margin: 0 0 var(--kf-sys-space-s);
        font-family: var(--kf-sys-font-heading);
        font-size: 2.5rem;
        line-height: 1.25;
      }
      /* Spaced-out characters suit Chinese titles; in English they only hurt reading. */
      :host(:lang(zh-CN)) .slogan {
        letter-spacing: 0.3em;
      }
      :host(:lang(zh-CN)) h1 {
        letter-spacing: 0.1em;
      }
      .lead {
        margin: 0 0 var(--kf-sys-space-l);
        font-size: var(--kf-sys-font-size-l);
      }
      .popular {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--kf-sys-space-xs) var(--kf-sys-space-m);
        margin: var(--kf-sys-space-m) 0 0;
        padding: 0;
        list-style: none;
      }
      .popular a {
        color: inherit;
      }
      svg {
        width: 100%;
        max-height: 240px;
      }
      @media (max-width: 760px) {
        .inner {
          grid-template-columns: 1fr;
        }
        svg {
          display: none;
        }
        h1 {
          font-size: var(--kf-sys-font-size-2xl);
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
    return html`
      <div class="inner" part="inner">
        <div>
          <p class="slogan">${localize(SLOGAN)}</p>
          <h1 part="title">${localize(this.site.value.name)}</h1>
          <p class="lead">${localize(LEAD)}</p>
          <kf-search-box size="large"></kf-search-box>
          <ul class="popular" aria-label=${localize(POPULAR_LABEL)}>
            <li aria-hidden="true">${localize(POPULAR_PREFIX)}</li>
            ${POPULAR.map(
              (word) =>
                html`<li><a href="/catalog?q=${encodeURIComponent(word.zh)}">${localize(word)}</a></li>`,
            )}
          </ul>
        </div>
        <svg part="art" viewBox="0 0 260 220" aria-hidden="true" focusable="false">${ART}</svg>
      </div>
    `;
  }
}
