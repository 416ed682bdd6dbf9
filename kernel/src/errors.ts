/**
 * Errors the kernel raises while booting or stopping. The message always names the plugin
 * (and, for config errors, the key) so an operator can act on it without reading code.
 */
export class KaifangError extends Error {
  override name = 'KaifangError';
  constructor(
    message: string,
    readonly plugin?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Rejects with a KaifangError when `work` takes longer than `ms`. */
export async function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  describe: () => KaifangError,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(describe()), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
