/**
 * How plugin pages call the portal API from the browser, as `@kaifang/plugin-auth-sso/ui/client`.
 * CSRF is this plugin's rule (double submit: the readable `crumb` cookie comes back as
 * `X-CSRF-Token` on every write), so the one implementation of it for pages lives here too.
 */

export interface ApiAnswer<T> {
  ok: boolean;
  /** The HTTP status; 0 when no answer came (network error, page unloading). */
  status: number;
  /** The parsed JSON body when ok (undefined for an empty or non-JSON body). */
  data: T | undefined;
  /** When not ok: the server's `message` (a 400 names the field), else `HTTP <status>`. */
  message: string;
}

function crumbCookie(): string {
  const match = /(?:^|;\s*)crumb=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : '';
}

/**
 * The CSRF token: the `crumb` cookie, or, when the browser has none (cookies cleared since the
 * page loaded, a first visit straight to a form), the one a `GET /auth/session` hands out —
 * writes without it are refused with 403. '' when even that fails; the write then says why.
 */
export async function csrfToken(): Promise<string> {
  const cookie = crumbCookie();
  if (cookie) return cookie;
  const session = await apiFetch<{ csrfToken?: string | null }>('GET', '/api/v1/auth/session');
  return crumbCookie() || session.data?.csrfToken || '';
}

/**
 * One call to the API, same-origin with cookies. `body` goes as JSON, or as is when it is
 * `FormData` (file uploads: the browser sets the multipart boundary). Every method but GET
 * carries the CSRF token; messages come in the page's language. `extraHeaders` are added to
 * the request (e.g. `{ 'if-match': '"v3"' }` for a write that must not overwrite someone
 * else's); they cannot replace the CSRF token or the content type. Never throws: failures come
 * back as `ok: false` with a message.
 */
export async function apiFetch<T>(
  method: string,
  url: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    // The server words its 400s in the language the page shows (<html lang>, set by the shell),
    // not the browser's default, so a reader who switched to English gets English.
    'accept-language': document.documentElement.lang || 'zh-CN',
    ...extraHeaders,
  };
  if (method !== 'GET') headers['x-csrf-token'] = await csrfToken();
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : form ? body : JSON.stringify(body),
    });
    text = await response.text();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, status: 0, data: undefined, message };
  }
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy's HTML error page, say: the status still tells what happened.
    parsed = undefined;
  }
  const said =
    parsed && typeof parsed === 'object' && 'message' in parsed ? String(parsed.message) : '';
  return {
    ok: response.ok,
    status: response.status,
    data: response.ok ? (parsed as T) : undefined,
    message: response.ok ? '' : said || `HTTP ${response.status}`,
  };
}

/** One sentence of a refused write's message, with the request key it names, if any. */
export interface MessageSentence {
  key: string | undefined;
  text: string;
}

/**
 * A 400's sentences in order. The kernel writes one sentence per bad key, starting with the
 * quoted key: joi's English joins them with ". " and quotes "key", the Chinese wording joins
 * them with "；" and quotes “key”. Forms put each sentence under the control it names.
 */
export function messageSentences(message: string): MessageSentence[] {
  return message
    .split(/(?<=\.)\s+(?=")|；/)
    .map((sentence) => sentence.trim())
    .filter(Boolean)
    .map((text) => ({ key: /^["“]([^"”]+)["”]/.exec(text)?.[1], text }));
}
