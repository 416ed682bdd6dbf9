/**
 * What the auth pages share: bilingual text, navigation after a login, and styles (the SDK's
 * token-only base, see `authStyles`). Calls to the API go through `client.ts`, which other
 * plugins' pages use too.
 */
import { buttonStyles, formStyles, headingStyles, pageStyles } from '@kaifang/sdk/ui';
import { css } from 'lit';

export type Locale = 'zh-CN' | 'en';
export type Text = { zh: string; en: string };

export function pick(text: Text, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}

/**
 * Goes to `href` after the login state changed. A full load rather than the shell's
 * `kf-navigate`: the header's user menu and every open page must see the new session.
 */
export function reloadAt(href: string): void {
  window.location.assign(href);
}

/** A same-site path from `?returnTo=`, else the fallback (never an open redirect). */
export function returnTo(fallback: string): string {
  const value = new URLSearchParams(window.location.search).get('returnTo') ?? '';
  return /^\/(?![/\\])/.test(value) ? value : fallback;
}

/**
 * The SDK's page, heading, button and form styles, then what the sign-in pages do their own way:
 * one narrow centred card instead of the full-width frame, roomier controls and buttons, bold
 * entered text (it inherits the label's weight), and `.error`/`.notice` as filled boxes.
 */
export const authStyles = [
  pageStyles,
  headingStyles,
  buttonStyles,
  formStyles,
  css`
    :host {
      max-width: none;
      margin: 0;
      padding: 0;
    }
    .card {
      max-width: 36rem;
      margin: var(--kf-sys-space-xl, 2rem) auto;
    }
    h1 {
      margin: 0 0 var(--kf-sys-space-l, 1.25rem);
    }
    h2 {
      margin: var(--kf-sys-space-l, 1.25rem) 0 var(--kf-sys-space-s, 0.5rem);
    }
    form {
      display: grid;
      gap: var(--kf-sys-space-m, 1rem);
    }
    /* A hint or error paragraph keeps a paragraph's spacing (the SDK's notes have none). */
    .hint {
      margin: revert;
    }
    input,
    select,
    textarea {
      font-weight: inherit;
      padding: var(--kf-sys-space-s, 0.5rem);
    }
    label.check {
      display: flex;
      gap: var(--kf-sys-space-s, 0.5rem);
      align-items: flex-start;
    }
    button,
    a.button {
      padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-l, 1.25rem);
      text-align: center;
    }
    button.secondary,
    a.button.secondary {
      color: var(--kf-sys-color-primary, #1a56db);
      border: 1px solid currentColor;
    }
    /* Buttons are disabled only while a request runs. */
    button[disabled] {
      opacity: 0.6;
      cursor: progress;
    }
    .error {
      margin: revert;
      padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-m, 1rem);
      border-radius: var(--kf-sys-radius-s, 4px);
      background: var(--kf-sys-color-danger-container, #fde8e8);
      color: var(--kf-sys-color-danger, #9b1c1c);
      font-size: inherit;
    }
    .notice {
      padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-m, 1rem);
      border-radius: var(--kf-sys-radius-s, 4px);
      background: var(--kf-sys-color-success-container, #def7ec);
      color: var(--kf-sys-color-success, #03543f);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kf-sys-space-s, 0.5rem);
      align-items: center;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: var(--kf-sys-space-xs, 0.25rem) var(--kf-sys-space-m, 1rem);
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
    }
  `,
];
