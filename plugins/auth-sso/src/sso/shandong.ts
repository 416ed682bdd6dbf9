import { createHmac, randomBytes } from 'node:crypto';
import type { ShandongProviderOptions } from '../options.ts';
import { type SsoAdapter, SsoError, type SsoIdentity, type SsoState } from './adapter.ts';

interface Envelope<T> {
  code: string | number;
  msg?: string;
  data?: T;
}

interface TicketData {
  token: string;
}

interface UserInfoData {
  userId: string;
  userType: 'natural' | 'legal';
  name?: string;
  idCard?: string;
  mobile?: string;
  email?: string;
  authLevel?: string | number;
  corpName?: string;
}

const TIMEOUT_MS = 10_000;

/**
 * The Shandong unified identity platform's ticket protocol:
 *   1. the browser goes to `loginUrl?appid=…&service=<callback?state=…>`;
 *   2. the platform sends it back to the callback with `ticket`;
 *   3. we exchange the ticket for a token (`tokenUrl`), then
 *   4. fetch the natural-person or legal-person profile with the token (`userInfoUrl`).
 * Server-to-server calls carry `X-App-Id` / `X-App-Key` headers and a `sign`:
 * hex HMAC-SHA256 over appId + ticket-or-token + timestamp, keyed with the app secret.
 */
export class ShandongAdapter implements SsoAdapter {
  readonly id: string;
  readonly label: ShandongProviderOptions['label'];

  constructor(private readonly options: ShandongProviderOptions) {
    this.id = options.id;
    this.label = options.label;
  }

  async begin(callbackUrl: string): Promise<{ url: string; state: SsoState }> {
    const state = randomBytes(24).toString('base64url');
    const service = new URL(callbackUrl);
    service.searchParams.set('state', state);
    const url = new URL(this.options.loginUrl);
    url.searchParams.set('appid', this.options.appId);
    url.searchParams.set('service', service.href);
    return { url: url.href, state: { state } };
  }

  async complete(currentUrl: URL, saved: SsoState): Promise<SsoIdentity> {
    if (currentUrl.searchParams.get('state') !== saved.state) {
      throw new SsoError('the state parameter does not match this browser’s login; start again');
    }
    const ticket = currentUrl.searchParams.get('ticket');
    if (!ticket) throw new SsoError('the identity platform sent no ticket');
    const { token } = await this.#call<TicketData>(this.options.tokenUrl, { ticket }, ticket);
    if (!token) throw new SsoError('the identity platform exchanged the ticket for no token');
    const info = await this.#call<UserInfoData>(this.options.userInfoUrl, { token }, token);
    if (!info.userId) throw new SsoError('the identity platform returned no user id');
    const level = Number(info.authLevel ?? 0);
    const natural = info.userType !== 'legal';
    return {
      subject: `${natural ? 'n' : 'l'}:${info.userId}`,
      kind: natural ? 'natural' : 'legal',
      realName: info.name,
      idNumber: natural ? info.idCard?.toUpperCase() : undefined,
      mobile: info.mobile,
      email: info.email,
      verified: Number.isFinite(level) && level >= (this.options.verifiedLevel ?? 2),
      organisationName: natural ? undefined : info.corpName,
    };
  }

  async #call<T>(url: string, body: Record<string, string>, signed: string): Promise<T> {
    const { appId, appKey, appSecret } = this.options;
    const timestamp = String(Date.now());
    const sign = createHmac('sha256', appSecret)
      .update(`${appId}${signed}${timestamp}`)
      .digest('hex');
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-app-id': appId, 'x-app-key': appKey },
        body: JSON.stringify({ ...body, appid: appId, timestamp, sign }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new SsoError(`the identity platform is unreachable: ${(error as Error).message}`);
    }
    const envelope = (await response.json().catch(() => null)) as Envelope<T> | null;
    if (!response.ok || !envelope || String(envelope.code) !== '0' || !envelope.data) {
      throw new SsoError(
        `the identity platform refused (${response.status}${envelope?.msg ? `: ${envelope.msg}` : ''})`,
      );
    }
    return envelope.data;
  }
}
