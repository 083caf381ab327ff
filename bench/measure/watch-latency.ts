/**
 * Watch event latency: one write at a time, the time from sending it to a watcher (on its
 * own connection) receiving its event. Writes are sequential so each figure is the latency
 * of an otherwise idle peer, fsync included, not queueing behind other writes. The time to
 * the write's acknowledgement is recorded beside it.
 */
import { performance } from 'node:perf_hooks';
import type { WriteTarget } from '../peers/write-target.js';

export interface WatchLatencyOptions {
  target: WriteTarget;
  writes: number;
  /** Names are `<namePrefix><i>`; must not collide with other phases' names. */
  namePrefix: string;
  body: (name: string) => string;
  /** A write whose event has not arrived after this long fails the run. */
  eventTimeoutMs: number;
  onDone?: (done: number) => void;
}

export interface WatchLatencyRun {
  /** Send to event received, per write, in milliseconds. */
  eventMs: number[];
  /** Send to acknowledgement, per write, in milliseconds. */
  ackMs: number[];
}

export async function measureWatchLatency(options: WatchLatencyOptions): Promise<WatchLatencyRun> {
  const waiters = new Map<string, (at: number) => void>();
  const watch = await options.target.watch((name) => waiters.get(name)?.(performance.now()));
  try {
    // The watch is only known to be live once it delivered something: wait for a probe.
    await writeAndAwaitEvent(options, waiters, `${options.namePrefix}probe`);
    const run: WatchLatencyRun = { eventMs: [], ackMs: [] };
    for (let i = 0; i < options.writes; i++) {
      const { eventMs, ackMs } = await writeAndAwaitEvent(options, waiters, `${options.namePrefix}${i}`);
      run.eventMs.push(eventMs);
      run.ackMs.push(ackMs);
      options.onDone?.(i + 1);
    }
    return run;
  } finally {
    watch.close();
  }
}

async function writeAndAwaitEvent(options: WatchLatencyOptions, waiters: Map<string, (at: number) => void>, name: string): Promise<{ eventMs: number; ackMs: number }> {
  let timer: NodeJS.Timeout | undefined;
  const event = new Promise<number>((resolve, reject) => {
    waiters.set(name, resolve);
    timer = setTimeout(() => reject(new Error(`${options.target.name}'s watch did not deliver ${name} within ${options.eventTimeoutMs} ms`)), options.eventTimeoutMs);
  });
  const body = options.body(name);
  const sent = performance.now();
  try {
    await options.target.write(name, body);
    const ackMs = performance.now() - sent;
    const eventMs = (await event) - sent;
    return { eventMs, ackMs };
  } finally {
    clearTimeout(timer);
    waiters.delete(name);
  }
}
