/**
 * Styles the publisher's pages add to `baseStyles`: form controls, error notes, state badges,
 * the management table and secondary and danger buttons. Only `--kf-sys-*` and component
 * tokens, each with a fallback, so any theme restyles them.
 */
import { css } from 'lit';

export const adminStyles = css`
  h1 {
    margin: 0 0 var(--kf-sys-space-s, 0.5rem);
    font-family: var(--kf-sys-font-heading, inherit);
    font-size: var(--kf-sys-font-size-2xl, 1.75rem);
  }
  h2 {
    margin: 0 0 var(--kf-sys-space-m, 1rem);
    font-size: var(--kf-sys-font-size-l, 1.125rem);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: var(--kf-sys-space-m, 1rem);
    margin-bottom: var(--kf-sys-space-m, 1rem);
  }
  a.button {
    display: inline-block;
    text-decoration: none;
    padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-m, 1rem);
  }
  a.button:hover {
    background: var(--kf-button-hover-background, #103682);
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
  form.filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--kf-sys-space-m, 1rem);
    margin-bottom: var(--kf-sys-space-m, 1rem);
  }
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
  textarea:focus-visible {
    outline: var(--kf-sys-focus-outline, 3px solid #8a4d00);
    outline-offset: var(--kf-sys-focus-offset, 2px);
  }
  [aria-invalid='true'] {
    border-color: var(--kf-sys-color-danger, #b42318);
    border-width: 2px;
  }
  .error {
    margin: var(--kf-sys-space-xs, 0.25rem) 0 0;
    color: var(--kf-sys-color-danger, #b42318);
    font-weight: 400;
    font-size: var(--kf-sys-font-size-s, 0.875rem);
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
  .alert {
    padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-m, 1rem);
    border-radius: var(--kf-sys-radius-s, 4px);
    border-left: 4px solid var(--kf-sys-color-danger, #b42318);
    background: var(--kf-sys-color-danger-container, #fde8e8);
    color: var(--kf-sys-color-on-surface, #1a1f29);
  }
  .alert ul {
    margin: var(--kf-sys-space-xs, 0.25rem) 0 0;
    padding-left: var(--kf-sys-space-l, 1.5rem);
  }
  .success {
    padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-m, 1rem);
    border-radius: var(--kf-sys-radius-s, 4px);
    border-left: 4px solid var(--kf-sys-color-success, #046c4e);
    background: var(--kf-sys-color-success-container, #def7ec);
    color: var(--kf-sys-color-on-surface, #1a1f29);
  }
  .badge.state-draft {
    background: var(--kf-sys-color-warning-container, #fdf3e1);
    color: var(--kf-sys-color-warning, #8a4d00);
  }
  .badge.state-published {
    background: var(--kf-sys-color-success-container, #def7ec);
    color: var(--kf-sys-color-success, #046c4e);
  }
  .badge.state-withdrawn {
    background: var(--kf-sys-color-surface-variant, #eceff4);
    color: var(--kf-sys-color-on-surface-muted, #566070);
  }
  form > section {
    margin-bottom: var(--kf-sys-space-l, 1.5rem);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
    gap: var(--kf-sys-space-m, 1rem) var(--kf-sys-space-l, 1.5rem);
    align-items: start;
  }
  .wide {
    grid-column: 1 / -1;
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
  form.filters input[type='search'] {
    min-width: 16rem;
  }
  table.fields button {
    white-space: nowrap;
  }
  fieldset.checks {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  fieldset.checks legend {
    padding: 0;
    font-weight: 600;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: var(--kf-sys-space-xs, 0.25rem) var(--kf-sys-space-m, 1rem);
    margin-top: var(--kf-sys-space-xs, 0.25rem);
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: var(--kf-sys-space-xs, 0.25rem);
    font-weight: 400;
  }
  table.fields input,
  table.fields textarea,
  table.fields select {
    width: 100%;
    min-width: 6rem;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--kf-sys-space-m, 1rem);
  }
  .bar button {
    padding: var(--kf-sys-space-s, 0.5rem) var(--kf-sys-space-l, 1.5rem);
  }
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
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--kf-sys-space-xs, 0.25rem) var(--kf-sys-space-m, 1rem);
  }
  nav.pagination {
    display: flex;
    gap: var(--kf-sys-space-m, 1rem);
    align-items: center;
    justify-content: center;
    margin-top: var(--kf-sys-space-l, 1.5rem);
  }
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
