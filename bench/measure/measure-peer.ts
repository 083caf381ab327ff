/**
 * The API-server benchmark's phases against one peer, in order: warm-up writes (so a JIT or
 * cache warming up is not timed), `objects` durable creates with `concurrency` clients, then
 * sequential writes timed to their watch event. CPU is read from the server process around
 * the timed creates, memory at the end. Every peer runs exactly this code.
 */
import type { WriteTarget } from '../peers/write-target.js';
import { processUsage } from '../support/process-usage.js';
import type { Progress } from '../support/progress.js';
import { runConcurrently } from './run-concurrently.js';
import { summarize, type Summary } from './summary.js';
import { measureWatchLatency } from './watch-latency.js';

export interface MeasurePlan {
  objects: number;
  concurrency: number;
  warmup: number;
  watchWrites: number;
  /** The body stored under a name; its size is the benchmark's payload size. */
  body: (name: string) => string;
}

export interface PeerMeasurement {
  measured: true;
  version: string;
  createsPerSecond: number;
  createWallMs: number;
  /** Send to acknowledgement of each create under `concurrency` clients. */
  createLatencyMs: Summary;
  /** Send to the watcher receiving the event, one write at a time. */
  watchEventMs: Summary;
  /** Send to acknowledgement in the same sequential writes. */
  sequentialAckMs: Summary;
  /** CPU the server process spent per 1,000 creates in the throughput phase (Linux only). */
  cpuSecondsPer1000Writes?: number;
  /** The server process's resident memory at the end of the run (Linux only). */
  residentMiB?: number;
}

export interface PeerNotMeasured {
  measured: false;
  reason: string;
}

export async function measurePeer(target: WriteTarget, plan: MeasurePlan, progress: Progress): Promise<PeerMeasurement> {
  const write = (name: string) => target.write(name, plan.body(name));
  if (plan.warmup > 0) {
    progress.say(`${target.name}: ${plan.warmup} warm-up writes`);
    await runConcurrently({ total: plan.warmup, concurrency: plan.concurrency, operation: (i) => write(`warm-${i}`) });
  }
  const before = await processUsage(target.pid);
  const creates = await runConcurrently({
    total: plan.objects,
    concurrency: plan.concurrency,
    operation: (i) => write(`obj-${i}`),
    onDone: progress.counter(`${target.name}: creates`, plan.objects),
  });
  const after = await processUsage(target.pid);
  const watch = await measureWatchLatency({
    target,
    writes: plan.watchWrites,
    namePrefix: 'watch-',
    body: plan.body,
    eventTimeoutMs: 10_000,
    onDone: progress.counter(`${target.name}: writes timed to their watch event`, plan.watchWrites),
  });
  const end = await processUsage(target.pid);
  return {
    measured: true,
    version: target.version,
    createsPerSecond: creates.perSecond,
    createWallMs: creates.wallMs,
    createLatencyMs: summarize(creates.latenciesMs),
    watchEventMs: summarize(watch.eventMs),
    sequentialAckMs: summarize(watch.ackMs),
    cpuSecondsPer1000Writes: before && after ? ((after.cpuSeconds - before.cpuSeconds) * 1000) / plan.objects : undefined,
    residentMiB: end ? end.residentBytes / 2 ** 20 : undefined,
  };
}
