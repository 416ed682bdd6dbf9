/**
 * Styles the publisher's pages add to `baseStyles`: the SDK's headings, form controls, tables
 * and dialogs, then the layout of the editor, the management list and its filters. Only
 * `--kf-sys-*` and component tokens, each with a fallback, so any theme restyles them.
 */
import { dialogStyles, formStyles, headingStyles, tableStyles } from '@kaifang/sdk/ui';
import { css } from 'lit';

export const adminStyles = [
  headingStyles,
  formStyles,
  tableStyles,
  dialogStyles,
  css`
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: var(--kf-sys-space-m, 1rem);
      margin-bottom: var(--kf-sys-space-m, 1rem);
    }
    form.filters {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: var(--kf-sys-space-m, 1rem);
      margin-bottom: var(--kf-sys-space-m, 1rem);
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
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kf-sys-space-xs, 0.25rem) var(--kf-sys-space-m, 1rem);
    }
  `,
];
