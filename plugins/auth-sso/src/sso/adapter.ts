import type { LocalizedText } from '@kaifang/sdk';

/** What a provider tells us about the person who logged in there. */
export interface SsoIdentity {
  /** Stable id of the person at the provider; with the provider id it keys the link. */
  subject: string;
  /** Natural person (citizen) or legal person (company, institution). */
  kind: 'natural' | 'legal';
  realName?: string;
  idNumber?: string;
  mobile?: string;
  email?: string;
  /** The provider checked the real name (maps to the `verified` role). */
  verified: boolean;
  /** For legal persons: the organisation's name. */
  organisationName?: string;
  /**
   * OpenID Connect: the ID token as issued, kept server-side with the session and sent back as
   * `id_token_hint` at logout. A secret: never logged, never put in a cookie.
   */
  idToken?: string;
}

/** What must survive the round trip to the provider (kept in a sealed, short-lived cookie). */
export interface SsoState {
  state: string;
  nonce?: string;
  codeVerifier?: string;
}

/** Something that went wrong at the provider or in the protocol; answered with 401. */
export class SsoError extends Error {
  override name = 'SsoError';
}

/**
 * One single sign-on protocol. A deployment configures any number of providers; each becomes
 * `/api/v1/auth/sso/{id}/login` and `/callback`.
 */
export interface SsoAdapter {
  readonly id: string;
  readonly label: LocalizedText;
  /** Where to send the browser, and what to remember until it comes back. */
  begin(callbackUrl: string): Promise<{ url: string; state: SsoState }>;
  /**
   * Completes the login from the URL the browser came back to (`callbackUrl` plus the
   * provider's query). Throws SsoError when state, nonce, ticket or tokens do not check out.
   */
  complete(currentUrl: URL, saved: SsoState): Promise<SsoIdentity>;
  /**
   * Where to send the browser after the portal session ended, so the person is signed out at
   * the provider too (RP-initiated logout); undefined when the provider offers no such page.
   * Without it, the next person at a shared computer would be signed straight back in.
   */
  logoutUrl?(idToken: string): Promise<string | undefined>;
}
