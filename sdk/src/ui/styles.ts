/**
 * The base styles every plugin page would otherwise copy: one source, so a fix (a focus ring, a
 * contrast token) reaches every page at once and pages look alike under any theme. Each block
 * uses only the theme's `--kf-sys-*` and component tokens, each with a fallback, so a page stays
 * usable with no theme at all. Compose the blocks a page needs, then its own rules last, which win:
 * `static styles = [pageStyles, buttonStyles, css\`…\`]`.
 *
 * Browser code: this module is bundled into the shell by the theme's Vite build, so it imports
 * nothing but `lit`.
 */
import { css } from 'lit';

/** The page frame: the host block (content width, padding, font), links, focus rings, cards, `.muted` text and `.visually-hidden`. */
export const pageStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-width: var(--kf-sys-content-width, 1200px);
    margin: 0 auto;
    padding: var(--kf-sys-space-l, 1.5rem) var(--kf-sys-space-m, 1rem);
    color: var(--kf-sys-color-on-surface, #1a1f29);
    font-family: var(--kf-sys-font-body, system-ui, sans-serif);
    line-height: var(--kf-sys-line-height, 1.6);
  }
  a {
    color: var(--kf-sys-color-link, #1646a8);
  }
  a:focus-visible,
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: var(--kf-sys-focus-outline, 3px solid #8a4d00);
    outline-offset: var(--kf-sys-focus-offset, 2px);
  }
  .card {
    background: var(--kf-card-background, #fff);
    border: var(--kf-card-border, 1px solid #d9dee7);
    border-radius: var(--kf-card-radius, 8px);
    box-shadow: var(--kf-card-shadow, none);
    padding: var(--kf-card-padding, 1.5rem);
  }
  .muted {
    color: var(--kf-sys-color-on-surface-muted, #566070);
    font-size: var(--kf-sys-font-size-s, 0.875rem);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/** The page's `h1` (heading font, largest size) and section `h2`s; separate from `pageStyles` because some pages style their headings in place. */
export const headingStyles = css`
  h1 {
    margin: 0 0 var(--kf-sys-space-s, 0.5rem);
    font-family: var(--kf-sys-font-heading, inherit);
    font-size: var(--kf-sys-font-size-2xl, 1.75rem);
  }
  h2 {
    margin: 0 0 var(--kf-sys-space-m, 1rem);
    font-size: var(--kf-sys-font-size-l, 1.125rem);
  }
`;

/** Buttons and button-like links (`a.button`): primary by default, `.secondary` (outlined) and `.danger` (destructive). */
export const buttonStyles = css`
  button,
  .button {
    font: inherit;
    cursor: pointer;
    border: 0;
    border-radius: var(--kf-button-radius, 4px);
    background: var(--kf-button-background, #1646a8);
    color: var(--kf-button-color, #fff);
    padding: var(--kf-sys-space-xs, 0.25rem) var(--kf-sys-space-m, 1rem);
  }
  button:hover,
  a.button:hover {
    background: var(--kf-button-hover-background, #103682);
  }
  button[disabled] {
    opacity: 0.5;
    cursor: default;
  }
  a.button {
    display: inline-block;
    text-decoration: none;
    padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-m, 1rem);
  }
  button.secondary,
  a.button.secondary {
    background: transparent;
    color: var(--kf-sys-color-link, #1646a8);
    border: 1px solid var(--kf-sys-color-outline-strong, #9aa4b5);
  }
  button.secondary:hover {
    background: var(--kf-sys-color-primary-container, #eef4ff);
  }
  button.danger {
    background: var(--kf-sys-color-danger, #b42318);
    color: var(--kf-sys-color-on-primary, #fff);
  }
  button.danger:hover {
    background: var(--kf-sys-color-danger, #b42318);
    filter: brightness(0.9);
  }
`;

/**
 * Form controls: labels (`label`, `.label`) over their control, inputs, selects and textareas,
 * `.control` (a label, its control, hint and error stacked), `label.check` for a checkbox beside
 * its text, `.hint`, `.required` marks, the `.error` note under a field and `[aria-invalid]`.
 */
export const formStyles = css`
  label,
  .label {
    display: grid;
    gap: var(--kf-sys-space-xs, 0.25rem);
    font-weight: 600;
  }
  input,
  select,
  textarea {
    font: inherit;
    font-weight: 400;
    box-sizing: border-box;
    max-width: 100%;
    padding: var(--kf-sys-space-xs, 0.25rem) var(--kf-sys-space-s, 0.5rem);
    border: 1px solid var(--kf-sys-color-outline-strong, #9aa4b5);
    border-radius: var(--kf-sys-radius-s, 4px);
    background: var(--kf-sys-color-surface, #fff);
    color: inherit;
  }
  input[type='checkbox'] {
    padding: 0;
  }
  [aria-invalid='true'] {
    border-color: var(--kf-sys-color-danger, #b42318);
    border-width: 2px;
  }
  .control {
    display: grid;
    gap: var(--kf-sys-space-xs, 0.25rem);
  }
  .control > label,
  .control > .label {
    display: block;
    font-weight: 600;
  }
  .control input,
  .control select,
  .control textarea {
    width: 100%;
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: var(--kf-sys-space-xs, 0.25rem);
    font-weight: 400;
  }
  .hint {
    margin: 0;
    font-weight: 400;
    color: var(--kf-sys-color-on-surface-muted, #566070);
    font-size: var(--kf-sys-font-size-s, 0.875rem);
  }
  .required {
    color: var(--kf-sys-color-danger, #b42318);
  }
  .error {
    margin: var(--kf-sys-space-xs, 0.25rem) 0 0;
    color: var(--kf-sys-color-danger, #b42318);
    font-weight: 400;
    font-size: var(--kf-sys-font-size-s, 0.875rem);
  }
`;

/** Data tables: full width, ruled rows, a shaded head; wrap a wide one in `.scroll`. */
export const tableStyles = css`
  .scroll {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: var(--kf-sys-font-size-s, 0.875rem);
  }
  th,
  td {
    text-align: left;
    padding: var(--kf-sys-space-s, 0.5rem);
    border-bottom: 1px solid var(--kf-sys-color-outline, #d9dee7);
    vertical-align: top;
  }
  thead th {
    background: var(--kf-sys-color-surface-variant, #eceff4);
  }
`;

/** Messages: `.alert` (a refusal or failure, `role="alert"`), `.success` (done) and `.notice` (a warning, e.g. a degraded service). */
export const alertStyles = css`
  .alert,
  .success,
  .notice {
    padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-m, 1rem);
    border-radius: var(--kf-sys-radius-s, 4px);
  }
  .alert {
    border-left: 4px solid var(--kf-sys-color-danger, #b42318);
    background: var(--kf-sys-color-danger-container, #fde8e8);
    color: var(--kf-sys-color-on-surface, #1a1f29);
  }
  .alert ul {
    margin: var(--kf-sys-space-xs, 0.25rem) 0 0;
    padding-left: var(--kf-sys-space-l, 1.5rem);
  }
  .success {
    border-left: 4px solid var(--kf-sys-color-success, #046c4e);
    background: var(--kf-sys-color-success-container, #def7ec);
    color: var(--kf-sys-color-on-surface, #1a1f29);
  }
  .notice {
    background: var(--kf-sys-color-warning-container, #fdf3e1);
    color: var(--kf-sys-color-warning, #8a4d00);
  }
`;

/** Small pill labels (`.badge`), in the primary container colours; a page adds its own variants. */
export const badgeStyles = css`
  .badge {
    display: inline-block;
    padding: 0 var(--kf-sys-space-s, 0.5rem);
    border-radius: var(--kf-badge-radius, 999px);
    background: var(--kf-sys-color-primary-container, #eef4ff);
    color: var(--kf-sys-color-on-primary-container, #103682);
    font-size: var(--kf-sys-font-size-s, 0.875rem);
  }
`;

/** A `<dialog>` (e.g. a delete confirmation) drawn like a card over a dimmed page. */
export const dialogStyles = css`
  dialog {
    border: var(--kf-card-border, 1px solid #d9dee7);
    border-radius: var(--kf-card-radius, 8px);
    padding: var(--kf-card-padding, 1.5rem);
    max-width: 32rem;
    color: var(--kf-sys-color-on-surface, #1a1f29);
    background: var(--kf-sys-color-surface, #fff);
  }
  dialog::backdrop {
    background: var(--kf-dialog-backdrop, rgb(0 0 0 / 40%));
  }
`;
