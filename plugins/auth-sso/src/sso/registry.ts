import type { AuthOptions } from '../options.ts';
import type { SsoAdapter } from './adapter.ts';
import { OidcAdapter } from './oidc.ts';
import { ShandongAdapter } from './shandong.ts';

/** The SSO providers this deployment configured, by id. */
export class SsoRegistry {
  readonly #adapters = new Map<string, SsoAdapter>();

  constructor(providers: AuthOptions['sso']) {
    for (const provider of providers) {
      this.#adapters.set(
        provider.id,
        provider.kind === 'oidc' ? new OidcAdapter(provider) : new ShandongAdapter(provider),
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
