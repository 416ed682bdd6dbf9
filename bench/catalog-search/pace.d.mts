export interface PacedResult {
  /** Milliseconds from each request's due time to its answer, in completion order. */
  times: number[];
  /** Sends that threw. */
  errors: number;
}

export function paced(options: {
  /** Requests per second. */
  rate: number;
  /** Seconds during which requests are started. */
  duration: number;
  /** At most this many in flight. */
  limit: number;
  send: (i: number) => Promise<void>;
}): Promise<PacedResult>;
