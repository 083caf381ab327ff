/**
 * Brings up a scale run's world, in order: a git smart-HTTP server with the (empty) scale
 * repository, the member API servers the process plan asks for (scale-plan.ts), each with its
 * share of the members as logical clusters (the first also one for the apply comparison), the
 * hub API server and the controller, then — once `joinAgents` is called — a registration token
 * and the agent hosts of the plan, waiting until every Cluster has heartbeated on the hub. A
 * resource watch reads every process's memory and descriptors meanwhile, and ends the run
 * (as a process's death does) before the machine runs out of memory. Everything registers its
 * stop on the context's cleanup stack.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Cluster } from '../../src/api/cluster.js';
import { API_VERSION } from '../../src/api/group.js';
import { WORKSPACE_DEFAULT } from '../../src/api/names.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { ObjectClient } from '../../src/kube/object-client.js';
import { startGitServer, type GitServer } from '../../test/support/git-server.js';
import type { BenchContext } from '../benchmark.js';
import { pino } from 'pino';
import type { RunningChild } from '../support/child-process.js';
import { ClusterWatch, hasJoined } from './cluster-watch.js';
import type { ProcessGroup } from './process-group.js';
import { ResourceWatch, type WatchedProcess } from './resource-watch.js';
import type { ScalePlan } from './scale-plan.js';
import { createRegistrationToken, startAgentHosts, startApiServerProcess, startControllerProcess, type ApiServerProcess, type ControllerProcess, type ProcessSpec } from './scale-processes.js';
import { SCALE_LABEL, ScaleRepo, TRACK_LABEL } from './scale-repo.js';

export const APPLY_BENCH_CLUSTER = 'apply-bench';

export interface ScaleSession {
  workDir: string;
  /** Where the processes' output is kept, when asked (`--keep-logs`). */
  logDir: string | undefined;
  git: GitServer;
  repo: ScaleRepo;
  /** The member API servers, each serving its share of `memberNames` as logical clusters. */
  members: ApiServerProcess[];
  /** A member's kubeconfig, on the member API server that serves it. */
  memberKubeconfig(member: string): string;
  /** The logical cluster the apply comparison applies to. */
  applyBenchKubeconfig: string;
  hub: ApiServerProcess;
  controller: ControllerProcess;
  /** The admin client of the hub. */
  hubClient: ObjectClient;
  memberNames: readonly string[];
  agentHosts: RunningChild[];
  /** Agents in each host, in host order (from the plan). */
  hostSizes: readonly number[];
  /** Agents in each started host, by its pid (hosts start in any order). */
  agentsByHostPid: Map<number, number>;
  resources: ResourceWatch;
  processes(): ProcessGroup;
  /** Rejects as soon as any of the run's processes exits unexpectedly (see RunningChild.whenDied). */
  died(): Promise<never>;
}

/** Races `work` against the death of any of the session's processes. */
export function unlessDied<T>(session: ScaleSession, work: Promise<T>): Promise<T> {
  return Promise.race([work, session.died()]);
}

export function memberNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `m-${i + 1}`);
}

export interface SessionOptions {
  workDir: string;
  clusters: number;
  plan: ScalePlan;
  /** Available machine memory under which the run stops. */
  memoryFloorBytes: number;
  /** Keep every process's output here as `<label>.log`. */
  logDir?: string;
}

/** Starts the plan's member API servers together (each creates its logical clusters one after another), members split in order. */
async function startMembers(context: BenchContext, spec: ProcessSpec, options: SessionOptions, names: readonly string[]) {
  let first = 0;
  const shares = options.plan.memberServers.map((server, i) => {
    const share = names.slice(first, first + server.agents);
    first += server.agents;
    return { i, share };
  });
  context.progress.say(`starting ${shares.length} member API server${shares.length === 1 ? '' : 's'} with ${shares.map((s) => s.share.length).join(' + ')} logical clusters`);
  const members = await Promise.all(
    shares.map(({ i, share }) => startApiServerProcess(spec, { label: `member apiserver ${i + 1}`, dataDir: join(options.workDir, `member-${i + 1}`), clusters: i === 0 ? [...share, APPLY_BENCH_CLUSTER] : share })),
  );
  const serverOf = new Map<string, ApiServerProcess>();
  shares.forEach(({ i, share }) => share.forEach((name) => serverOf.set(name, members[i]!)));
  const memberKubeconfig = (name: string) => `${(serverOf.get(name) ?? members[0]!).kubeconfig}-${name}`;
  return { members, memberKubeconfig, applyBenchKubeconfig: `${members[0]!.kubeconfig}-${APPLY_BENCH_CLUSTER}` };
}

function watchedProcesses(session: ScaleSession): WatchedProcess[] {
  return [
    { role: 'hub', pid: session.hub.child.pid },
    { role: 'controller', pid: session.controller.child.pid },
    ...session.members.map((m, i) => ({ role: `member ${i + 1}`, pid: m.child.pid })),
    ...session.agentHosts.map((h, i) => ({ role: `agent host ${i + 1}`, pid: h.pid, agents: session.agentsByHostPid.get(h.pid) ?? 0 })),
  ];
}

export async function startScaleSession(context: BenchContext, options: SessionOptions): Promise<ScaleSession> {
  if (options.logDir) await mkdir(options.logDir, { recursive: true });
  const spec: ProcessSpec = { repoRoot: context.repoRoot, cleanup: context.cleanup, readyTimeoutMs: 15 * 60_000, ...(options.logDir ? { logDir: options.logDir } : {}) };
  const git = await startGitServer({ root: join(options.workDir, 'git') });
  context.cleanup.defer('stop the git server', () => git.stop());
  const repo = await ScaleRepo.create({ serverRoot: join(options.workDir, 'git'), workTree: join(options.workDir, 'work-tree'), url: git.url('scale.git') });
  const names = memberNames(options.clusters);
  const members = await startMembers(context, spec, options, names);
  context.progress.say('starting the hub API server and the controller');
  const hub = await startApiServerProcess(spec, { label: 'hub apiserver', dataDir: join(options.workDir, 'hub') });
  const controller = await startControllerProcess(spec, { hubKubeconfig: hub.kubeconfig, cacheDir: join(options.workDir, 'controller-cache'), diagnosticDir: join(options.workDir, 'controller-diagnostics') });
  const hubClient = await ObjectClient.create(loadKubeConfig({ flag: hub.kubeconfig }).kubeConfig);
  context.cleanup.defer('close the hub client', () => hubClient.close());
  const resources = new ResourceWatch({ processes: () => watchedProcesses(session), floorBytes: options.memoryFloorBytes, checkEveryMs: 5000, sayEveryMs: 30_000, say: (line) => context.progress.say(line) });
  resources.start();
  context.cleanup.defer('stop the resource watch', () => resources.stop());
  const session: ScaleSession = {
    workDir: options.workDir,
    logDir: options.logDir,
    git,
    repo,
    ...members,
    hub,
    controller,
    hubClient,
    memberNames: names,
    agentHosts: [],
    hostSizes: options.plan.agentHosts.map((h) => h.agents),
    agentsByHostPid: new Map(),
    resources,
    processes: () => ({ hub: hub.child.pid, controller: controller.child.pid, members: members.members.map((m) => m.child.pid), agents: session.agentHosts.map((h) => h.pid) }),
    died: () => Promise.race([resources.failed(), ...[hub.child, controller.child, ...members.members.map((m) => m.child), ...session.agentHosts].map((c) => c.whenDied())]),
  };
  return session;
}

async function heartbeatedClusters(client: ObjectClient): Promise<Cluster[]> {
  const { items } = await client.listAll<Cluster>({ apiVersion: API_VERSION, kind: 'Cluster' }, { namespace: WORKSPACE_DEFAULT, labelSelector: `${SCALE_LABEL}=yes`, pageSize: 2000 });
  return items.filter(hasJoined);
}

/** Registers every member's agent with one token; resolves with how long it took until every Cluster heartbeated. */
export async function joinAgents(context: BenchContext, session: ScaleSession, options: { timeoutMs: number; heartbeatInterval?: string }): Promise<number> {
  const spec: ProcessSpec = { repoRoot: context.repoRoot, cleanup: context.cleanup, readyTimeoutMs: options.timeoutMs, ...(session.logDir ? { logDir: session.logDir } : {}) };
  const caFile = join(session.workDir, 'hub-ca.pem');
  const token = await createRegistrationToken(spec, { hubKubeconfig: session.hub.kubeconfig, caOut: caFile, workspace: WORKSPACE_DEFAULT });
  const clusters = new ClusterWatch({ hub: session.hubClient, logger: pino({ level: 'silent' }) });
  await clusters.start();
  try {
    const started = performance.now();
    const total = session.memberNames.length;
    context.progress.say(`starting ${total} agents in ${session.hostSizes.length} agent host processes`);
    const hosts = startAgentHosts(spec, {
      members: session.memberNames,
      hostSizes: session.hostSizes,
      memberKubeconfig: (name) => session.memberKubeconfig(name),
      ...(options.heartbeatInterval ? { heartbeatInterval: options.heartbeatInterval } : {}),
      hubUrl: session.hub.url,
      hubCaFile: caFile,
      token,
      labels: { [SCALE_LABEL]: 'yes', [TRACK_LABEL]: 'stable' },
      workDir: join(session.workDir, 'agent-hosts'),
      registrationTimeoutSeconds: Math.ceil(options.timeoutMs / 1000),
      onStarted: (host, index) => {
        session.agentHosts.push(host);
        session.agentsByHostPid.set(host.pid, session.hostSizes[index] ?? 0);
      },
    });
    return await unlessDied(session, Promise.all([hosts, waitForJoined(context, clusters, { total, started, timeoutMs: options.timeoutMs })]).then(([, ms]) => ms));
  } finally {
    await clusters.stop();
  }
}

/** Waits until `total` Clusters joined, saying how many each few seconds and at what rate. */
async function waitForJoined(context: BenchContext, clusters: ClusterWatch, options: { total: number; started: number; timeoutMs: number }): Promise<number> {
  const { total, started } = options;
  let lastSaid = 0;
  for (;;) {
    const joined = clusters.joined().length;
    const elapsed = performance.now() - started;
    if (joined >= total || elapsed - lastSaid >= 10_000) {
      lastSaid = elapsed;
      context.progress.say(`clusters registered and heartbeating: ${joined}/${total} after ${Math.round(elapsed / 1000)} s (${(joined / (elapsed / 1000)).toFixed(1)} per second)`);
    }
    if (joined >= total) return elapsed;
    if (elapsed > options.timeoutMs) throw new Error(`only ${joined} of ${total} clusters registered within ${Math.round(options.timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The scale clusters as the hub holds them now. */
export function scaleClusters(session: ScaleSession): Promise<Cluster[]> {
  return heartbeatedClusters(session.hubClient);
}
