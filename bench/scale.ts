/**
 * `npm run bench -- scale --clusters N --bundles B`: a real hub (API server and controller,
 * separate processes), N member clusters served as logical clusters of member API server
 * processes, and their N agents in agent host processes (`flotilla agent --simulate`, up to
 * `--agents-per-host` each), registered with a token. How many member API servers and agent
 * hosts is planned by file descriptors against the per-process hard limit (scale/scale-plan.ts),
 * printed first, and a run whose hub would pass that limit is refused before anything starts;
 * a resource watch prints RSS and descriptors per process and stops the run before the
 * machine runs out of memory. B bundles pushed through a real git
 * smart-HTTP server. It times push → every BundleDeployment Ready, a one-line change to one
 * bundle (with the push webhook) and a relabel moving a tenth of the clusters, reads the
 * hub's requests and bytes per cluster at rest, memory and CPU per process from /proc, and
 * measures the peer ratios in the same run (bench/scale/peer-ratios.ts,
 * agent-apply-peer.ts). Results go to bench/results/<date>-<commit>-scale-<clusters>x<bundles>.{json,md}.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command, OptionValues } from 'commander';
import { pino } from 'pino';
import { positiveInteger, type BenchContext, type Benchmark } from './benchmark.js';
import { resultBaseName, writeResults } from './report/results-file.js';
import { collectRunInfo } from './report/run-info.js';
import { compareAgentApply } from './scale/agent-apply-peer.js';
import { DeploymentWatch } from './scale/deployment-watch.js';
import { between, HubMetrics } from './scale/hub-metrics.js';
import { hubWritesVsEtcd, pollVsLsRemote, resolutionVsNestedLoop } from './scale/peer-ratios.js';
import { cpuBetween, readGroup, type GroupReading } from './scale/process-group.js';
import { changeRollout, pushRollout, relabelRollout, type RolloutEnv } from './scale/rollouts.js';
import { liveHeapGrowth, scaleMarkdown, scaleResult, scaleText, type AtRest, type Memory, type ScaleMeasurements, type ScaleParameters } from './scale/scale-result.js';
import { liveHeapBytes } from './scale/live-heap.js';
import { processOpenFileLimit } from './scale/open-file-limit.js';
import { describePlan, descriptorCosts, planScaleRun, type ScalePlan } from './scale/scale-plan.js';
import { Duration } from '../src/kube/duration.js';
import { PartialResults } from './scale/partial-results.js';
import { joinAgents, scaleClusters, startScaleSession, unlessDied, type ScaleSession } from './scale/scale-session.js';

export interface ScaleOptions extends Omit<ScaleParameters, 'agentHosts' | 'memberServers'> {
  timeoutSeconds: number;
  /** The agents' --heartbeat-interval, when set (fewer descriptors on the hub when longer than an idle connection lives). */
  heartbeatInterval: string | undefined;
  /** Where the controller's heap snapshots are kept (moved) after they are measured; undefined: deleted. */
  keepHeapSnapshots: string | undefined;
  /** Where every process's output is kept (`<label>.log`); undefined: only the last lines, for errors. */
  keepLogs: string | undefined;
  minAvailableMib: number;
  etcdObjects: number;
  applyObjects: number;
  applyRounds: number;
  polls: number;
  resolutionClusters: number;
  resolutionBundles: number;
}

const fraction = (value: string) => {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new Error(`"${value}" is not a fraction in (0, 1]`);
  return n;
};

export const scaleBenchmark: Benchmark = {
  name: 'scale',
  description: 'N member clusters with their agents on one hub: push, change and relabel to Ready, hub cost at rest, memory and CPU, and the peer ratios',
  addOptions(command: Command): Command {
    return command
      .option('--clusters <n>', 'member clusters, each with its own agent', positiveInteger, 50)
      .option('--bundles <n>', 'bundles in the git repository, each reaching every cluster', positiveInteger, 50)
      .option('--agents-per-host <n>', 'agents per agent host process', positiveInteger, 250)
      .option('--rest-seconds <n>', 'quiet period over which hub requests at rest are counted', positiveInteger, 60)
      .option('--relabel-fraction <f>', 'fraction of clusters the relabel moves', fraction, 0.1)
      .option('--heartbeat-interval <duration>', 'the agents\' heartbeat interval (default: the agent\'s own); above 30s the hub holds only each agent\'s watch between beats')
      .option('--keep-heap-snapshots <dir>', 'keep the controller\'s heap snapshots (start, after the push, after the rest period) in this directory to read in DevTools')
      .option('--keep-logs <dir>', 'keep the output of every process (hub, controller, members, agent hosts) in this directory, one <label>.log each')
      .option('--min-available-mib <n>', 'stop the run when the machine has less memory available than this', positiveInteger, 1024)
      .option('--timeout-seconds <n>', 'longest wait for registration or any rollout', positiveInteger, 1800)
      .option('--etcd-objects <n>', 'creates per peer for hubWritesVsEtcd', positiveInteger, 1000)
      .option('--apply-objects <n>', 'objects in the agentApplyVsKubectl bundle', positiveInteger, 500)
      .option('--apply-rounds <n>', 'timed applies per peer for agentApplyVsKubectl', positiveInteger, 3)
      .option('--polls <n>', 'timed polls per peer for pollVsLsRemote', positiveInteger, 20)
      .option('--resolution-clusters <n>', 'clusters for resolutionVsNestedLoop', positiveInteger, 10_000)
      .option('--resolution-bundles <n>', 'bundles for resolutionVsNestedLoop', positiveInteger, 100);
  },
  run: (flags, context) => runScale(parseOptions(flags), context),
};

function parseOptions(flags: OptionValues): ScaleOptions {
  const n = (key: string) => Number(flags[key]);
  return Object.freeze({
    clusters: n('clusters'),
    bundles: n('bundles'),
    agentsPerHost: n('agentsPerHost'),
    restSeconds: n('restSeconds'),
    relabelFraction: n('relabelFraction'),
    timeoutSeconds: n('timeoutSeconds'),
    heartbeatInterval: typeof flags.heartbeatInterval === 'string' ? flags.heartbeatInterval : undefined,
    keepHeapSnapshots: typeof flags.keepHeapSnapshots === 'string' ? flags.keepHeapSnapshots : undefined,
    keepLogs: typeof flags.keepLogs === 'string' ? flags.keepLogs : undefined,
    minAvailableMib: n('minAvailableMib'),
    etcdObjects: n('etcdObjects'),
    applyObjects: n('applyObjects'),
    applyRounds: n('applyRounds'),
    polls: n('polls'),
    resolutionClusters: n('resolutionClusters'),
    resolutionBundles: n('resolutionBundles'),
  });
}

/** The ratios that need no agents, measured while the hub and member are still idle. */
async function idlePeers(options: ScaleOptions, context: BenchContext, session: ScaleSession) {
  context.progress.say(`agentApplyVsKubectl: ${options.applyObjects} objects, ${options.applyRounds} rounds`);
  const agentApply = await compareAgentApply({ memberKubeconfig: session.applyBenchKubeconfig, workDir: session.workDir, objects: options.applyObjects, rounds: options.applyRounds });
  context.progress.say(`hubWritesVsEtcd: ${options.etcdObjects} creates per peer`);
  const hubWrites = await hubWritesVsEtcd(context, { workDir: join(session.workDir, 'writes'), objects: options.etcdObjects });
  context.progress.say(`resolutionVsNestedLoop: ${options.resolutionClusters} clusters × ${options.resolutionBundles} bundles`);
  const resolution = resolutionVsNestedLoop({ clusters: options.resolutionClusters, bundles: options.resolutionBundles });
  return { agentApply, hubWrites, resolution };
}

async function measureAtRest(metrics: HubMetrics, options: ScaleOptions, context: BenchContext): Promise<AtRest> {
  context.progress.say(`at rest: counting hub requests for ${options.restSeconds} s`);
  const before = await metrics.read();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, options.restSeconds * 1000));
  const after = await metrics.read();
  const perClusterMinute = 60_000 / (performance.now() - started) / options.clusters;
  const delta = between(before, after);
  return {
    seconds: options.restSeconds,
    requestsPerClusterPerMinute: delta.requests * perClusterMinute,
    requestBytesPerClusterPerMinute: delta.requestBytes * perClusterMinute,
    responseBytesPerClusterPerMinute: delta.responseBytes * perClusterMinute,
    byVerb: delta.byVerb,
    byResource: delta.byResource,
  };
}

/** The controller's live heap (live-heap.ts), or undefined with a warning: a figure beside the resident growth, never a reason to lose the run. */
async function controllerLiveHeap(session: ScaleSession, context: BenchContext, keepIn: string | undefined): Promise<number | undefined> {
  try {
    return await liveHeapBytes({ pid: session.controller.child.pid, dir: session.controller.diagnosticDir, ...(keepIn ? { keepIn } : {}) });
  } catch (err) {
    context.progress.warn(`controller live heap not measured: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** Every agent joined, with the rate, the hub requests and the CPU it took (kept in the partial results). */
async function registration(options: ScaleOptions, context: BenchContext, session: ScaleSession, at: { baseline: GroupReading; hubMetrics: HubMetrics }) {
  const requestsBefore = await at.hubMetrics.read();
  const ms = await joinAgents(context, session, { timeoutMs: options.timeoutSeconds * 1000, ...(options.heartbeatInterval ? { heartbeatInterval: options.heartbeatInterval } : {}) });
  await session.resources.check({ say: true });
  const requests = between(requestsBefore, await at.hubMetrics.read());
  const cpuSeconds = cpuBetween(at.baseline, await readGroup(session.processes()));
  return { ms, perSecond: options.clusters / (ms / 1000), hubRequests: requests.requests, hubRequestsByResource: requests.byResource, cpuSeconds };
}

async function measure(options: ScaleOptions, context: BenchContext, session: ScaleSession, partial: PartialResults): Promise<ScaleMeasurements> {
  const peers = await partial.record('peers', idlePeers(options, context, session));
  const heapBefore = await controllerLiveHeap(session, context, options.keepHeapSnapshots);
  const baseline = await readGroup(session.processes());
  const hubMetrics = new HubMetrics(session.hub.kubeconfig);
  context.cleanup.defer('close the metrics client', () => hubMetrics.close());
  const registrationMs = await partial.record('registration', registration(options, context, session, { baseline, hubMetrics })).then((r) => r.ms);
  const watch = new DeploymentWatch({ hub: session.hubClient, logger: pino({ level: 'silent' }), now: () => performance.now() });
  context.cleanup.defer('stop the BundleDeployment watch', () => watch.stop());
  await watch.start();
  const env: RolloutEnv = { session, watch, progress: context.progress, hubMetrics, timeoutMs: options.timeoutSeconds * 1000 };
  context.progress.say(`push: ${options.bundles} bundles to ${options.clusters} clusters`);
  const push = await partial.record('push', pushRollout(env, options));
  const afterPush = await readGroup(session.processes());
  const heapAfter = heapBefore === undefined ? undefined : await controllerLiveHeap(session, context, options.keepHeapSnapshots);
  const growth = (pick: (r: typeof baseline) => number) => Math.max(0, pick(afterPush) - pick(baseline)) / options.clusters;
  const memory: Memory = await partial.record('memory', {
    hubBytes: afterPush.resident.hub,
    controllerBytes: afterPush.resident.controller,
    memberBytes: afterPush.resident.member,
    agentHostBytes: afterPush.resident.agents,
    hubBytesPerCluster: growth((r) => r.resident.hub),
    controllerBytesPerCluster: growth((r) => r.resident.controller),
    ...(heapBefore !== undefined && heapAfter !== undefined
      ? { controllerLiveHeap: liveHeapGrowth({ beforeBytes: heapBefore, afterBytes: heapAfter, clusters: options.clusters, bundles: options.bundles }) }
      : {}),
  });
  context.progress.say(`pollVsLsRemote: ${options.polls} polls per peer`);
  const poll = await partial.record('poll', pollVsLsRemote({ url: session.repo.url, polls: options.polls, head: await session.repo.head() }));
  const atRest = await partial.record('atRest', unlessDied(session, measureAtRest(hubMetrics, options, context)));
  const heapAtRest = heapBefore === undefined ? undefined : await controllerLiveHeap(session, context, options.keepHeapSnapshots);
  if (heapBefore !== undefined && heapAtRest !== undefined) {
    memory.controllerLiveHeapAtRest = liveHeapGrowth({ beforeBytes: heapBefore, afterBytes: heapAtRest, clusters: options.clusters, bundles: options.bundles });
  }
  context.progress.say('one-line change to one bundle, with the push webhook');
  const change = await partial.record('change', changeRollout(env, options));
  context.progress.say(`relabel: moving ${Math.round(options.relabelFraction * 100)}% of the clusters to track=canary`);
  const relabel = await partial.record('relabel', relabelRollout(env, { clusters: await scaleClusters(session), fraction: options.relabelFraction, bundles: options.bundles }));
  await session.resources.check({ say: true });
  const processPeaks = [...session.resources.peaks.values()].map(({ role, residentBytes, descriptors, agents }) => ({ role, residentBytes, descriptors, ...(agents ? { agents } : {}) }));
  return { registrationMs, push, change, relabel, atRest, memory, peers: { ...peers, poll }, processPeaks };
}

/** The processes the run needs so none passes the open-file hard limit; refuses (naming it) when even the hub would. */
async function planProcesses(options: ScaleOptions, context: BenchContext): Promise<ScalePlan> {
  const heartbeatMs = options.heartbeatInterval ? Duration.parse(options.heartbeatInterval).toMilliseconds() : 15_000;
  const outcome = planScaleRun({ clusters: options.clusters, agentsPerHost: options.agentsPerHost, hardLimit: await processOpenFileLimit(), budgetShare: 0.75, costs: descriptorCosts({ heartbeatMs }) });
  if (!outcome.ok) throw new Error(outcome.reason);
  context.progress.say(describePlan(outcome.plan));
  return outcome.plan;
}

async function runScale(options: ScaleOptions, context: BenchContext): Promise<void> {
  const plan = await planProcesses(options, context);
  const run = collectRunInfo({ repoRoot: context.repoRoot, now: context.now() });
  const workDir = await mkdtemp(join(tmpdir(), 'flotilla-bench-scale-'));
  context.cleanup.defer(`remove ${workDir}`, () => rm(workDir, { recursive: true, force: true }));
  context.progress.say(`temporary directory ${workDir} (removed at the end)`);
  // The size is in the name: runs of two sizes at one commit keep both files.
  const baseName = resultBaseName({ startedAt: run.startedAt, commit: run.commit, benchmark: `scale-${options.clusters}x${options.bundles}` });
  const partial = new PartialResults({ dir: context.resultsDir, baseName, header: { run, options } });
  context.progress.say(`figures so far are kept in ${partial.path} as each phase completes`);
  const session = await startScaleSession(context, { workDir, clusters: options.clusters, plan, memoryFloorBytes: options.minAvailableMib * 1024 * 1024, ...(options.keepLogs ? { logDir: options.keepLogs } : {}) });
  const measurements = await measure(options, context, session, partial);
  const parameters: ScaleParameters = {
    clusters: options.clusters,
    bundles: options.bundles,
    agentsPerHost: options.agentsPerHost,
    agentHosts: session.agentHosts.length,
    memberServers: session.members.length,
    restSeconds: options.restSeconds,
    relabelFraction: options.relabelFraction,
  };
  const result = scaleResult({ run, parameters, measurements });
  context.print(`\n${scaleText(result)}\n`);
  const paths = await writeResults({ dir: context.resultsDir, baseName, json: result, markdown: scaleMarkdown(result) });
  await partial.discard();
  context.print(`\nresults: ${paths.json}\n         ${paths.markdown}\n`);
}
