/**
 * `npm run bench -- apiserver`: Flotilla's API server against etcd in the same run. Both
 * run as separate processes on 127.0.0.1 with fresh temporary data directories and their
 * default durability (every acknowledged write fsynced); the same client code then makes
 * `objects` creates with `concurrency` clients on each, and times `watchWrites` sequential
 * writes from send to a watcher receiving the event, in rounds where the peers take turns. Without etcd installed Flotilla is
 * still measured and every ratio is "not measured".
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command, OptionValues } from 'commander';
import { positiveInteger, wholeNumber, type BenchContext, type Benchmark } from './benchmark.js';
import { measurePeers, type MeasurePlan, type PeerMeasurement, type PeerNotMeasured } from './measure/measure-peers.js';
import { configMapBody } from './measure/payload.js';
import { findEtcd, installEtcdHint, startEtcd, type EtcdBinary } from './peers/etcd.js';
import { startFlotilla } from './peers/flotilla.js';
import type { WriteTarget } from './peers/write-target.js';
import { apiserverMarkdown, apiserverResult, apiserverTableLabels, type ApiserverParameters } from './report/apiserver-result.js';
import { resultBaseName, writeResults } from './report/results-file.js';
import { collectRunInfo } from './report/run-info.js';
import { textTable } from './report/table.js';

interface ApiserverOptions extends ApiserverParameters {
  etcd: string;
}

const namespace = 'bench';

const method = {
  Flotilla:
    '`node bin/flotilla.js apiserver` in its own process, HTTPS with its own CA and a bearer token; creates are POST /api/v1/namespaces/bench/configmaps, the watch is GET ...configmaps?watch=true',
  etcd: 'single-member `etcd` in its own process, default fsync, TLS by --auto-tls; puts are POST /v3/kv/put on its HTTP/JSON gateway with the same ConfigMap JSON as value, the watch is POST /v3/watch on the key prefix',
  clients:
    'one benchmark process, the same Node HTTPS client code for both peers, one keep-alive connection per concurrent client, the watch on its own connection; both peers run throughout and take turns in rounds, alternating which goes first, so a change in machine load falls on both',
};

export const apiserverBenchmark: Benchmark = {
  name: 'apiserver',
  description: 'durable creates per second and watch event latency of the embedded API server, beside etcd',
  addOptions(command: Command): Command {
    return command
      .option('--objects <n>', 'creates timed on each peer', positiveInteger, 5000)
      .option('--concurrency <c>', 'concurrent clients during the creates', positiveInteger, 16)
      .option('--size <bytes>', 'payload bytes in each object', wholeNumber, 1024)
      .option('--watch-writes <n>', 'sequential writes timed to their watch event', positiveInteger, 300)
      .option('--warmup <n>', 'untimed writes before the creates', wholeNumber, 100)
      .option('--rounds <n>', 'turns the peers take, alternating who goes first', positiveInteger, 3)
      .option('--etcd <binary>', 'the etcd binary to compare with', 'etcd');
  },
  run: (flags, context) => runApiserverBenchmark(parseOptions(flags), context),
};

function parseOptions(flags: OptionValues): ApiserverOptions {
  return Object.freeze({
    objects: Number(flags['objects']),
    concurrency: Number(flags['concurrency']),
    sizeBytes: Number(flags['size']),
    watchWrites: Number(flags['watchWrites']),
    warmup: Number(flags['warmup']),
    rounds: Number(flags['rounds']),
    etcd: String(flags['etcd']),
  });
}

async function runApiserverBenchmark(options: ApiserverOptions, context: BenchContext): Promise<void> {
  const run = collectRunInfo({ repoRoot: context.repoRoot, now: context.now() });
  const workDir = await mkdtemp(join(tmpdir(), 'flotilla-bench-'));
  context.cleanup.defer(`remove ${workDir}`, () => rm(workDir, { recursive: true, force: true }));
  const plan: MeasurePlan = { ...options, body: (name) => configMapBody({ name, namespace, sizeBytes: options.sizeBytes }) };

  const peers = [await startFlotillaPeer(options, context, join(workDir, 'flotilla'))];
  const etcdBinary = findEtcd(options.etcd);
  if (etcdBinary) peers.push(await startEtcdPeer(etcdBinary, options, context, join(workDir, 'etcd')));
  else context.progress.warn(installEtcdHint);
  const [flotilla, etcdMeasured] = await measurePeers(peers, plan, context.progress);
  for (const peer of peers) await peer.stop();
  if (!flotilla) throw new Error('Flotilla was not measured');
  const etcd: PeerMeasurement | PeerNotMeasured = etcdMeasured ?? {
    measured: false,
    reason: `"${options.etcd}" could not be run; install it with: sudo apt-get install etcd-server`,
  };

  const result = apiserverResult({ run, parameters: parametersOf(options), method, flotilla, etcd });
  context.print(`\n${textTable(result.figures, apiserverTableLabels)}\n`);
  const paths = await writeResults({
    dir: context.resultsDir,
    baseName: resultBaseName({ startedAt: run.startedAt, commit: run.commit, benchmark: 'apiserver' }),
    json: result,
    markdown: apiserverMarkdown(result),
  });
  context.print(`\nresults: ${paths.json}\n         ${paths.markdown}\n`);
}

async function startFlotillaPeer(options: ApiserverOptions, context: BenchContext, dataDir: string): Promise<WriteTarget> {
  await mkdir(dataDir);
  context.progress.say('starting flotilla apiserver');
  return startFlotilla({ repoRoot: context.repoRoot, dataDir, namespace, maxSockets: options.concurrency, cleanup: context.cleanup });
}

async function startEtcdPeer(binary: EtcdBinary, options: ApiserverOptions, context: BenchContext, dataDir: string): Promise<WriteTarget> {
  context.progress.say(`starting etcd ${binary.version}`);
  const keyPrefix = `/registry/configmaps/${namespace}/`;
  return startEtcd({ binary, dataDir, keyPrefix, maxSockets: options.concurrency, cleanup: context.cleanup });
}

function parametersOf(options: ApiserverOptions): ApiserverParameters {
  const { objects, concurrency, sizeBytes, watchWrites, warmup, rounds } = options;
  return { objects, concurrency, sizeBytes, watchWrites, warmup, rounds };
}
