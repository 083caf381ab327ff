/**
 * Brings up a scale run's world, in order: a git smart-HTTP server with the (empty) scale
 * repository, the member API server with one logical cluster per member (and one for the
 * apply comparison), the hub API server and the controller, then — once `joinAgents` is
 * called — a registration token and the agent hosts, waiting until every Cluster has
 * heartbeated on the hub. Everything registers its stop on the context's cleanup stack.
 */
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
import { createRegistrationToken, startAgentHosts, startApiServerProcess, startControllerProcess, type ApiServerProcess, type ControllerProcess, type ProcessSpec } from './scale-processes.js';
import { SCALE_LABEL, ScaleRepo, TRACK_LABEL } from './scale-repo.js';

export const APPLY_BENCH_CLUSTER = 'apply-bench';

export interface ScaleSession {
  workDir: string;
  git: GitServer;
  repo: ScaleRepo;
  member: ApiServerProcess;
  hub: ApiServerProcess;
  controller: ControllerProcess;
  /** The admin client of the hub. */
  hubClient: ObjectClient;
  memberNames: readonly string[];
  agentHosts: RunningChild[];
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

export async function startScaleSession(context: BenchContext, options: { workDir: string; clusters: number }): Promise<ScaleSession> {
  const spec: ProcessSpec = { repoRoot: context.repoRoot, cleanup: context.cleanup, readyTimeoutMs: 15 * 60_000 };
  const git = await startGitServer({ root: join(options.workDir, 'git') });
  context.cleanup.defer('stop the git server', () => git.stop());
  const repo = await ScaleRepo.create({ serverRoot: join(options.workDir, 'git'), workTree: join(options.workDir, 'work-tree'), url: git.url('scale.git') });
  const names = memberNames(options.clusters);
  context.progress.say(`starting the member API server with ${names.length} logical clusters`);
  const member = await startApiServerProcess(spec, { label: 'member apiserver', dataDir: join(options.workDir, 'member'), clusters: [...names, APPLY_BENCH_CLUSTER] });
  context.progress.say('starting the hub API server and the controller');
  const hub = await startApiServerProcess(spec, { label: 'hub apiserver', dataDir: join(options.workDir, 'hub') });
  const controller = await startControllerProcess(spec, { hubKubeconfig: hub.kubeconfig, cacheDir: join(options.workDir, 'controller-cache'), diagnosticDir: join(options.workDir, 'controller-diagnostics') });
  const hubClient = await ObjectClient.create(loadKubeConfig({ flag: hub.kubeconfig }).kubeConfig);
  context.cleanup.defer('close the hub client', () => hubClient.close());
  const session: ScaleSession = {
    workDir: options.workDir,
    git,
    repo,
    member,
    hub,
    controller,
    hubClient,
    memberNames: names,
    agentHosts: [],
    processes: () => ({ hub: hub.child.pid, controller: controller.child.pid, member: member.child.pid, agents: session.agentHosts.map((h) => h.pid) }),
    died: () => Promise.race([hub.child, controller.child, member.child, ...session.agentHosts].map((c) => c.whenDied())),
  };
  return session;
}

async function heartbeatedClusters(client: ObjectClient): Promise<Cluster[]> {
  const { items } = await client.listAll<Cluster>({ apiVersion: API_VERSION, kind: 'Cluster' }, { namespace: WORKSPACE_DEFAULT, labelSelector: `${SCALE_LABEL}=yes`, pageSize: 2000 });
  return items.filter(hasJoined);
}

/** Registers every member's agent with one token; resolves with how long it took until every Cluster heartbeated. */
export async function joinAgents(context: BenchContext, session: ScaleSession, options: { agentsPerHost: number; timeoutMs: number }): Promise<number> {
  const spec: ProcessSpec = { repoRoot: context.repoRoot, cleanup: context.cleanup, readyTimeoutMs: options.timeoutMs };
  const caFile = join(session.workDir, 'hub-ca.pem');
  const token = await createRegistrationToken(spec, { hubKubeconfig: session.hub.kubeconfig, caOut: caFile, workspace: WORKSPACE_DEFAULT });
  const clusters = new ClusterWatch({ hub: session.hubClient, logger: pino({ level: 'silent' }) });
  await clusters.start();
  try {
    const started = performance.now();
    const total = session.memberNames.length;
    context.progress.say(`starting ${total} agents in ${Math.ceil(total / options.agentsPerHost)} agent host processes`);
    const hosts = startAgentHosts(spec, {
      members: session.memberNames,
      perHost: options.agentsPerHost,
      memberKubeconfigPrefix: session.member.kubeconfig,
      hubUrl: session.hub.url,
      hubCaFile: caFile,
      token,
      labels: { [SCALE_LABEL]: 'yes', [TRACK_LABEL]: 'stable' },
      workDir: join(session.workDir, 'agent-hosts'),
      registrationTimeoutSeconds: Math.ceil(options.timeoutMs / 1000),
      onStarted: (host) => session.agentHosts.push(host),
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
