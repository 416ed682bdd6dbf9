/**
 * `<kf-state>`: what a page or section shows when it has nothing normal to show: loading,
 * empty, an error, a section not open yet, or 404. One component so every plugin and theme
 * gets the same, accessible states.
 *
 * @attr kind - `loading` | `empty` | `error` | `unavailable` | `not-found`
 * @attr heading - the main line (defaults per kind)
 * @attr message - the explanation (defaults per kind)
 * @attr level - heading level for page-level states (`1`); section states use a paragraph
 * @slot - actions, e.g. a retry button or a link home
 * @csspart icon - the illustration
 * @csspart heading - the main line
 * @csspart message - the explanation
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import { LocaleController, t } from '../i18n/locale.ts';
import { baseStyles } from './shared-styles.ts';

export type StateKind = 'loading' | 'empty' | 'error' | 'unavailable' | 'not-found';

const ICONS = {
  empty: svg`<path d="M8 20l4-10h24l4 10v16a2 2 0 0 1-2 2H10a2 2 0 0 1-2-2z"/><path d="M8 20h10l2 4h8l2-4h10"/>`,
  error: svg`<circle cx="24" cy="24" r="16"/><path d="M24 15v11M24 31v1"/>`,
  unavailable: svg`<circle cx="24" cy="24" r="16"/><path d="M24 14v10l7 5"/>`,
  'not-found': svg`<circle cx="21" cy="21" r="11"/><path d="M29 29l10 10M17 21h8"/>`,
};

export class KfState extends LitElement {
  static override properties = {
    kind: { reflect: true },
    heading: {},
    message: {},
    level: { type: Number },
  };
  declare kind: StateKind;
  declare heading: string;
  declare message: string;
  declare level: number;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding: var(--kf-sys-space-xl) var(--kf-sys-space-m);
        text-align: center;
        color: var(--kf-sys-color-on-surface-muted);
      }
      svg {
        width: 48px;
        height: 48px;
        fill: none;
        stroke: currentColor;
        stroke-width: 2.5;
        stroke-linecap: round;
        stroke-linejoin: round;
      }
      :host([kind='error']) svg {
        color: var(--kf-sys-color-danger);
      }
      .heading {
        margin: var(--kf-sys-space-s) 0 var(--kf-sys-space-xs);
        color: var(--kf-sys-color-on-surface);
        font-size: var(--kf-sys-font-size-l);
        font-weight: 600;
      }
      h1.heading {
        font-size: var(--kf-sys-font-size-2xl);
      }
      .message {
        margin: 0 0 var(--kf-sys-space-m);
      }
      .spinner {
        display: inline-block;
        width: 32px;
        height: 32px;
        border: 3px solid var(--kf-sys-color-outline);
        border-top-color: var(--kf-sys-color-primary);
        border-radius: 50%;
        animation: spin 0.8s linear infinite;
      }
      @media (prefers-reduced-motion: reduce) {
        .spinner {
          animation: none;
        }
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
    `,
  ];

  constructor() {
    super();
    this.kind = 'empty';
    this.heading = '';
    this.message = '';
    this.level = 0;
    new LocaleController(this);
  }

  private defaults(): [string, string] {
    switch (this.kind) {
      case 'loading':
        return [t('state.loading'), ''];
      case 'error':
        return [t('state.error'), t('state.errorHint')];
      case 'unavailable':
        return [t('state.unavailable'), ''];
      case 'not-found':
        return [t('state.notFound'), t('state.notFoundHint')];
      default:
        return [t('datasets.empty'), t('state.emptyHint')];
    }
  }

  override render() {
    const [heading, message] = this.defaults();
    const text = this.heading || heading;
    if (this.kind === 'loading') {
      return html`<div role="status">
        <span class="spinner" part="icon" aria-hidden="true"></span>
        <p class="heading" part="heading">${text}</p>
      </div>`;
    }
    const body = this.message || message;
    return html`
      <svg part="icon" viewBox="0 0 48 48" aria-hidden="true">${ICONS[this.kind]}</svg>
      ${
        this.level === 1
          ? html`<h1 class="heading" part="heading">${text}</h1>`
          : html`<p class="heading" part="heading">${text}</p>`
      }
      ${body ? html`<p class="message" part="message">${body}</p>` : nothing}
      <slot></slot>
    `;
  }
}
