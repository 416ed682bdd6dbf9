/**
 * Reading JSON from the portal's API, with the three outcomes the shell distinguishes:
 * data, "this service is not installed" (404: the plugin is not configured) and failure.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type ApiResult<T> =
  | { status: 'ok'; data: T }
  | { status: 'missing' }
  | { status: 'unauthorized' }
  | { status: 'error'; message: string };

export type ApiState<T> = { status: 'loading' } | ApiResult<T>;

/**
 * GETs `url` as JSON. `accept` checks the shape, so a plugin answering something unexpected
 * shows an error state instead of breaking the page.
 */
export async function getJson<T>(
  url: string,
  accept: (value: unknown) => value is T,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    return { status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (response.status === 404) return { status: 'missing' };
  if (response.status === 401) return { status: 'unauthorized' };
  if (!response.ok) return { status: 'error', message: `HTTP ${response.status}` };
  try {
    const body: unknown = await response.json();
    return accept(body) ? { status: 'ok', data: body } : { status: 'error', message: 'shape' };
  } catch {
    return { status: 'error', message: 'invalid JSON' };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A guard for `{ items: [...] }` answers. */
export function isListOf<T>(item: (value: unknown) => value is T) {
  return (value: unknown): value is { items: T[]; total?: number } =>
    isRecord(value) && Array.isArray(value.items) && value.items.every(item);
}

/**
 * Loads one URL for a Lit element: starts when the element connects, aborts when it leaves,
 * re-renders the host on every state change, and can be retried.
 */
export class ApiResource<T> implements ReactiveController {
  state: ApiState<T> = { status: 'loading' };
  private controller?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly url: () => string,
    private readonly accept: (value: unknown) => value is T,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.reload();
  }

  hostDisconnected(): void {
    this.controller?.abort();
  }

  async reload(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.state = { status: 'loading' };
    this.host.requestUpdate();
    const result = await getJson(this.url(), this.accept, controller.signal);
    if (controller.signal.aborted) return;
    this.state = result;
    this.host.requestUpdate();
  }
}
