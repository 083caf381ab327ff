/**
 * The comparisons the scale run prints beside its own figures, each measured in the same run
 * by the code of the benchmark that owns it, at a size that fits in a scale run:
 * - hubWritesVsEtcd: durable creates per second of a fresh `flotilla apiserver` process over
 *   etcd's puts of the same payloads (bench/measure's measurePeers, as `bench -- apiserver`);
 * - pollVsLsRemote: an unchanged poll by src/git's resolveRemote against `git ls-remote` of
 *   the scale repository on the run's own git server (as `bench -- git` measures it);
 * - resolutionVsNestedLoop: target resolution through the index over the nested loop
 *   (bench/targeting's measureResolution).
 * A peer that cannot run (no etcd) gives null, with the reason on stderr.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveRemote } from '../../src/git/index.js';
import { git } from '../../test/support/git-repo.js';
import type { BenchContext } from '../benchmark.js';
import { measurePeers } from '../measure/measure-peers.js';
import { turnOrder } from '../measure/measure-peers.js';
import { configMapBody } from '../measure/payload.js';
import { summarize } from '../measure/summary.js';
import { findEtcd, installEtcdHint, startEtcd } from '../peers/etcd.js';
import { startFlotilla } from '../peers/flotilla.js';
import { measureResolution } from '../targeting.js';

export interface HubWritesFigures {
  objects: number;
  flotillaPerSecond: number;
  etcdPerSecond: number | null;
  ratio: number | null;
}

export async function hubWritesVsEtcd(context: BenchContext, options: { workDir: string; objects: number }): Promise<HubWritesFigures> {
  const etcdBinary = findEtcd('etcd');
  const namespace = 'bench';
  const peers = [];
  await mkdir(join(options.workDir, 'flotilla'), { recursive: true });
  peers.push(await startFlotilla({ repoRoot: context.repoRoot, dataDir: join(options.workDir, 'flotilla'), namespace, maxSockets: 16, cleanup: context.cleanup }));
  if (etcdBinary) {
    await mkdir(join(options.workDir, 'etcd'), { recursive: true });
    peers.push(await startEtcd({ binary: etcdBinary, dataDir: join(options.workDir, 'etcd'), keyPrefix: `/registry/configmaps/${namespace}/`, maxSockets: 16, cleanup: context.cleanup }));
  } else context.progress.warn(installEtcdHint);
  try {
    const plan = { objects: options.objects, concurrency: 16, warmup: 50, watchWrites: 10, rounds: 2, body: (name: string) => configMapBody({ name, namespace, sizeBytes: 1024 }) };
    const [flotilla, etcd] = await measurePeers(peers, plan, context.progress);
    if (!flotilla) throw new Error('Flotilla was not measured');
    const etcdPerSecond = etcd?.createsPerSecond ?? null;
    return { objects: options.objects, flotillaPerSecond: flotilla.createsPerSecond, etcdPerSecond, ratio: etcdPerSecond ? flotilla.createsPerSecond / etcdPerSecond : null };
  } finally {
    for (const peer of peers) await peer.stop();
  }
}

export interface PollFigures {
  polls: number;
  flotillaP50Ms: number;
  lsRemoteP50Ms: number;
  ratio: number;
}

export async function pollVsLsRemote(options: { url: string; polls: number; head: string }): Promise<PollFigures> {
  const times = { flotilla: [] as number[], git: [] as number[] };
  const expect = (who: string, commit: string) => {
    if (commit !== options.head) throw new Error(`${who} saw ${commit}, expected ${options.head}`);
  };
  const ops = {
    flotilla: async () => expect('resolveRemote', await resolveRemote({ url: options.url, branch: 'main' })),
    git: async () => expect('git ls-remote', (await git(['ls-remote', options.url, 'refs/heads/main'])).split('\t')[0] ?? ''),
  };
  const names = ['flotilla', 'git'] as const;
  // The first two iterations warm up (connections, JIT) and are not timed.
  for (let i = 0; i < options.polls + 2; i++) {
    for (const peer of turnOrder(2, i).map((k) => names[k] ?? 'flotilla')) {
      const started = performance.now();
      await ops[peer]();
      if (i >= 2) times[peer].push(performance.now() - started);
    }
  }
  const flotillaP50Ms = summarize(times.flotilla).p50;
  const lsRemoteP50Ms = summarize(times.git).p50;
  return { polls: options.polls, flotillaP50Ms, lsRemoteP50Ms, ratio: lsRemoteP50Ms / flotillaP50Ms };
}

export interface ResolutionRatio {
  clusters: number;
  bundles: number;
  flotillaMs: number;
  nestedLoopMs: number;
  ratio: number;
}

export function resolutionVsNestedLoop(options: { clusters: number; bundles: number }): ResolutionRatio {
  const figures = measureResolution(options);
  return { clusters: figures.clusters, bundles: figures.bundles, flotillaMs: figures.flotillaMs, nestedLoopMs: figures.nestedLoopMs, ratio: figures.ratio };
}
