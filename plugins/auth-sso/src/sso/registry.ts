import type { AuthOptions } from '../options.ts';
import type { SsoAdapter } from './adapter.ts';
import { OidcAdapter } from './oidc.ts';
import { ShandongAdapter } from './shandong.ts';

/** The SSO providers this deployment configured, by id. */
export class SsoRegistry {
  readonly #adapters = new Map<string, SsoAdapter>();

  /** `publicUrl` gives OpenID providers their default post-logout landing page (`/`). */
  constructor(providers: AuthOptions['sso'], publicUrl: string) {
    const home = `${publicUrl.replace(/\/$/, '')}/`;
    for (const provider of providers) {
      this.#adapters.set(
        provider.id,
        provider.kind === 'oidc'
          ? new OidcAdapter(provider, provider.postLogoutRedirectUri ?? home)
          : new ShandongAdapter(provider),
      );
    }
  }

  get(id: string): SsoAdapter | undefined {
    return this.#adapters.get(id);
  }

  list(): SsoAdapter[] {
    return [...this.#adapters.values()];
  }
}
