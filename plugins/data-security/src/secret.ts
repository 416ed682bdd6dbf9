import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { EntityManager } from '@kaifang/sdk';
import { sql } from './store.ts';

/**
 * The masking salt: the `salt` option, else $KAIFANG_MASKING_SALT, else generated once and kept
 * in `data_security_setting`, so every node (and every later load) makes the same pseudonyms.
 */
export async function loadSalt(em: EntityManager, configured: string | undefined): Promise<string> {
  const given = configured ?? process.env.KAIFANG_MASKING_SALT;
  if (given) return given;
  await sql(
    em,
    `insert into data_security_setting (key, value) values ('salt', ?) on conflict (key) do nothing`,
    [randomBytes(32).toString('base64url')],
  );
  const [row] = await sql<{ value: string }>(
    em,
    `select value from data_security_setting where key = 'salt'`,
  );
  return row!.value;
}

/** AES-256-GCM with a key derived from the salt: the preview samples are encrypted at rest. */
export class SampleCipher {
  readonly #key: Buffer;
  constructor(salt: string) {
    this.#key = Buffer.from(hkdfSync('sha256', salt, 'kaifang', 'data-security/samples', 32));
  }

  seal(rows: readonly (readonly string[])[]): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(rows), 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64')).join('.');
  }

  open(payload: string): string[][] {
    const [iv, tag, body] = payload.split('.').map((part) => Buffer.from(part, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv!);
    decipher.setAuthTag(tag!);
    const text = Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
    return JSON.parse(text) as string[][];
  }
}
