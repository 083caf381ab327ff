/**
 * `npm run bench -- git`: Flotilla's git source (src/git, isomorphic-git over Node HTTP)
 * against the `git` command line, on one generated repository of `bundles` bundle folders
 * (fleet.yaml and manifests, a few MB, `history` commits) served by the real smart-HTTP
 * server of the tests (`git http-backend` on 127.0.0.1). Three operations, `count` times
 * each per peer, alternating which peer goes first: a poll of an unchanged repository
 * (`resolveRemote` vs `git ls-remote`), a fetch of a new commit after a one-line change into
 * an existing cache (`fetchRevision` vs `git fetch --depth 1` + `git reset --hard` in a
 * shallow clone) and a first clone (`fetchRevision` into an empty folder vs `git clone
 * --depth 1 --single-branch`). Requests and bytes per operation come from the server's log.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command, OptionValues } from 'commander';
import { fetchRevision, resolveRemote } from '../src/git/index.js';
import { startGitServer, type GitServer } from '../test/support/git-server.js';
import { commitFiles, git } from '../test/support/git-repo.js';
import { positiveInteger, wholeNumber, type BenchContext, type Benchmark } from './benchmark.js';
import { turnOrder } from './measure/measure-peers.js';
import { pseudoRandomText } from './measure/payload.js';
import { summarize, type Summary } from './measure/summary.js';
import { figureRow, type FigureRow } from './report/figures.js';
import { resultBaseName, writeResults } from './report/results-file.js';
import { collectRunInfo, type RunInfo } from './report/run-info.js';
import { markdownTable, textTable, type TableLabels } from './report/table.js';

export interface GitBenchParameters {
  bundles: number;
  history: number;
  polls: number;
  fetches: number;
  clones: number;
  warmup: number;
}

/** One peer's figures for one operation: wall time, and per-operation means from the server log. */
export interface OperationFigures {
  wallMs: Summary;
  requests: number;
  requestBytes: number;
  responseBytes: number;
}

type PhaseName = 'poll' | 'fetch' | 'clone';
type PeerName = 'flotilla' | 'git';
export type PeerFigures = Record<PhaseName, OperationFigures>;

export interface GitBenchResult {
  benchmark: 'git';
  run: RunInfo;
  parameters: GitBenchParameters;
  repository: { files: number; treeBytes: number; packBytes: number; commits: number };
  method: Record<string, string>;
  versions: { flotilla: string; git: string };
  flotilla: PeerFigures;
  git: PeerFigures;
  /** Each > 1 when Flotilla is faster at p50 (git's time over Flotilla's). */
  ratios: { pollVsLsRemote: number | null; fetchVsGitFetch: number | null; cloneVsGitClone: number | null };
  figures: FigureRow[];
}

/** One operation of one peer: `iteration` numbers the run, `head` is the commit it must arrive at. */
type Operation = (run: { iteration: number; head: string }) => Promise<void>;

interface Phase {
  name: PhaseName;
  title: string;
  count: number;
  /** Untimed work before each iteration (a new commit to fetch); returns the branch head. */
  before: (iteration: number) => Promise<string>;
  ops: Record<PeerName, Operation>;
}

const labels: TableLabels = { peer: 'git CLI', ratio: 'ratio (> 1: Flotilla better)' };
const titles: Record<PhaseName, string> = { poll: 'unchanged poll', fetch: 'fetch of a new commit', clone: 'first clone' };
const method = {
  repository: 'generated: one folder per bundle under bundles/ with fleet.yaml, deployment.yaml, service.yaml and a configmap.yaml of 12 KiB pseudo-random text; history commits each rewrite 20 configmaps; the bare repository is repacked before the run',
  server: 'test/support/git-server.ts in the benchmark process: a Node HTTP server on 127.0.0.1 running `git http-backend` per request (protocol v2), logging requests and body bytes each way',
  Flotilla: 'resolveRemote / fetchRevision of src/git called in the benchmark process (isomorphic-git, protocol v2 ls-refs, shallow depth-1 fetch, checkout written to a fresh folder)',
  'git CLI': '`git ls-remote URL refs/heads/main`; `git fetch --depth 1 origin main` then `git reset --hard FETCH_HEAD` in a shallow clone; `git clone --depth 1 --single-branch`; one process per command, machine configuration kept out',
  fairness: 'both peers talk to the same server and repository; in every iteration each peer runs once and the order alternates; each fetch iteration first commits a one-line change, then both peers fetch that same commit; warm-up operations are untimed',
};

export const gitBenchmark: Benchmark = {
  name: 'git',
  description: 'poll, fetch and clone of a generated repository by src/git, beside the git command line',
  addOptions(command: Command): Command {
    return command
      .option('--bundles <n>', 'bundle folders in the generated repository', positiveInteger, 200)
      .option('--history <n>', 'commits after the first, each rewriting 20 configmaps', wholeNumber, 10)
      .option('--polls <n>', 'timed polls of the unchanged repository per peer', positiveInteger, 50)
      .option('--fetches <n>', 'timed fetches of a new commit per peer', positiveInteger, 10)
      .option('--clones <n>', 'timed first clones per peer', positiveInteger, 5)
      .option('--warmup <n>', 'untimed operations of each kind per peer first', wholeNumber, 2);
  },
  run: (flags, context) => runGitBenchmark(parseOptions(flags), context),
};

function parseOptions(flags: OptionValues): GitBenchParameters {
  const n = (key: string) => Number(flags[key]);
  return Object.freeze({ bundles: n('bundles'), history: n('history'), polls: n('polls'), fetches: n('fetches'), clones: n('clones'), warmup: n('warmup') });
}

async function runGitBenchmark(options: GitBenchParameters, context: BenchContext): Promise<void> {
  const run = collectRunInfo({ repoRoot: context.repoRoot, now: context.now() });
  const work = await mkdtemp(join(tmpdir(), 'flotilla-bench-git-'));
  context.cleanup.defer(`remove ${work}`, () => rm(work, { recursive: true, force: true }));
  context.progress.say(`generating a repository of ${options.bundles} bundles and ${options.history} further commits`);
  const repo = await generateRepository(work, options);
  const server = await startGitServer({ root: join(work, 'server') });
  context.cleanup.defer('stop the git server', () => server.stop());
  const peers = await preparePeers(work, server.url('bench.git'));
  const measured = { flotilla: {} as PeerFigures, git: {} as PeerFigures };
  for (const phase of phases(options, { work, bare: repo.bare, url: server.url('bench.git'), peers })) {
    context.progress.say(`${phase.title}: ${options.warmup} warm-up and ${phase.count} timed operations per peer`);
    const figures = await measurePhase(phase, { server, warmup: options.warmup });
    measured.flotilla[phase.name] = figures.flotilla;
    measured.git[phase.name] = figures.git;
  }
  const { version: flotillaVersion } = JSON.parse(await readFile(join(context.repoRoot, 'package.json'), 'utf8')) as { version: string };
  const versions = { flotilla: flotillaVersion, git: (await git(['--version'])).replace(/^git version /, '') };
  const result = gitBenchResult({ run, parameters: options, repository: repo.stats, versions, ...measured });
  context.print(`\n${textTable(result.figures, labels)}\n`);
  const baseName = resultBaseName({ startedAt: run.startedAt, commit: run.commit, benchmark: 'git' });
  const paths = await writeResults({ dir: context.resultsDir, baseName, json: result, markdown: gitBenchMarkdown(result) });
  context.print(`\nresults: ${paths.json}\n         ${paths.markdown}\n`);
}

// ---- the repository ----

function bundleName(index: number): string {
  return `bundle-${String(index).padStart(3, '0')}`;
}

/** A Deployment whose `replicas` line is the one line a fetch iteration changes. */
function deploymentYaml(index: number, replicas: number): string {
  const name = bundleName(index);
  return [
    'apiVersion: apps/v1', 'kind: Deployment', `metadata:\n  name: ${name}\n  labels:\n    app: ${name}`,
    `spec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: ${name}`,
    `  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:`,
    `        - name: app\n          image: registry.example.com/${name}:1.${index}.0\n          ports:\n            - containerPort: 8080`,
    `          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n            limits: {cpu: 500m, memory: 256Mi}`,
  ].join('\n') + '\n';
}

function bundleFiles(index: number, generation: number): Record<string, string> {
  const name = bundleName(index);
  const settings = pseudoRandomText(`${name}-${generation}`, 12 * 1024).replace(/(.{76})/g, '$1\n    ');
  return {
    'fleet.yaml': `defaultNamespace: team-${index % 20}\nlabels:\n  app: ${name}\ntargetCustomizations:\n  - name: prod\n    clusterSelector:\n      matchLabels:\n        env: prod\n    yaml:\n      overlays: [prod]\n`,
    'deployment.yaml': deploymentYaml(index, 2),
    'service.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${name}\n  ports:\n    - port: 80\n      targetPort: 8080\n`,
    'configmap.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-settings\ndata:\n  settings: |\n    ${settings}\n`,
  };
}

const identity = { GIT_AUTHOR_NAME: 'Flotilla Bench', GIT_AUTHOR_EMAIL: 'bench@flotilla.invalid', GIT_COMMITTER_NAME: 'Flotilla Bench', GIT_COMMITTER_EMAIL: 'bench@flotilla.invalid' };

async function writeBundle(source: string, index: number, generation: number, only?: string): Promise<number> {
  let bytes = 0;
  for (const [file, content] of Object.entries(bundleFiles(index, generation))) {
    if (only && file !== only) continue;
    const path = join(source, 'bundles', bundleName(index), file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    bytes += Buffer.byteLength(content);
  }
  return bytes;
}

/** Writes the tree with the git CLI in a work tree (fast for thousands of files), then serves a repacked bare copy. */
async function generateRepository(work: string, options: GitBenchParameters): Promise<{ bare: string; stats: GitBenchResult['repository'] }> {
  const source = join(work, 'source');
  const bare = join(work, 'server', 'bench.git');
  let treeBytes = 0;
  for (let index = 0; index < options.bundles; index++) treeBytes += await writeBundle(source, index, 0);
  const run = (args: string[]) => git(args, { cwd: source, env: identity });
  await run(['init', '-q', '-b', 'main']);
  await run(['add', '-A']);
  await run(['commit', '-q', '-m', 'bundles']);
  for (let commit = 1; commit <= options.history; commit++) {
    for (let k = 0; k < Math.min(20, options.bundles); k++) await writeBundle(source, (commit * 7 + k) % options.bundles, commit, 'configmap.yaml');
    await run(['commit', '-q', '-a', '-m', `settings ${commit}`]);
  }
  await git(['clone', '-q', '--bare', '--no-local', source, bare]);
  await git(['repack', '-a', '-d', '-q'], { cwd: bare });
  const sizePack = /size-pack: (\d+)/.exec(await git(['count-objects', '-v'], { cwd: bare }))?.[1];
  return { bare, stats: { files: options.bundles * 4, treeBytes, packBytes: Number(sizePack ?? 0) * 1024, commits: options.history + 1 } };
}

// ---- the peers and their operations ----

interface PeerDirs {
  flotillaCache: string;
  gitClone: string;
}

/** The existing cache and shallow clone the fetch phase updates, made untimed. */
async function preparePeers(work: string, url: string): Promise<PeerDirs> {
  const dirs = { flotillaCache: join(work, 'flotilla-cache'), gitClone: join(work, 'git-clone') };
  await fetchRevision({ url, branch: 'main', dir: dirs.flotillaCache });
  await git(['clone', '-q', '--depth', '1', '--single-branch', '--branch', 'main', url, dirs.gitClone]);
  return dirs;
}

function expectCommit(peer: string, actual: string, expected: string): void {
  if (actual !== expected) throw new Error(`${peer} arrived at ${actual || 'nothing'}, expected ${expected}: the figures would not be of a working operation`);
}

function phases(options: GitBenchParameters, env: { work: string; bare: string; url: string; peers: PeerDirs }): Phase[] {
  const { url, peers } = env;
  const head = () => git(['rev-parse', 'refs/heads/main'], { cwd: env.bare });
  const oneLineChange = (iteration: number) => {
    const index = iteration % options.bundles;
    const path = `bundles/${bundleName(index)}/deployment.yaml`;
    return commitFiles(env.bare, { files: { [path]: deploymentYaml(index, 3 + iteration) }, message: `scale ${bundleName(index)}` });
  };
  const cloneDir = (peer: PeerName, iteration: number) => join(env.work, `clone-${peer}-${iteration}`);
  const clone = (peer: PeerName, op: (dir: string) => Promise<string>): Operation => async (run) => {
    const dir = cloneDir(peer, run.iteration);
    try {
      expectCommit(peer, await op(dir), run.head);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  return [
    {
      name: 'poll', title: titles.poll, count: options.polls, before: head,
      ops: {
        flotilla: async (run) => expectCommit('resolveRemote', await resolveRemote({ url, branch: 'main' }), run.head),
        git: async (run) => expectCommit('git ls-remote', (await git(['ls-remote', url, 'refs/heads/main'])).split('\t')[0] ?? '', run.head),
      },
    },
    {
      name: 'fetch', title: titles.fetch, count: options.fetches, before: oneLineChange,
      ops: {
        flotilla: async (run) => expectCommit('fetchRevision', (await fetchRevision({ url, branch: 'main', dir: peers.flotillaCache })).commit, run.head),
        git: async (run) => {
          await git(['fetch', '-q', '--depth', '1', 'origin', 'main'], { cwd: peers.gitClone });
          await git(['reset', '-q', '--hard', 'FETCH_HEAD'], { cwd: peers.gitClone });
          expectCommit('git fetch', await git(['rev-parse', 'HEAD'], { cwd: peers.gitClone }), run.head);
        },
      },
    },
    {
      name: 'clone', title: titles.clone, count: options.clones, before: head,
      ops: {
        flotilla: clone('flotilla', async (dir) => (await fetchRevision({ url, branch: 'main', dir })).commit),
        git: clone('git', async (dir) => {
          await git(['clone', '-q', '--depth', '1', '--single-branch', '--branch', 'main', url, dir]);
          return git(['rev-parse', 'HEAD'], { cwd: dir });
        }),
      },
    },
  ];
}

// ---- measuring ----

interface Samples {
  wallMs: number[];
  requests: number;
  requestBytes: number;
  responseBytes: number;
}

async function measurePhase(phase: Phase, env: { server: GitServer; warmup: number }): Promise<Record<PeerName, OperationFigures>> {
  const peers: PeerName[] = ['flotilla', 'git'];
  const samples = peers.map((): Samples => ({ wallMs: [], requests: 0, requestBytes: 0, responseBytes: 0 }));
  // Warm-up iterations come first and use their own numbers, so every directory name is fresh.
  for (let iteration = 0; iteration < env.warmup + phase.count; iteration++) {
    const timed = iteration >= env.warmup;
    const head = await phase.before(iteration);
    for (const peer of turnOrder(peers.length, iteration)) {
      const name = peers[peer] as PeerName;
      env.server.clearRequests();
      const started = performance.now();
      await phase.ops[name]({ iteration, head });
      const wallMs = performance.now() - started;
      if (!timed) continue;
      const totals = env.server.totals();
      const sample = samples[peer] as Samples;
      sample.wallMs.push(wallMs);
      sample.requests += totals.requests;
      sample.requestBytes += totals.requestBytes;
      sample.responseBytes += totals.responseBytes;
    }
  }
  const figures = (sample: Samples): OperationFigures => ({
    wallMs: summarize(sample.wallMs),
    requests: sample.requests / phase.count,
    requestBytes: sample.requestBytes / phase.count,
    responseBytes: sample.responseBytes / phase.count,
  });
  return { flotilla: figures(samples[0] as Samples), git: figures(samples[1] as Samples) };
}

// ---- reporting ----

export function gitBenchFigures(flotilla: PeerFigures, peer: PeerFigures): FigureRow[] {
  return (['poll', 'fetch', 'clone'] as const).flatMap((phase) => {
    const row = (what: string, unit: string, pick: (f: OperationFigures) => number) =>
      figureRow({ figure: `${titles[phase]}: ${what}`, unit, better: 'lower', flotilla: pick(flotilla[phase]), peer: pick(peer[phase]) });
    return [
      row('wall time p50', 'ms', (f) => f.wallMs.p50),
      row('wall time p99', 'ms', (f) => f.wallMs.p99),
      row('requests', 'per op', (f) => f.requests),
      row('bytes from server', 'KiB per op', (f) => f.responseBytes / 1024),
      row('bytes to server', 'KiB per op', (f) => f.requestBytes / 1024),
    ];
  });
}

export function gitBenchResult(input: Omit<GitBenchResult, 'benchmark' | 'method' | 'ratios' | 'figures'>): GitBenchResult {
  const figures = gitBenchFigures(input.flotilla, input.git);
  const ratioOf = (phase: PhaseName) => figures.find((f) => f.figure === `${titles[phase]}: wall time p50`)?.ratio ?? null;
  return {
    benchmark: 'git',
    ...input,
    method,
    ratios: { pollVsLsRemote: ratioOf('poll'), fetchVsGitFetch: ratioOf('fetch'), cloneVsGitClone: ratioOf('clone') },
    figures,
  };
}

export function gitBenchMarkdown(result: GitBenchResult): string {
  const { run, parameters: p, repository: r } = result;
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const poll = result.ratios.pollVsLsRemote;
  const target = poll === null ? 'not measured' : `${poll >= 1 / 1.2 ? 'met' : 'not met'} (ratio ${poll.toFixed(2)}, at least 0.83 needed)`;
  return [
    `# git benchmark, ${run.startedAt.slice(0, 10)} at ${run.commit}${run.dirty ? ' (uncommitted changes)' : ''}`,
    '',
    `${run.cores} cores (${run.cpuModel}), ${run.totalMemoryMiB} MiB, load average ${run.loadAverageAtStart} at the start, Node ${run.node}, ${run.platform}. Flotilla ${result.versions.flotilla}; git ${result.versions.git}.`,
    '',
    `Repository: ${p.bundles} bundles, ${r.files} files, ${mib(r.treeBytes)} MiB of files at the head, ${r.commits} commits, ${mib(r.packBytes)} MiB packed. ${p.polls} polls, ${p.fetches} fetches and ${p.clones} clones timed per peer after ${p.warmup} untimed of each. A ratio above 1 means Flotilla did better (git's figure over Flotilla's).`,
    '',
    markdownTable(result.figures, labels),
    '',
    `Issue 11 target "an unchanged poll within 1.2× of git ls-remote": ${target}.`,
    '',
    ...Object.entries(result.method).map(([what, how]) => `- ${what}: ${how}`),
  ].join('\n');
}
