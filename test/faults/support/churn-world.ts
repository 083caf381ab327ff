/**
 * The churn case's world: a real hub (embedded API server) with the hub controllers
 * (GitRepos, Contents, targeting and status, managed namespaces) in this process, which a
 * fault can stop and start again or replace for a while by a `flotilla controller` child
 * process that is then killed with SIGKILL; a member API server holding three member
 * clusters as logical clusters, each with its own in-process ClusterAgent that a fault can
 * restart; and a git smart-HTTP server reached through a TCP gate, so a fault can take git
 * down without changing any URL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { ClusterAgent } from '../../../src/agent/runtime/index.js';
import { API_VERSION } from '../../../src/api/group.js';
import { clusterNamespaceName } from '../../../src/api/names.js';
import { startController, type RunningController } from '../../../src/controller/index.js';
import { ManagedNamespaceController } from '../../../src/controller/managed-namespace/index.js';
import { startTargeting, type RunningTargeting } from '../../../src/controller/targeting/index.js';
import { Duration as GitDuration } from '../../../src/git/index.js';
import { systemClock } from '../../../src/kube/clock.js';
import { Duration } from '../../../src/kube/duration.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { startFlotilla, type FlotillaProcess } from '../../support/flotilla-process.js';
import { createBareRepo } from '../../support/git-repo.js';
import { startGitServer, type GitServer } from '../../support/git-server.js';
import { GITREPO_NAMES, MEMBERS } from './churn-model.js';
import { WORKSPACE } from './churn-expectation.js';
import { startTcpGate, type TcpGate } from './tcp-gate.js';

/** Contents unreferenced this long are collected; short, so the final check sees them go. */
export const CONTENT_GRACE = Duration.seconds(2);

interface HubControllers {
  stop(): Promise<void>;
}

export interface ChurnWorld {
  hubServer: TestApiServer;
  memberServer: TestApiServer;
  /** The hub, as an admin (the test's own writes and checks). */
  hub: ObjectClient;
  /** A second admin client: the outside writer of the conflict fault. */
  outsider: ObjectClient;
  members: Record<string, ObjectClient>;
  git: GitServer;
  gate: TcpGate;
  /** `<gitrepo>.git` on the git server, through the gate. */
  repoUrl(gitRepo: string): string;
  repoPath(gitRepo: string): string;
  stopControllers(): Promise<void>;
  startControllers(): Promise<void>;
  /** Runs `flotilla controller` as a child process in place of the in-process controllers. */
  startControllerProcess(): Promise<FlotillaProcess>;
  stopAgent(member: string): Promise<void>;
  startAgent(member: string): Promise<void>;
  stop(): Promise<void>;
}

async function startHubControllers(hubServer: TestApiServer, logger: Logger, cacheDir: string): Promise<HubControllers> {
  const clock = systemClock();
  const controller: RunningController = await startController({
    kubeConfig: hubServer.kubeConfig(),
    logger,
    cacheDir,
    defaultPollingInterval: GitDuration.milliseconds(400),
    contentCollectionInterval: Duration.milliseconds(500),
    contentGrace: CONTENT_GRACE,
  });
  const client = await ObjectClient.create(hubServer.kubeConfig());
  // Per-option Contents are written again well within the collector's short grace, as the defaults (30 s, 1 minute) are.
  const targeting: RunningTargeting = await startTargeting({ client, clock, logger, contentRefresh: Duration.seconds(1) });
  const managedNamespaces = new ManagedNamespaceController({ client, clock, logger });
  await managedNamespaces.start();
  return {
    async stop() {
      await managedNamespaces.stop();
      await targeting.stop();
      await controller.stop();
      client.close();
    },
  };
}

export async function startChurnWorld(): Promise<ChurnWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-churn-'));
  const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
  const clock = systemClock();
  const hubServer = await startTestApiServer();
  const memberServer = await startTestApiServer();
  const git = await startGitServer({ root: dir });
  const gate = await startTcpGate({ host: '127.0.0.1', port: Number(new URL(git.baseUrl).port) });
  for (const name of GITREPO_NAMES) await createBareRepo(dir, `${name}.git`);
  let controllers: HubControllers | undefined = await startHubControllers(hubServer, logger, join(dir, 'cache'));
  const hub = await ObjectClient.create(hubServer.kubeConfig());
  const outsider = await ObjectClient.create(hubServer.kubeConfig());
  const clients: ObjectClient[] = [hub, outsider];
  const members: Record<string, ObjectClient> = {};
  const agents = new Map<string, ClusterAgent>();
  const agentHubs: Record<string, ObjectClient> = {};
  for (const name of MEMBERS) {
    await hub.create({ apiVersion: API_VERSION, kind: 'Cluster', metadata: { name, namespace: WORKSPACE, labels: { member: name } }, spec: {} });
    await memberServer.server.createCluster(name);
    members[name] = await ObjectClient.create(memberServer.kubeConfig(name));
    agentHubs[name] = await ObjectClient.create(hubServer.kubeConfig());
    clients.push(members[name], agentHubs[name]);
  }
  const startAgent = async (name: string) => {
    const member = members[name];
    const agentHub = agentHubs[name];
    if (!member || !agentHub || agents.has(name)) return;
    const agent = new ClusterAgent({
      hub: agentHub,
      member,
      workspace: WORKSPACE,
      clusterName: name,
      clusterNamespace: clusterNamespaceName(WORKSPACE, name),
      version: 'churn',
      clock,
      logger,
      heartbeatInterval: Duration.seconds(5),
      resyncInterval: Duration.seconds(3),
    });
    await agent.start();
    agents.set(name, agent);
  };
  const stopAgent = async (name: string) => {
    const agent = agents.get(name);
    agents.delete(name);
    await agent?.stop();
  };
  for (const name of MEMBERS) await startAgent(name);
  return {
    hubServer,
    memberServer,
    hub,
    outsider,
    members,
    git,
    gate,
    repoUrl: (name) => `http://${gate.host}/${name}.git`,
    repoPath: (name) => join(dir, `${name}.git`),
    async stopControllers() {
      const running = controllers;
      controllers = undefined;
      await running?.stop();
    },
    async startControllers() {
      controllers ??= await startHubControllers(hubServer, logger, join(dir, 'cache'));
    },
    async startControllerProcess() {
      const child = startFlotilla(['controller', '--kubeconfig', hubServer.kubeconfigPath, '--no-leader-elect', '--cache-dir', join(dir, 'process-cache'), '--log-level', 'warn']);
      await child.waitFor(/flotilla controller running/, 30_000);
      return child;
    },
    stopAgent,
    startAgent,
    async stop() {
      await Promise.all([...agents.keys()].map(stopAgent));
      await controllers?.stop();
      for (const c of clients) c.close();
      await gate.stop();
      await git.stop();
      await Promise.all([hubServer.stop(), memberServer.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
