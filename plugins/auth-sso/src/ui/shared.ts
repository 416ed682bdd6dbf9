/**
 * What the auth pages share: bilingual text, navigation after a login, and styles that use only
 * theme tokens (with fallbacks, so the pages stay usable under a theme that defines none). Calls
 * to the API go through `client.ts`, which other plugins' pages use too.
 */
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

export const formStyles = css`
  :host {
    display: block;
    color: var(--kf-sys-color-on-surface, #1f2937);
    font-family: var(--kf-sys-font-body, system-ui, sans-serif);
    line-height: var(--kf-sys-line-height, 1.6);
  }
  .card {
    max-width: 36rem;
    margin: var(--kf-sys-space-xl, 2rem) auto;
    padding: var(--kf-card-padding, 1.5rem);
    background: var(--kf-card-background, var(--kf-sys-color-surface, #fff));
    border: var(--kf-card-border, 1px solid var(--kf-sys-color-outline, #d1d5db));
    border-radius: var(--kf-card-radius, var(--kf-sys-radius-m, 8px));
    box-shadow: var(--kf-card-shadow, none);
  }
  h1 {
    font-family: var(--kf-sys-font-heading, inherit);
    font-size: var(--kf-sys-font-size-2xl, 1.5rem);
    margin: 0 0 var(--kf-sys-space-l, 1.25rem);
  }
  h2 {
    font-size: var(--kf-sys-font-size-l, 1.125rem);
    margin: var(--kf-sys-space-l, 1.25rem) 0 var(--kf-sys-space-s, 0.5rem);
  }
  form {
    display: grid;
    gap: var(--kf-sys-space-m, 1rem);
  }
  label {
    display: grid;
    gap: var(--kf-sys-space-xs, 0.25rem);
    font-weight: 600;
  }
  .hint {
    font-weight: 400;
    font-size: var(--kf-sys-font-size-s, 0.875rem);
    color: var(--kf-sys-color-on-surface-muted, #4b5563);
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: var(--kf-sys-space-s, 0.5rem);
    border: 1px solid var(--kf-sys-color-outline-strong, #6b7280);
    border-radius: var(--kf-sys-radius-s, 4px);
    background: var(--kf-sys-color-surface, #fff);
    color: inherit;
  }
  input:focus-visible,
  select:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: var(--kf-sys-focus-outline, 2px solid #1a56db);
    outline-offset: var(--kf-sys-focus-offset, 2px);
  }
  .check {
    display: flex;
    gap: var(--kf-sys-space-s, 0.5rem);
    align-items: flex-start;
    font-weight: 400;
  }
  button,
  .button {
    font: inherit;
    cursor: pointer;
    padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-l, 1.25rem);
    border: 0;
    border-radius: var(--kf-button-radius, var(--kf-sys-radius-s, 4px));
    background: var(--kf-button-background, var(--kf-sys-color-primary, #1a56db));
    color: var(--kf-button-color, var(--kf-sys-color-on-primary, #fff));
    text-decoration: none;
    display: inline-block;
    text-align: center;
  }
  button:hover,
  .button:hover {
    background: var(--kf-button-hover-background, var(--kf-sys-color-primary-strong, #1e429f));
  }
  button.secondary,
  .button.secondary {
    background: transparent;
    color: var(--kf-sys-color-primary, #1a56db);
    border: 1px solid currentColor;
  }
  button.danger {
    background: var(--kf-sys-color-danger, #b91c1c);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  .error {
    padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-m, 1rem);
    border-radius: var(--kf-sys-radius-s, 4px);
    background: var(--kf-sys-color-danger-container, #fde8e8);
    color: var(--kf-sys-color-danger, #9b1c1c);
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
  a {
    color: var(--kf-sys-color-link, #1a56db);
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
`;
