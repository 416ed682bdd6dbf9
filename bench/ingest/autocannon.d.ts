// The part of autocannon's API this bench uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Result {
    duration: number;
    non2xx: number;
    errors: number;
    requests: { total: number; average: number };
    latency: { p50: number; p90: number; p99: number; average: number };
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    requests?: { method?: string; path: string; headers?: Record<string, string> }[];
  }
  type Instance = EventEmitter & PromiseLike<Result>;
  export default function autocannon(options: Options): Instance;
}
