/**
 * End-to-end set-up for managed namespaces: a real hub API server with every controller a
 * managed namespace goes through (GitRepo, targeting and status, ManagedNamespace), a real
 * member API server holding two member clusters as logical clusters (`east`, `west`) with a
 * token file of delegated users, one in-process agent per member (ClusterAgent, the same
 * runtime `flotilla agent` runs), and the `flotilla namespace` command run in-process.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { pino } from 'pino';
import { ClusterAgent } from '../../src/agent/runtime/index.js';
import { API_VERSION } from '../../src/api/group.js';
import type { KubeObject } from '../../src/api/meta.js';
import { clusterNamespaceName } from '../../src/api/names.js';
import { kubeconfigYaml } from '../../src/apiserver/index.js';
import { memberClusterRoles } from '../../src/bundle/index.js';
import { startController, type RunningController } from '../../src/controller/index.js';
import { ManagedNamespaceController } from '../../src/controller/managed-namespace/index.js';
import { startTargeting, type RunningTargeting } from '../../src/controller/targeting/index.js';
import { Duration as GitDuration } from '../../src/git/index.js';
import { isNotFound } from '../../src/kube/api-error.js';
import { systemClock } from '../../src/kube/clock.js';
import { Duration } from '../../src/kube/duration.js';
import { ObjectClient } from '../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../support/api-server.js';
import { createBareRepo } from '../support/git-repo.js';
import { startGitServer, type GitServer } from '../support/git-server.js';
import { runCli, type CliRun } from '../integration/managed-namespaces/harness.js';

export const WORKSPACE = 'fleet-default';
export const MEMBERS = ['east', 'west'] as const;
export type MemberName = (typeof MEMBERS)[number];
/** Delegated users the member clusters authenticate by token. */
export const USERS = ['alice', 'wendy', 'adam', 'carl'] as const;
export type UserName = (typeof USERS)[number];

export interface Fleet {
  hub: ObjectClient;
  member: Record<MemberName, ObjectClient>;
  /** A client on a member acting as a delegated user. */
  as(user: UserName, member: MemberName): Promise<ObjectClient>;
  git: GitServer;
  repoPath: string;
  repoUrl: string;
  cli(...args: string[]): Promise<CliRun>;
  stop(): Promise<void>;
}

async function tokenFile(dir: string): Promise<{ path: string; tokens: Record<UserName, string> }> {
  const tokens = Object.fromEntries(USERS.map((u) => [u, randomBytes(24).toString('base64url')])) as Record<UserName, string>;
  const path = join(dir, 'tokens.csv');
  await writeFile(path, USERS.map((u, i) => `${tokens[u]},${u},uid-${i}`).join('\n') + '\n', { mode: 0o600 });
  return { path, tokens };
}

export async function startFleet(): Promise<Fleet> {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-mns-e2e-'));
  const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
  const clock = systemClock();
  const users = await tokenFile(dir);
  const hubServer: TestApiServer = await startTestApiServer();
  const memberServer: TestApiServer = await startTestApiServer({ tokenAuthFile: users.path });
  const git = await startGitServer({ root: dir });
  const repoPath = await createBareRepo(dir, 'teams.git');
  const controller: RunningController = await startController({ kubeConfig: hubServer.kubeConfig(), logger, cacheDir: join(dir, 'cache'), defaultPollingInterval: GitDuration.milliseconds(300) });
  const hub = await ObjectClient.create(hubServer.kubeConfig());
  const targeting: RunningTargeting = await startTargeting({ client: hub, clock, logger });
  const managedNamespaces = new ManagedNamespaceController({ client: hub, clock, logger });
  await managedNamespaces.start();
  const member = {} as Record<MemberName, ObjectClient>;
  const agents: ClusterAgent[] = [];
  const clients: ObjectClient[] = [hub];
  for (const name of MEMBERS) {
    await hub.create({ apiVersion: API_VERSION, kind: 'Cluster', metadata: { name, namespace: WORKSPACE, labels: { region: name } }, spec: {} });
    await memberServer.server.createCluster(name);
    member[name] = await ObjectClient.create(memberServer.kubeConfig(name));
    // The member roles the bindings name; see the report: the agent is meant to install these.
    for (const role of memberClusterRoles()) await member[name].create(role);
    const agentHub = await ObjectClient.create(hubServer.kubeConfig());
    clients.push(member[name], agentHub);
    const agent = new ClusterAgent({ hub: agentHub, member: member[name], workspace: WORKSPACE, clusterName: name, clusterNamespace: clusterNamespaceName(WORKSPACE, name), version: 'e2e', clock, logger, heartbeatInterval: Duration.seconds(5), resyncInterval: Duration.seconds(2) });
    await agent.start();
    agents.push(agent);
  }
  return {
    hub,
    member,
    async as(user, name) {
      const kc = new KubeConfig();
      kc.loadFromString(kubeconfigYaml({ name: user, server: `${memberServer.server.url}/clusters/${name}`, token: users.tokens[user], caPem: memberServer.server.ca }));
      const client = await ObjectClient.create(kc);
      clients.push(client);
      return client;
    },
    git,
    repoPath,
    repoUrl: git.url('teams.git'),
    cli: (...args) => runCli(hubServer.kubeconfigPath, args),
    async stop() {
      await Promise.all(agents.map((a) => a.stop()));
      await managedNamespaces.stop();
      await targeting.stop();
      await controller.stop();
      for (const c of clients) c.close();
      await git.stop();
      await Promise.all([hubServer.stop(), memberServer.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function getOrUndefined(client: ObjectClient, ref: { apiVersion: string; kind: string; namespace?: string; name: string }): Promise<KubeObject | undefined> {
  try {
    return await client.get<KubeObject>(ref);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export function namespaceOn(client: ObjectClient, name: string): Promise<KubeObject | undefined> {
  return getOrUndefined(client, { apiVersion: 'v1', kind: 'Namespace', name });
}

/** Gone, or terminating (the embedded server finishes a namespace's deletion asynchronously). */
export async function namespaceGone(client: ObjectClient, name: string): Promise<boolean> {
  const ns = await namespaceOn(client, name);
  return ns === undefined || Boolean(ns.metadata.deletionTimestamp);
}

/** The objects Flotilla renders into a managed namespace, as they are on the member, without server-set fields. */
export async function managedObjectsOn(client: ObjectClient, name: string): Promise<Array<{ kind: string; name: string; labels: unknown; annotations: unknown; spec: unknown }>> {
  const kinds = [
    { apiVersion: 'v1', kind: 'ResourceQuota' },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  ];
  const out = [];
  const ns = await namespaceOn(client, name);
  if (ns) out.push({ kind: 'Namespace', name, labels: ns.metadata.labels, annotations: ns.metadata.annotations, spec: undefined });
  for (const k of kinds) {
    const { items } = await client.listAll<KubeObject>(k, { namespace: name });
    for (const o of items) out.push({ kind: k.kind, name: o.metadata.name ?? '', labels: o.metadata.labels, annotations: undefined, spec: o.spec ?? { roleRef: o.roleRef, subjects: o.subjects } });
  }
  return out;
}
