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
import type { RunningChild } from '../support/child-process.js';
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
  const controller = await startControllerProcess(spec, { hubKubeconfig: hub.kubeconfig, cacheDir: join(options.workDir, 'controller-cache') });
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
  };
  return session;
}

async function heartbeatedClusters(client: ObjectClient): Promise<Cluster[]> {
  const { items } = await client.listAll<Cluster>({ apiVersion: API_VERSION, kind: 'Cluster' }, { namespace: WORKSPACE_DEFAULT, labelSelector: `${SCALE_LABEL}=yes` });
  return items.filter((c) => c.status?.agent?.lastSeen !== undefined && c.status.namespace !== undefined);
}

/** Registers every member's agent with one token; resolves with how long it took until every Cluster heartbeated. */
export async function joinAgents(context: BenchContext, session: ScaleSession, options: { agentsPerHost: number; timeoutMs: number }): Promise<number> {
  const spec: ProcessSpec = { repoRoot: context.repoRoot, cleanup: context.cleanup, readyTimeoutMs: options.timeoutMs };
  const caFile = join(session.workDir, 'hub-ca.pem');
  const token = await createRegistrationToken(spec, { hubKubeconfig: session.hub.kubeconfig, caOut: caFile, workspace: WORKSPACE_DEFAULT });
  const started = performance.now();
  const total = session.memberNames.length;
  context.progress.say(`starting ${total} agents in ${Math.ceil(total / options.agentsPerHost)} agent host processes`);
  const hosts = await startAgentHosts(spec, {
    members: session.memberNames,
    perHost: options.agentsPerHost,
    memberKubeconfigPrefix: session.member.kubeconfig,
    hubUrl: session.hub.url,
    hubCaFile: caFile,
    token,
    labels: { [SCALE_LABEL]: 'yes', [TRACK_LABEL]: 'stable' },
    workDir: join(session.workDir, 'agent-hosts'),
    registrationTimeoutSeconds: Math.ceil(options.timeoutMs / 1000),
  });
  session.agentHosts.push(...hosts);
  const tick = context.progress.counter('clusters registered and heartbeating', total);
  for (;;) {
    const joined = (await heartbeatedClusters(session.hubClient)).length;
    tick(joined);
    if (joined >= total) return performance.now() - started;
    if (performance.now() - started > options.timeoutMs) throw new Error(`only ${joined} of ${total} clusters registered within ${Math.round(options.timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The scale clusters as the hub holds them now. */
export function scaleClusters(session: ScaleSession): Promise<Cluster[]> {
  return heartbeatedClusters(session.hubClient);
}
