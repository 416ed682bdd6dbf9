import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * File storage as plugins see it: keys are relative paths inside the plugin's own area.
 * The default is a local directory; an object-store adapter implements the same interface.
 */
export interface Storage {
  /** Writes atomically: readers see the old file or the whole new one, never a partial one. */
  put(key: string, body: Readable | Buffer | string): Promise<{ key: string; size: number }>;
  read(key: string): Readable;
  stat(key: string): Promise<{ size: number; modifiedAt: Date } | undefined>;
  delete(key: string): Promise<void>;
}

export class LocalStorage implements Storage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The same storage confined to a sub-directory (each plugin gets its own). */
  scoped(prefix: string): LocalStorage {
    return new LocalStorage(this.#path(prefix));
  }

  async put(key: string, body: Readable | Buffer | string) {
    const target = this.#path(key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.part`;
    try {
      const source = body instanceof Readable ? body : Readable.from([body]);
      await pipeline(source, createWriteStream(temporary));
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const { size } = await stat(target);
    return { key, size };
  }

  read(key: string): Readable {
    return createReadStream(this.#path(key));
  }

  async stat(key: string) {
    try {
      const info = await stat(this.#path(key));
      return { size: info.size, modifiedAt: info.mtime };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string) {
    await rm(this.#path(key), { force: true });
  }

  /** Keys come from plugins and, through them, from users: never let one leave the root. */
  #path(key: string): string {
    const full = resolve(join(this.root, key));
    if (full !== this.root && !full.startsWith(this.root + sep)) {
      throw new Error(`storage key '${key}' points outside the storage area`);
    }
    return full;
  }
}
