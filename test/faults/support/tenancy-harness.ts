/**
 * A multi-tenant world for the tenancy cases of issue 12: a real embedded hub (with a static
 * token file of hub users, so kubectl can act as a tenant), every hub controller in-process
 * (GitRepo, targeting and status, registration, managed namespaces), two workspaces `team-a`
 * and `team-b` (namespaces labelled `tenant: a|b`), a real git smart-HTTP server holding one
 * repository, and member clusters (logical clusters of one member API server) joined the
 * way `flotilla agent --token` joins them: a ClusterRegistrationToken of their workspace,
 * registration, then the agent's own narrow hub credential. The controllers' and the agents'
 * pino output is captured at debug level, so a case can grep both for secrets.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { connectAgent, type ConnectedAgent } from '../../../src/agent/runtime/index.js';
import type { ClusterRegistrationToken } from '../../../src/api/cluster-registration-token.js';
import type { GitRepo, GitRepoSpec } from '../../../src/api/git-repo.js';
import { API_VERSION } from '../../../src/api/group.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { kubeconfigYaml } from '../../../src/apiserver/index.js';
import { startHubControllers, type HubControllers } from '../../../src/controller/index.js';
import { Duration as GitDuration } from '../../../src/git/index.js';
import { isNotFound } from '../../../src/kube/api-error.js';
import { systemClock } from '../../../src/kube/clock.js';
import { Duration } from '../../../src/kube/duration.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { commitFiles, createBareRepo, type RepoFile } from '../../support/git-repo.js';
import { startGitServer, type GitServer } from '../../support/git-server.js';
import { LogCapture } from './log-capture.js';

export const TEAM_A = 'team-a';
export const TEAM_B = 'team-b';
export const WORKSPACE_LABELS: Readonly<Record<string, Record<string, string>>> = { [TEAM_A]: { tenant: 'a' }, [TEAM_B]: { tenant: 'b' } };

export interface MemberSpec {
  /** The logical cluster's name on the member server, also the Cluster name asked for. */
  name: string;
  workspace: string;
  labels: Record<string, string>;
}

export interface TenancyWorldOptions {
  /** The repository's first commit on `main` (`apps.git`). */
  files: Record<string, RepoFile>;
  members?: readonly MemberSpec[];
  /** Hub users authenticated by a static token (no rights until a case binds some). */
  hubUsers?: readonly string[];
}

export interface Member {
  spec: MemberSpec;
  /** The member cluster, as its administrator. */
  client: ObjectClient;
  agent: ConnectedAgent;
}

export interface TenancyWorld {
  hub: TestApiServer;
  /** The hub as its administrator. */
  admin: ObjectClient;
  members: Record<string, Member>;
  memberServer: TestApiServer;
  git: GitServer;
  repoPath: string;
  repoUrl: string;
  /** Everything the hub controllers logged, debug and above. */
  controllerLogs: LogCapture;
  /** Everything the agents logged, debug and above. */
  agentLogs: LogCapture;
  /** A kubeconfig file for a hub user of `hubUsers`, for kubectl. */
  userKubeconfig(user: string): string;
  /** Where kubectl keeps its discovery cache for this world. */
  kubectlCacheDir: string;
  commit(files: Record<string, RepoFile>): Promise<string>;
  createGitRepo(workspace: string, name: string, spec: Omit<GitRepoSpec, 'repo'>): Promise<void>;
  getGitRepo(workspace: string, name: string): Promise<GitRepo>;
  stop(): Promise<void>;
}

async function writeTokenFile(dir: string, users: readonly string[]): Promise<{ path: string; tokens: Record<string, string> }> {
  const tokens = Object.fromEntries(users.map((u) => [u, randomBytes(24).toString('base64url')]));
  const path = join(dir, 'hub-users.csv');
  await writeFile(path, users.map((u, i) => `${tokens[u]},${u},uid-${i}`).join('\n') + '\n', { mode: 0o600 });
  return { path, tokens };
}

/** The join token of a workspace, as `flotilla cluster token create -n WORKSPACE` makes it. */
async function joinToken(admin: ObjectClient, workspace: string): Promise<string> {
  const name = 'join';
  await admin.create<KubeObject>({ apiVersion: API_VERSION, kind: 'ClusterRegistrationToken', metadata: { name, namespace: workspace }, spec: {} });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const crt = (await admin.get<KubeObject>({ apiVersion: API_VERSION, kind: 'ClusterRegistrationToken', namespace: workspace, name })) as unknown as ClusterRegistrationToken;
      const secretName = crt.status?.secretName;
      if (secretName) {
        const secret = await admin.get<KubeObject>({ apiVersion: 'v1', kind: 'Secret', namespace: workspace, name: secretName });
        const token = (secret.data as Record<string, string> | undefined)?.token;
        if (token) return Buffer.from(token, 'base64').toString('utf8');
      }
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (Date.now() > deadline) throw new Error(`no registration token for workspace ${workspace} within 60s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startTenancyWorld(options: TenancyWorldOptions): Promise<TenancyWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-tenancy-'));
  const stops: Array<() => Promise<void>> = [async () => rm(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const users = await writeTokenFile(dir, options.hubUsers ?? []);
    const hub = await startTestApiServer({ tokenAuthFile: users.path });
    stops.push(() => hub.stop());
    const memberServer = await startTestApiServer();
    stops.push(() => memberServer.stop());
    const git = await startGitServer({ root: dir });
    stops.push(() => git.stop());
    const repoPath = await createBareRepo(dir, 'apps.git');
    await commitFiles(repoPath, { files: options.files });
    const controllerLogs = new LogCapture();
    const agentLogs = new LogCapture();
    const controllers: HubControllers = await startHubControllers({
      kubeConfig: hub.kubeConfig(),
      logger: pino({ level: 'debug' }, controllerLogs.stream),
      cacheDir: join(dir, 'cache'),
      defaultPollingInterval: GitDuration.milliseconds(300),
    });
    stops.push(() => controllers.stop());
    const admin = await ObjectClient.create(hub.kubeConfig());
    stops.push(async () => admin.close());
    for (const workspace of [TEAM_A, TEAM_B]) {
      await admin.create<KubeObject>({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: workspace, labels: WORKSPACE_LABELS[workspace] } });
    }
    const members = await joinMembers({ hub, memberServer, admin, specs: options.members ?? [], logs: agentLogs, stops });
    const repoUrl = git.url('apps.git');
    const kubeconfigs = new Map<string, string>();
    for (const user of options.hubUsers ?? []) {
      const path = join(dir, `${user}.kubeconfig`);
      await writeFile(path, kubeconfigYaml({ name: user, server: hub.server.url, token: users.tokens[user] ?? '', caPem: hub.server.ca }), { mode: 0o600 });
      kubeconfigs.set(user, path);
    }
    const gitRepoRef = (namespace: string, name: string) => ({ apiVersion: API_VERSION, kind: 'GitRepo', namespace, name });
    return {
      hub,
      admin,
      members,
      memberServer,
      git,
      repoPath,
      repoUrl,
      controllerLogs,
      agentLogs,
      kubectlCacheDir: join(dir, 'kubectl-cache'),
      userKubeconfig(user) {
        const path = kubeconfigs.get(user);
        if (!path) throw new Error(`no hub user ${user}`);
        return path;
      },
      commit: (files) => commitFiles(repoPath, { files }),
      async createGitRepo(workspace, name, spec) {
        const object: GitRepo = { apiVersion: API_VERSION, kind: 'GitRepo', metadata: { name, namespace: workspace }, spec: { repo: repoUrl, ...spec } };
        await admin.create(object);
      },
      async getGitRepo(workspace, name) {
        return (await admin.get<KubeObject>(gitRepoRef(workspace, name))) as unknown as GitRepo;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface JoinInput {
  hub: TestApiServer;
  memberServer: TestApiServer;
  admin: ObjectClient;
  specs: readonly MemberSpec[];
  logs: LogCapture;
  stops: Array<() => Promise<void>>;
}

async function joinMembers(input: JoinInput): Promise<Record<string, Member>> {
  const tokens = new Map<string, string>();
  for (const workspace of new Set(input.specs.map((s) => s.workspace))) tokens.set(workspace, await joinToken(input.admin, workspace));
  const logger = pino({ level: 'debug' }, input.logs.stream);
  const members: Record<string, Member> = {};
  for (const spec of input.specs) {
    await input.memberServer.server.createCluster(spec.name);
    const client = await ObjectClient.create(input.memberServer.kubeConfig(spec.name));
    input.stops.push(async () => client.close());
    const agent = await connectAgent({
      memberKubeConfig: input.memberServer.kubeConfig(spec.name),
      hubServer: input.hub.server.url,
      hubCaPem: input.hub.server.ca,
      token: tokens.get(spec.workspace) ?? '',
      clusterName: spec.name,
      labels: spec.labels,
      version: 'tenancy-test',
      clock: systemClock(),
      logger: logger.child({ member: spec.name }),
      heartbeatInterval: Duration.seconds(1),
      resyncInterval: Duration.seconds(2),
      registrationTimeout: Duration.seconds(60),
    });
    input.stops.push(() => agent.stop());
    members[spec.name] = { spec, client, agent };
  }
  return members;
}
