/**
 * Runs `total` operations with `concurrency` clients, each taking the next index as soon as
 * its previous operation finished (closed loop, as C real clients writing back to back).
 * The first failure stops every client and is rethrown: a benchmark that lost writes has
 * no figure to report.
 */
import { performance } from 'node:perf_hooks';

export interface ConcurrentRun {
  wallMs: number;
  /** Each operation's time from send to acknowledgement, in milliseconds. */
  latenciesMs: number[];
  perSecond: number;
}

export interface ConcurrentOptions {
  total: number;
  concurrency: number;
  operation: (index: number) => Promise<void>;
  onDone?: (done: number) => void;
}

export async function runConcurrently(options: ConcurrentOptions): Promise<ConcurrentRun> {
  const latenciesMs: number[] = [];
  let next = 0;
  let failed = false;
  const client = async () => {
    while (!failed && next < options.total) {
      const index = next++;
      const sent = performance.now();
      try {
        await options.operation(index);
      } catch (err) {
        failed = true;
        throw err;
      }
      latenciesMs.push(performance.now() - sent);
      options.onDone?.(latenciesMs.length);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.total) }, client));
  const wallMs = performance.now() - started;
  return { wallMs, latenciesMs, perSecond: (options.total * 1000) / wallMs };
}
