/**
 * The API-server benchmark's phases, run on every peer with exactly the same code: warm-up
 * writes (so a JIT or cache warming up is not timed), then rounds of durable creates with
 * `concurrency` clients followed by sequential writes timed to their watch event. Peers
 * take turns within each round, and the order alternates between rounds, so a change in
 * the machine's load during the run (other work on a shared machine) falls on both peers
 * alike instead of on whichever ran second. CPU is read from each server process around
 * its timed creates, memory at the end.
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
  rounds: number;
  /** The body stored under a name; its size is the benchmark's payload size. */
  body: (name: string) => string;
}

export interface PeerMeasurement {
  measured: true;
  version: string;
  /** All timed creates over the summed wall time of the create phases. */
  createsPerSecond: number;
  createWallMs: number;
  /** Send to acknowledgement of each create under `concurrency` clients. */
  createLatencyMs: Summary;
  /** Send to the watcher receiving the event, one write at a time. */
  watchEventMs: Summary;
  /** Send to acknowledgement in the same sequential writes. */
  sequentialAckMs: Summary;
  /** CPU the server process spent per 1,000 creates in the create phases (Linux only). */
  cpuSecondsPer1000Writes?: number;
  /** The server process's resident memory at the end of the run (Linux only). */
  residentMiB?: number;
}

export interface PeerNotMeasured {
  measured: false;
  reason: string;
}

/** Splits `total` into `rounds` near-equal parts that add up to it exactly. */
export function shares(total: number, rounds: number): number[] {
  return Array.from({ length: rounds }, (_, round) => Math.floor(((round + 1) * total) / rounds) - Math.floor((round * total) / rounds));
}

/** Which peer goes first in each round: 0, 1, …, then reversed, then forward again. */
export function turnOrder(peers: number, round: number): number[] {
  const order = Array.from({ length: peers }, (_, i) => i);
  return round % 2 === 0 ? order : order.reverse();
}

interface Samples {
  wallMs: number;
  createMs: number[];
  eventMs: number[];
  ackMs: number[];
  cpuSeconds: number | undefined;
  created: number;
}

export async function measurePeers(targets: readonly WriteTarget[], plan: MeasurePlan, progress: Progress): Promise<PeerMeasurement[]> {
  const samples = targets.map((): Samples => ({ wallMs: 0, createMs: [], eventMs: [], ackMs: [], cpuSeconds: 0, created: 0 }));
  const createTicks = targets.map((t) => progress.counter(`${t.name}: creates`, plan.objects));
  for (const target of targets) await warmUp(target, plan, progress);
  const objectShares = shares(plan.objects, plan.rounds);
  const watchShares = shares(plan.watchWrites, plan.rounds);
  for (let round = 0; round < plan.rounds; round++) {
    if (plan.rounds > 1) progress.say(`round ${round + 1} of ${plan.rounds}`);
    for (const peer of turnOrder(targets.length, round)) {
      const target = targets[peer] as WriteTarget;
      const sample = samples[peer] as Samples;
      const tick = createTicks[peer] as (done: number) => void;
      await createRound(target, plan, { count: objectShares[round] ?? 0, sample, tick });
      await watchRound(target, plan, { round, writes: watchShares[round] ?? 0, sample });
    }
  }
  return Promise.all(targets.map((target, peer) => finish(target, samples[peer] as Samples)));
}

async function warmUp(target: WriteTarget, plan: MeasurePlan, progress: Progress): Promise<void> {
  if (plan.warmup === 0) return;
  progress.say(`${target.name}: ${plan.warmup} warm-up writes`);
  await runConcurrently({ total: plan.warmup, concurrency: plan.concurrency, operation: (i) => target.write(`warm-${i}`, plan.body(`warm-${i}`)) });
}

async function createRound(target: WriteTarget, plan: MeasurePlan, round: { count: number; sample: Samples; tick: (done: number) => void }): Promise<void> {
  const { sample } = round;
  if (round.count === 0) return;
  const first = sample.created;
  const before = await processUsage(target.pid);
  const run = await runConcurrently({
    total: round.count,
    concurrency: plan.concurrency,
    operation: (i) => target.write(`obj-${first + i}`, plan.body(`obj-${first + i}`)),
    onDone: (done) => round.tick(first + done),
  });
  const after = await processUsage(target.pid);
  sample.created += round.count;
  sample.wallMs += run.wallMs;
  sample.createMs.push(...run.latenciesMs);
  sample.cpuSeconds = before && after && sample.cpuSeconds !== undefined ? sample.cpuSeconds + after.cpuSeconds - before.cpuSeconds : undefined;
}

async function watchRound(target: WriteTarget, plan: MeasurePlan, round: { round: number; writes: number; sample: Samples }): Promise<void> {
  if (round.writes === 0) return;
  const run = await measureWatchLatency({ target, writes: round.writes, namePrefix: `watch-${round.round}-`, body: plan.body, eventTimeoutMs: 10_000 });
  round.sample.eventMs.push(...run.eventMs);
  round.sample.ackMs.push(...run.ackMs);
}

async function finish(target: WriteTarget, sample: Samples): Promise<PeerMeasurement> {
  const end = await processUsage(target.pid);
  return {
    measured: true,
    version: target.version,
    createsPerSecond: (sample.created * 1000) / sample.wallMs,
    createWallMs: sample.wallMs,
    createLatencyMs: summarize(sample.createMs),
    watchEventMs: summarize(sample.eventMs),
    sequentialAckMs: summarize(sample.ackMs),
    cpuSecondsPer1000Writes: sample.cpuSeconds === undefined ? undefined : (sample.cpuSeconds * 1000) / sample.created,
    residentMiB: end ? end.residentBytes / 2 ** 20 : undefined,
  };
}
