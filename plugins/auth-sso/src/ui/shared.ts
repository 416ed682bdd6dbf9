/**
 * What the auth pages share: bilingual text, calls to the auth API with the CSRF header,
 * navigation through the shell, and styles that use only theme tokens (with fallbacks, so the
 * pages stay usable under a theme that defines none).
 */
import { css } from 'lit';

export type Locale = 'zh-CN' | 'en';
export type Text = { zh: string; en: string };

export function pick(text: Text, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}

/** The crumb cookie the server issued; echoed as X-CSRF-Token on every write. */
function crumbCookie(): string {
  const match = /(?:^|;\s*)crumb=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : '';
}

/**
 * The crumb, fetched first when the browser has none yet (cookies cleared since the page
 * loaded): login and registration are refused without it, like every write with a session.
 */
async function csrfToken(): Promise<string> {
  const cookie = crumbCookie();
  if (cookie) return cookie;
  try {
    const response = await fetch('/api/v1/auth/session', {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    const body = (await response.json()) as { csrfToken?: string | null };
    return crumbCookie() || body.csrfToken || '';
  } catch {
    return '';
  }
}

export interface ApiAnswer<T> {
  ok: boolean;
  status: number;
  data: T | undefined;
  /** The server's message (it names the field at fault). */
  message: string;
}

export async function api<T>(
  method: string,
  url: string,
  payload?: unknown,
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = await csrfToken();
  if (payload !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: payload === undefined ? null : JSON.stringify(payload),
    });
    const text = await response.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    const message =
      !response.ok && body && typeof body === 'object' && 'message' in body
        ? String((body as { message: unknown }).message)
        : '';
    return {
      ok: response.ok,
      status: response.status,
      data: response.ok ? (body as T) : undefined,
      message,
    };
  } catch (error) {
    return { ok: false, status: 0, data: undefined, message: String(error) };
  }
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
