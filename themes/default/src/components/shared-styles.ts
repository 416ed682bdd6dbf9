/**
 * Rules every shadow root of the shell needs: global CSS does not cross shadow boundaries,
 * so focus rings, the visually-hidden helper and base link/button styles are repeated here.
 */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: var(--kf-sys-focus-outline);
    outline-offset: var(--kf-sys-focus-offset);
  }
  a {
    color: var(--kf-sys-color-link);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .container {
    max-width: var(--kf-sys-content-width);
    margin: 0 auto;
    padding: 0 var(--kf-sys-space-m);
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--kf-sys-space-xs);
    min-height: 2.5rem;
    padding: 0 var(--kf-sys-space-m);
    border: 0;
    border-radius: var(--kf-button-radius);
    background: var(--kf-button-background);
    color: var(--kf-button-color);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  .button:hover {
    background: var(--kf-button-hover-background);
  }
  .section-heading {
    margin: 0 0 var(--kf-sys-space-m);
    font-family: var(--kf-sys-font-heading);
    font-size: var(--kf-sys-font-size-xl);
    color: var(--kf-sys-color-on-surface);
  }
`;
