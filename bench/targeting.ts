/**
 * `npm run bench -- targeting`: target resolution and BundleDeployment writes at scale.
 * Resolution: `--bundles` Bundles (selectors of every form: labels, expressions, names,
 * groups) over 10,000 and 100,000 Clusters as plain data, resolved by `resolveTargets`
 * through the ClusterIndex, beside the same function over a plain list (a nested loop over
 * every bundle and cluster) in the same run; both must agree. It also times a relabel's
 * incremental re-evaluation and measures memory per Cluster. Writes: the controller
 * in-process against a real embedded hub holding `--write-clusters` Clusters as hub
 * objects; it times until every BundleDeployment exists, then a full re-resolution that
 * must write nothing, and measures memory per BundleDeployment as the hub returns them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { KubeConfig } from '@kubernetes/client-node';
import type { Command, OptionValues } from 'commander';
import { pino } from 'pino';
import { API_VERSION } from '../src/api/group.js';
import type { KubeObject } from '../src/api/meta.js';
import { ApiServer } from '../src/apiserver/index.js';
import { bootstrapHub } from '../src/controller/bootstrap/index.js';
import { runBatched, startTargeting, type RunningTargeting } from '../src/controller/targeting/index.js';
import { systemClock } from '../src/kube/clock.js';
import { withoutManagedFields } from '../src/kube/informer.js';
import { ObjectClient } from '../src/kube/object-client.js';
import { BundleReferenceIndex, ClusterIndex, bundleMatchers, resolveTargets, type BundleResolution, type TargetBundle, type TargetCluster, type TargetGroup } from '../src/targeting/index.js';
import { positiveInteger, type BenchContext, type Benchmark } from './benchmark.js';
import { figureRow, type FigureRow } from './report/figures.js';
import { resultBaseName, writeResults } from './report/results-file.js';
import { collectRunInfo } from './report/run-info.js';
import { markdownTable, textTable } from './report/table.js';

interface TargetingOptions {
  clusters: number[];
  bundles: number;
  writeClusters: number;
}

const WS = 'fleet-default';
const REGIONS = 20;
const ZONES = 100;
const labels = { peer: 'nested loop', ratio: 'ratio (> 1: index faster)' };

export const targetingBenchmark: Benchmark = {
  name: 'targeting',
  description: 'target resolution (index vs nested loop) at 10k and 100k clusters, and BundleDeployment writes against a real hub',
  addOptions(command: Command): Command {
    return command
      .option('--clusters <list>', 'cluster counts for resolution, comma-separated', (v) => v.split(',').map(positiveInteger), [10_000, 100_000])
      .option('--bundles <n>', 'bundles', positiveInteger, 100)
      .option('--write-clusters <n>', 'Clusters on the hub for the write phase (0 skips it)', (v) => (v === '0' ? 0 : positiveInteger(v)), 10_000);
  },
  run: (flags, context) => runTargeting(parseOptions(flags), context),
};

function parseOptions(flags: OptionValues): TargetingOptions {
  return Object.freeze({ clusters: flags['clusters'] as number[], bundles: Number(flags['bundles']), writeClusters: Number(flags['writeClusters']) });
}

/** Deterministic cluster labels: env, region, zone (one zone per ~1% of clusters), tier and a per-cluster id. */
function clusterLabels(i: number): Record<string, string> {
  return { env: ['prod', 'staging', 'dev'][i % 3] as string, region: `r${i % REGIONS}`, zone: `z${i % ZONES}`, tier: String(i % 10), id: `c${i}` };
}

function makeClusters(n: number): TargetCluster[] {
  return Array.from({ length: n }, (_, i) => ({ name: `c-${i}`, namespace: WS, labels: clusterLabels(i) }));
}

const GROUPS: TargetGroup[] = Array.from({ length: REGIONS }, (_, r) => ({ name: `region-${r}`, namespace: WS, labels: { kind: 'region' }, selector: { matchLabels: { region: `r${r}` } } }));

/** Bundles cycling through every selector form; each reaches about 1% of clusters (one zone) or a few named ones. */
function makeBundles(n: number): TargetBundle[] {
  return Array.from({ length: n }, (_, b): TargetBundle => {
    const zone = `z${b % ZONES}`;
    const forms: TargetBundle['targets'][] = [
      [{ name: 'zone', clusterSelector: { matchLabels: { zone } } }],
      [{ name: 'expr', clusterSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: [zone] }, { key: 'env', operator: 'NotIn', values: ['none'] }] } }],
      [{ name: 'group', clusterGroup: `region-${b % REGIONS}`, clusterSelector: { matchLabels: { zone } } }],
      [{ name: 'names', clusterName: `c-${b}` }, { name: 'zone', clusterSelector: { matchLabels: { zone }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }],
      [{ name: 'groups', clusterGroupSelector: { matchLabels: { kind: 'region' } }, clusterSelector: { matchLabels: { zone } } }],
    ];
    return { name: `bundle-${b}`, namespace: WS, targets: forms[b % forms.length] ?? [], defaultNamespace: `app-${b}` };
  });
}

function targetedPairs(resolutions: readonly BundleResolution[]): number {
  return resolutions.reduce((sum, r) => sum + r.decisions.filter((d) => d.targeted).length, 0);
}

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

interface ResolutionFigures {
  clusters: number;
  indexBuildMs: number;
  indexedMs: number;
  nestedMs: number;
  pairs: number;
  bytesPerCluster: number;
  relabelMs: number;
  bundlesPerRelabel: number;
}

function measureResolution(n: number, bundles: readonly TargetBundle[], context: BenchContext): ResolutionFigures {
  context.progress.say(`resolution at ${n.toLocaleString('en-US')} clusters`);
  const before = heapAfterGc();
  const clusters = makeClusters(n);
  const built = timed(() => new ClusterIndex(clusters));
  const bytesPerCluster = (heapAfterGc() - before) / n;
  const indexed = timed(() => resolveTargets({ bundles, clusters: built.value, groups: GROUPS }));
  const nested = timed(() => resolveTargets({ bundles, clusters, groups: GROUPS }));
  const pairs = targetedPairs(indexed.value);
  if (pairs !== targetedPairs(nested.value)) throw new Error(`index and nested loop disagree: ${pairs} vs ${targetedPairs(nested.value)} targeted pairs`);
  const references = new BundleReferenceIndex();
  for (const b of bundles) references.set(`${b.namespace}/${b.name}`, bundleMatchers(b));
  const before0 = clusters[0] as TargetCluster;
  // A label few bundles read (only the NotIn expressions refer to env): the others are not re-evaluated.
  const after0: TargetCluster = { ...before0, labels: { ...before0.labels, env: 'canary' } };
  const relabel = timed(() => {
    built.value.upsert(after0);
    const affected = references.affectedBundles({ before: before0, after: after0 }, GROUPS);
    const keys = new Set(affected);
    resolveTargets({ bundles: bundles.filter((b) => keys.has(`${b.namespace}/${b.name}`)), clusters: built.value, groups: GROUPS });
    return affected.length;
  });
  return { clusters: n, indexBuildMs: built.ms, indexedMs: indexed.ms, nestedMs: nested.ms, pairs, bytesPerCluster, relabelMs: relabel.ms, bundlesPerRelabel: relabel.value };
}

interface WriteFigures {
  clusters: number;
  bundleDeployments: number;
  clusterSetupMs: number;
  writeMs: number;
  perSecond: number;
  resyncMs: number;
  resyncWrites: number;
  bytesPerBundleDeployment: number;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the controller');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function clusterObject(i: number): KubeObject {
  return { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: `c-${i}`, namespace: WS, labels: clusterLabels(i) }, spec: {} };
}

function bundleObject(b: TargetBundle): KubeObject {
  const { name, namespace, ...spec } = b;
  return { apiVersion: API_VERSION, kind: 'Bundle', metadata: { name, namespace }, spec: { ...spec, resources: [{ name: 'cm.yaml', content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n` }] } };
}

async function measureWrites(options: TargetingOptions, bundles: readonly TargetBundle[], context: BenchContext): Promise<WriteFigures> {
  const n = options.writeClusters;
  const logger = pino({ level: 'silent' });
  const dataDir = await mkdtemp(join(tmpdir(), 'flotilla-bench-targeting-'));
  context.cleanup.defer(`remove ${dataDir}`, () => rm(dataDir, { recursive: true, force: true }));
  const server = await ApiServer.start({ dataDir, logger });
  const kc = new KubeConfig();
  kc.loadFromString(server.kubeconfig());
  const client = await ObjectClient.create(kc);
  const started: { controller?: RunningTargeting } = {};
  // The hub goes first: its open watches then end from its side, and the informers stop retrying when stopped.
  context.cleanup.defer('stop the hub and the controller', async () => {
    await server.stop();
    await started.controller?.stop();
    client.close();
  });
  const clock = systemClock();
  await bootstrapHub({ client, clock, logger });
  await client.create({ apiVersion: API_VERSION, kind: 'ClusterGroup', metadata: { name: 'all', namespace: WS }, spec: { selector: {} } });
  for (const g of GROUPS) await client.create({ apiVersion: API_VERSION, kind: 'ClusterGroup', metadata: { name: g.name, namespace: WS, labels: g.labels }, spec: { selector: g.selector } });
  const controller = await startTargeting({ client, clock, logger });
  started.controller = controller;
  context.progress.say(`creating ${n.toLocaleString('en-US')} Clusters on the hub`);
  const setup = performance.now();
  const failed = await runBatched(Array.from({ length: n }, (_, i) => i), 32, async (i) => void (await client.create(clusterObject(i))));
  if (failed.length > 0) throw failed[0]?.error;
  const namespaces = controller.caches.clusterNamespaces.cache;
  await until(() => namespaces.list().length >= n, 600_000);
  const clusterSetupMs = performance.now() - setup;
  const expected = targetedPairs(resolveTargets({ bundles, clusters: makeClusters(n), groups: GROUPS }));
  context.progress.say(`writing ${expected.toLocaleString('en-US')} BundleDeployments for ${bundles.length} Bundles`);
  const deployments = controller.caches.deployments.cache;
  const start = performance.now();
  for (const b of bundles) await client.create(bundleObject(b));
  await until(() => deployments.list().length >= expected, 600_000);
  const writeMs = performance.now() - start;
  let updates = 0;
  const off = controller.caches.deployments.on({ add: () => updates++, update: () => updates++, delete: () => updates++ });
  const resync = performance.now();
  controller.targeting.trigger(bundles.map((b) => `${b.namespace}/${b.name}`));
  await until(() => controller.caches.bundles.cache.list().every((b) => b.status?.summary?.desiredReady !== undefined), 600_000);
  await new Promise((r) => setTimeout(r, 1000));
  off();
  const resyncMs = performance.now() - resync;
  const before = heapAfterGc();
  // What the targeting cache keeps: the objects as listed, without their managedFields.
  const held = (await client.listAll({ apiVersion: API_VERSION, kind: 'BundleDeployment' })).items.map(withoutManagedFields);
  const bytesPerBundleDeployment = (heapAfterGc() - before) / Math.max(held.length, 1);
  return { clusters: n, bundleDeployments: held.length, clusterSetupMs, writeMs, perSecond: (expected / writeMs) * 1000, resyncMs, resyncWrites: updates, bytesPerBundleDeployment };
}

function resolutionRows(r: ResolutionFigures): FigureRow[] {
  const at = `${r.clusters.toLocaleString('en-US')} clusters`;
  return [figureRow({ figure: `resolve all bundles, ${at}`, unit: 'ms', better: 'lower', flotilla: r.indexedMs, peer: r.nestedMs })];
}

function report(resolution: readonly ResolutionFigures[], writes: WriteFigures | undefined): string {
  const lines = ['Resolution (index vs nested loop, same selectors, same run):', textTable(resolution.flatMap(resolutionRows), labels), ''];
  for (const r of resolution)
    lines.push(
      `${r.clusters.toLocaleString('en-US')} clusters: ${r.pairs.toLocaleString('en-US')} targeted pairs, index built in ${r.indexBuildMs.toFixed(0)} ms, ` +
        `${r.bytesPerCluster.toFixed(0)} bytes per cluster (data + index), a relabel re-evaluates ${r.bundlesPerRelabel} of the bundles in ${r.relabelMs.toFixed(2)} ms`,
    );
  if (writes)
    lines.push(
      '',
      `Writes on a real hub with ${writes.clusters.toLocaleString('en-US')} Clusters: ${writes.bundleDeployments.toLocaleString('en-US')} BundleDeployments in ${(writes.writeMs / 1000).toFixed(1)} s ` +
        `(${writes.perSecond.toFixed(0)}/s); Clusters and their namespaces set up in ${(writes.clusterSetupMs / 1000).toFixed(1)} s; ` +
        `a full re-resolution wrote ${writes.resyncWrites} objects; ${writes.bytesPerBundleDeployment.toFixed(0)} bytes per BundleDeployment as the targeting cache holds it (managedFields dropped)`,
    );
  return `${lines.join('\n')}\n`;
}

async function runTargeting(options: TargetingOptions, context: BenchContext): Promise<void> {
  const run = collectRunInfo({ repoRoot: context.repoRoot, now: context.now() });
  const bundles = makeBundles(options.bundles);
  const resolution = options.clusters.map((n) => measureResolution(n, bundles, context));
  const writes = options.writeClusters > 0 ? await measureWrites(options, bundles, context) : undefined;
  const text = report(resolution, writes);
  context.print(text);
  const markdown = `# targeting\n\n${markdownTable(resolution.flatMap(resolutionRows), labels)}\n\n\`\`\`\n${text}\`\`\`\n`;
  const written = await writeResults({ dir: context.resultsDir, baseName: resultBaseName({ startedAt: run.startedAt, commit: run.commit, benchmark: 'targeting' }), json: { run, options, resolution, writes }, markdown });
  context.print(`results: ${written.json}\n`);
}
