/**
 * The loading / empty / error rendering shared by the home page's sections, so each section
 * only describes its data.
 */
import { html, type TemplateResult } from 'lit';
import type { ApiResource, ApiState } from '../api.ts';
import { t } from '../i18n/locale.ts';

/**
 * Renders `ready(data)` when the resource has data, or the matching state. A 404 means the
 * plugin serving that endpoint is not installed: that is "nothing here yet", not an error.
 */
export function renderSection<T>(
  resource: ApiResource<T>,
  ready: (data: T) => TemplateResult,
  emptyHeading: string,
): TemplateResult {
  const state: ApiState<T> = resource.state;
  switch (state.status) {
    case 'loading':
      return html`<kf-state kind="loading"></kf-state>`;
    case 'ok':
      return ready(state.data);
    case 'missing':
    case 'unauthorized':
      return html`<kf-state kind="empty" heading=${emptyHeading}></kf-state>`;
    default:
      return html`<kf-state kind="error">
        <button class="button" type="button" @click=${() => resource.reload()}>
          ${t('state.retry')}
        </button>
      </kf-state>`;
  }
}

export function emptyState(heading: string): TemplateResult {
  return html`<kf-state kind="empty" heading=${heading}></kf-state>`;
}
