/**
 * Usage counters, summed in memory and written to the catalog every few seconds: one UPDATE per
 * dataset and interval instead of one per request, so a busy records API does not queue on the
 * catalog row's lock. A crash loses at most one interval of counts (they are statistics).
 */
export class CounterBuffer {
  readonly #pending = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly write: (
      datasetId: string,
      counter: 'downloads' | 'apiCalls',
      by: number,
    ) => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(datasetId: string, counter: 'downloads' | 'apiCalls'): void {
    if (this.#closed) return; // shutting down: the catalog may already be gone
    const key = `${counter}:${datasetId}`;
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1);
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch(this.onError);
    }, this.intervalMs);
  }

  /** Writes what is pending and takes no more (the plugin is stopping). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const entries = [...this.#pending];
    this.#pending.clear();
    for (const [key, by] of entries) {
      const [counter, datasetId] = key.split(':') as ['downloads' | 'apiCalls', string];
      await this.write(datasetId, counter, by).catch(this.onError);
    }
  }
}
