/**
 * `<kf-search-box>`: the site search. Submitting goes to `/catalog?q=…`, where the catalog
 * plugin's page reads the query.
 *
 * @attr size - `large` for the home page's hero, otherwise compact
 * @csspart form - the `<form role="search">`
 * @csspart input - the text field
 * @csspart button - the submit button
 */
import { css, html, LitElement } from 'lit';
import { LocaleController, t } from '../i18n/locale.ts';
import { navigate } from '../router.ts';
import { baseStyles } from './shared-styles.ts';

let nextId = 0;

export class KfSearchBox extends LitElement {
  static override properties = { size: { reflect: true } };
  declare size: 'compact' | 'large';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        width: 100%;
        border: 2px solid var(--kf-sys-color-primary);
        border-radius: var(--kf-sys-radius-s);
        background: var(--kf-sys-color-surface);
        overflow: hidden;
      }
      form:focus-within {
        outline: var(--kf-sys-focus-outline);
        outline-offset: var(--kf-sys-focus-offset);
      }
      input {
        flex: 1;
        min-width: 0;
        padding: 0 var(--kf-sys-space-m);
        border: 0;
        background: transparent;
        color: var(--kf-sys-color-on-surface);
        font: inherit;
        min-height: 2.5rem;
      }
      input::placeholder {
        color: var(--kf-sys-color-on-surface-muted);
        opacity: 1;
      }
      /* The form shows the focus ring; a second one inside it would only add noise. */
      input:focus-visible,
      button:focus-visible {
        outline: none;
      }
      button {
        border-radius: 0;
      }
      :host([size='large']) input,
      :host([size='large']) button {
        min-height: 3.25rem;
        font-size: var(--kf-sys-font-size-l);
      }
      :host([size='large']) button {
        padding: 0 var(--kf-sys-space-xl);
      }
    `,
  ];

  private readonly inputId = `kf-search-${nextId++}`;

  constructor() {
    super();
    this.size = 'compact';
    new LocaleController(this);
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const query = String(new FormData(form).get('q') ?? '').trim();
    navigate(query ? `/catalog?q=${encodeURIComponent(query)}` : '/catalog');
  }

  override render() {
    return html`
      <form part="form" role="search" aria-label=${t('search.label')} @submit=${this.submit}>
        <label class="visually-hidden" for=${this.inputId}>${t('search.label')}</label>
        <input
          part="input"
          id=${this.inputId}
          name="q"
          type="search"
          autocomplete="off"
          enterkeyhint="search"
          placeholder=${t('search.placeholder')}
        />
        <button part="button" class="button" type="submit">${t('search.submit')}</button>
      </form>
    `;
  }
}
