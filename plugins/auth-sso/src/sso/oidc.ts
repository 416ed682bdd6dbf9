import * as client from 'openid-client';
import type { OidcProviderOptions } from '../options.ts';
import { type SsoAdapter, SsoError, type SsoIdentity, type SsoState } from './adapter.ts';

/**
 * OpenID Connect: discovery, authorization code with PKCE (S256), state and nonce, and the
 * ID token validated by openid-client (signature, issuer, audience, expiry, nonce).
 */
export class OidcAdapter implements SsoAdapter {
  readonly id: string;
  readonly label: OidcProviderOptions['label'];
  #config: Promise<client.Configuration> | undefined;

  constructor(
    private readonly options: OidcProviderOptions,
    private readonly postLogoutRedirectUri: string,
  ) {
    this.id = options.id;
    this.label = options.label;
  }

  /** Discovered on first use and cached; a failed discovery is retried on the next login. */
  #configuration(): Promise<client.Configuration> {
    this.#config ??= client
      .discovery(
        new URL(this.options.issuer),
        this.options.clientId,
        this.options.clientSecret,
        undefined,
        this.options.allowInsecure ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.#config = undefined;
        throw new SsoError(
          `could not discover the OpenID provider at ${this.options.issuer}: ${(error as Error).message}`,
        );
      });
    return this.#config;
  }

  async begin(callbackUrl: string): Promise<{ url: string; state: SsoState }> {
    const config = await this.#configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl,
      scope: this.options.scope ?? 'openid profile email phone',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state: { state, nonce, codeVerifier } };
  }

  async complete(currentUrl: URL, saved: SsoState): Promise<SsoIdentity> {
    const config = await this.#configuration();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: saved.codeVerifier,
        expectedState: saved.state,
        expectedNonce: saved.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new SsoError(`the OpenID provider's answer was rejected: ${describe(error)}`);
    }
    const claims = tokens.claims();
    if (!claims) throw new SsoError('the OpenID provider sent no ID token');
    let info: Record<string, unknown> = { ...claims };
    try {
      info = { ...info, ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)) };
    } catch {
      // UserInfo is optional: the ID token's claims suffice to log in.
    }
    const text = (key: string) =>
      typeof info[key] === 'string' ? (info[key] as string) : undefined;
    const flag = info[this.options.verifiedClaim ?? 'real_name_verified'];
    return {
      subject: claims.sub,
      kind: 'natural',
      realName: text('name'),
      idNumber: text('id_number'),
      mobile: text('phone_number'),
      email: info.email_verified === false ? undefined : text('email'),
      verified: flag === true || flag === 'true',
      idToken: tokens.id_token,
    };
  }

  /** RP-Initiated Logout 1.0, when the provider's discovery document has `end_session_endpoint`. */
  async logoutUrl(idToken: string): Promise<string | undefined> {
    const config = await this.#configuration();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    // buildEndSessionUrl adds client_id. The (optional) state is echoed to the landing page,
    // which acts on nothing, so it needs no check there.
    return client.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.postLogoutRedirectUri,
      state: client.randomState(),
    }).href;
  }
}

/** openid-client wraps oauth4webapi's precise reason ("unexpected \"state\" …") in `cause`. */
function describe(error: unknown): string {
  const outer = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return cause && cause !== outer ? `${outer} (${cause})` : outer;
}
