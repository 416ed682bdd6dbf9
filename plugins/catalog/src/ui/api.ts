/**
 * Writes to the catalogue API from the publisher's pages: JSON in and out, with the CSRF token
 * auth-sso asks for on every cookie-authenticated write, and the server's message on failure
 * (a 400 names the field at fault; a 409 says what to do instead).
 */

export interface Sent<T> {
  ok: boolean;
  status: number;
  /** The answer's body when ok. */
  data: T | undefined;
  /** The server's `message` when not ok (or the network error). */
  message: string;
}

/** The crumb auth-sso keeps in a readable cookie; echoed as `x-csrf-token`. */
function crumb(): string {
  const match = /(?:^|;\s*)crumb=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : '';
}

export async function send<T>(method: string, url: string, body?: unknown): Promise<Sent<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = crumb();
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    const message =
      !response.ok && parsed && typeof parsed === 'object' && 'message' in parsed
        ? String((parsed as { message: unknown }).message)
        : response.ok
          ? ''
          : `HTTP ${response.status}`;
    return {
      ok: response.ok,
      status: response.status,
      data: response.ok ? (parsed as T) : undefined,
      message,
    };
  } catch (error) {
    return {
      ok: false,
      status: 0,
      data: undefined,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
