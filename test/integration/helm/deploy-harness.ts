/**
 * Set-up for Helm bundles deployed end to end: a real hub API server with every hub
 * controller (`startHubControllers`: GitRepos into Bundles, targeting, status), a real git
 * smart-HTTP server holding one bare repository, a real member API server holding two member
 * clusters as logical clusters (`east` labelled env=staging, `west` env=prod, each with its
 * own region label and `templateValues`), and one in-process agent per member (ClusterAgent,
 * the runtime `flotilla agent` runs). Charts come from the fixture chart directories and, for
 * repository charts, from test/support's loopback Helm repository the test file starts.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ClusterAgent } from '../../../src/agent/runtime/index.js';
import type { Bundle } from '../../../src/api/bundle.js';
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import type { GitRepo, GitRepoSpec } from '../../../src/api/git-repo.js';
import { API_VERSION } from '../../../src/api/group.js';
import type { Condition, KubeObject } from '../../../src/api/meta.js';
import { clusterNamespaceName } from '../../../src/api/names.js';
import { startHubControllers, type HubControllers } from '../../../src/controller/index.js';
import { Duration as GitDuration } from '../../../src/git/index.js';
import { isNotFound } from '../../../src/kube/api-error.js';
import { systemClock, type Clock } from '../../../src/kube/clock.js';
import { Duration } from '../../../src/kube/duration.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { commitFiles, createBareRepo, type RepoFile } from '../../support/git-repo.js';
import { startGitServer, type GitServer } from '../../support/git-server.js';

export const WORKSPACE = 'fleet-default';
export const FIXTURES = join(import.meta.dirname, '../../fixtures/helm-e2e');
export const GREETER = join(FIXTURES, 'charts/greeter');

/** The member clusters, their labels and template values (`${ .ClusterValues.x }`). */
export const MEMBERS = {
  east: { labels: { env: 'staging', region: 'eu' }, templateValues: { greeting: 'guten tag' } },
  west: { labels: { env: 'prod', region: 'us' }, templateValues: { greeting: 'howdy' } },
} as const;
export type MemberName = keyof typeof MEMBERS;
export const MEMBER_NAMES = Object.keys(MEMBERS) as MemberName[];

/** Waits long enough for a poll, a render, a rollout and an apply on a busy machine. */
export const WAIT = { timeout: 60_000, interval: 250 };
/** A test step may wait several times; vitest's default 60 s would cut the second wait short. */
export const STEP_TIMEOUT = 240_000;

export interface HelmFleet {
  hub: ObjectClient;
  member: Record<MemberName, ObjectClient>;
  git: GitServer;
  /** The bare repository every GitRepo of the test file points at. */
  repoPath: string;
  repoUrl: string;
  /** Commits files to the repository's `main` branch; resolves to the commit sha. */
  commit(files: Record<string, RepoFile>, message?: string): Promise<string>;
  /** Creates a GitRepo on the repository's `main` branch, polled every 300 ms, targeting every member unless `targets` says otherwise. */
  addGitRepo(name: string, spec: Omit<GitRepoSpec, 'repo'>): Promise<void>;
  stop(): Promise<void>;
}

export async function startHelmFleet(): Promise<HelmFleet> {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-helm-e2e-'));
  const logger: Logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
  const clock = systemClock();
  const stops: Array<() => Promise<void>> = [async () => rm(dir, { recursive: true, force: true })];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const hubServer: TestApiServer = await startTestApiServer();
    stops.push(() => hubServer.stop());
    const memberServer: TestApiServer = await startTestApiServer();
    stops.push(() => memberServer.stop());
    const git = await startGitServer({ root: dir });
    stops.push(() => git.stop());
    const repoPath = await createBareRepo(dir, 'apps.git');
    const controllers: HubControllers = await startHubControllers({ kubeConfig: hubServer.kubeConfig(), logger, cacheDir: join(dir, 'cache'), defaultPollingInterval: GitDuration.milliseconds(300) });
    stops.push(() => controllers.stop());
    const hub = await ObjectClient.create(hubServer.kubeConfig());
    stops.push(async () => hub.close());
    const member = {} as Record<MemberName, ObjectClient>;
    for (const name of MEMBER_NAMES) member[name] = await startMember({ name, hub, hubServer, memberServer, clock, logger, stops });
    return {
      hub,
      member,
      git,
      repoPath,
      repoUrl: git.url('apps.git'),
      commit: (files, message) => commitFiles(repoPath, { files, ...(message ? { message } : {}) }),
      async addGitRepo(name, spec) {
        const gitRepo: GitRepo = { apiVersion: API_VERSION, kind: 'GitRepo', metadata: { name, namespace: WORKSPACE }, spec: { repo: git.url('apps.git'), branch: 'main', pollingInterval: '300ms', targets: [{ name: 'all', clusterSelector: {} }], ...spec } };
        await hub.create(gitRepo);
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

interface MemberSetup {
  name: MemberName;
  hub: ObjectClient;
  hubServer: TestApiServer;
  memberServer: TestApiServer;
  clock: Clock;
  logger: Logger;
  stops: Array<() => Promise<void>>;
}

/** Registers the Cluster on the hub, makes its logical cluster, and starts its agent. */
async function startMember(setup: MemberSetup): Promise<ObjectClient> {
  const { name, hub, stops } = setup;
  const { labels, templateValues } = MEMBERS[name];
  await hub.create({ apiVersion: API_VERSION, kind: 'Cluster', metadata: { name, namespace: WORKSPACE, labels: { ...labels } }, spec: { templateValues: { ...templateValues } } });
  await setup.memberServer.server.createCluster(name);
  const member = await ObjectClient.create(setup.memberServer.kubeConfig(name));
  stops.push(async () => member.close());
  const agentHub = await ObjectClient.create(setup.hubServer.kubeConfig());
  stops.push(async () => agentHub.close());
  const agent = new ClusterAgent({
    hub: agentHub,
    member,
    workspace: WORKSPACE,
    clusterName: name,
    clusterNamespace: clusterNamespaceName(WORKSPACE, name),
    version: 'helm-e2e',
    clock: setup.clock,
    logger: setup.logger.child({ member: name }),
    heartbeatInterval: Duration.seconds(5),
    resyncInterval: Duration.seconds(2),
  });
  await agent.start();
  stops.push(() => agent.stop());
  return member;
}

/**
 * The files of a fixture tree under test/fixtures/helm-e2e (e.g. `charts/greeter`), placed
 * under `prefix` in the repository, with `%HELM_REPO%` in text files replaced by `vars`.
 */
export async function fixtureTree(name: string, prefix: string, vars: Record<string, string> = {}): Promise<Record<string, RepoFile>> {
  const root = join(FIXTURES, name);
  const out: Record<string, RepoFile> = {};
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else out[[prefix, relative(root, path).split('\\').join('/')].filter(Boolean).join('/')] = substitute(await readFile(path, 'utf8'), vars);
    }
  };
  await visit(root);
  return out;
}

function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/%([A-Z_]+)%/g, (whole, key: string) => vars[key] ?? whole);
}

export async function getOrUndefined<T extends KubeObject>(client: ObjectClient, ref: { apiVersion: string; kind: string; namespace?: string; name: string }): Promise<T | undefined> {
  try {
    return await client.get<T>(ref);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export function configMapOn(fleet: HelmFleet, member: MemberName, namespace: string, name: string): Promise<(KubeObject & { data?: Record<string, string> }) | undefined> {
  return getOrUndefined(fleet.member[member], { apiVersion: 'v1', kind: 'ConfigMap', namespace, name });
}

export function deploymentOn(fleet: HelmFleet, member: MemberName, namespace: string, name: string): Promise<KubeObject | undefined> {
  return getOrUndefined(fleet.member[member], { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name });
}

/** What a test checks of the chart's Deployment: replicas, image, the GREETING variable, labels. */
export interface DeploymentShape {
  replicas: unknown;
  image: unknown;
  greeting: unknown;
  labels: Record<string, string> | undefined;
}

export async function deploymentShape(fleet: HelmFleet, member: MemberName, namespace: string, name: string): Promise<DeploymentShape | undefined> {
  const d = await deploymentOn(fleet, member, namespace, name);
  if (!d) return undefined;
  const container = (d.spec as any)?.template?.spec?.containers?.[0];
  return { replicas: (d.spec as any)?.replicas, image: container?.image, greeting: container?.env?.find((e: { name: string }) => e.name === 'GREETING')?.value, labels: d.metadata.labels };
}

export function gitRepoOf(fleet: HelmFleet, name: string): Promise<GitRepo | undefined> {
  return getOrUndefined<GitRepo>(fleet.hub, { apiVersion: API_VERSION, kind: 'GitRepo', namespace: WORKSPACE, name });
}

export function bundleOf(fleet: HelmFleet, name: string): Promise<Bundle | undefined> {
  return getOrUndefined<Bundle>(fleet.hub, { apiVersion: API_VERSION, kind: 'Bundle', namespace: WORKSPACE, name });
}

export function deploymentOf(fleet: HelmFleet, member: MemberName, bundle: string): Promise<BundleDeployment | undefined> {
  return getOrUndefined<BundleDeployment>(fleet.hub, { apiVersion: API_VERSION, kind: 'BundleDeployment', namespace: clusterNamespaceName(WORKSPACE, member), name: bundle });
}

/** Conditions (`type: reason: message`) of an object whose message mentions `text`. */
export function conditionsMentioning(obj: { status?: { conditions?: Condition[] } } | undefined, text: string | RegExp): string[] {
  const matches = (m: string) => (typeof text === 'string' ? m.includes(text) : text.test(m));
  return (obj?.status?.conditions ?? []).filter((c) => matches(c.message ?? '')).map((c) => `${c.type}: ${c.reason ?? ''}: ${c.message ?? ''}`);
}

/** Whether the GitRepo's Ready condition is True at the given commit. */
export async function gitRepoReadyAt(fleet: HelmFleet, name: string, commit: string): Promise<boolean> {
  const repo = await gitRepoOf(fleet, name);
  const ready = repo?.status?.conditions?.find((c) => c.type === 'Ready');
  return repo?.status?.commit === commit && ready?.status === 'True';
}

/**
 * The hub's GitRepos, Bundles and BundleDeployments with their conditions, one line each:
 * printed when a test fails, so the failure says where the pipeline stopped.
 */
export async function hubState(fleet: HelmFleet): Promise<string> {
  const lines: string[] = [];
  const describe = (kind: string, obj: KubeObject & { status?: { conditions?: Condition[] } }) => {
    const conditions = (obj.status?.conditions ?? []).map((c) => `${c.type}=${c.status}${c.reason ? `(${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`);
    lines.push(`${kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''} ${conditions.join(' | ')}`);
  };
  for (const kind of ['GitRepo', 'Bundle', 'BundleDeployment']) {
    const { items } = await fleet.hub.listAll<KubeObject & { status?: { conditions?: Condition[] } }>({ apiVersion: API_VERSION, kind });
    for (const obj of items) describe(kind, obj);
  }
  return lines.join('\n');
}

/**
 * The hooks every deploy test file needs: one fleet for the file, handed to `setup` once it
 * runs, its hub state printed when a test fails, and stopped (then `cleanup`) at the end.
 */
export function useHelmFleet(setup: (fleet: HelmFleet) => Promise<void>, cleanup?: () => Promise<void>): void {
  let fleet: HelmFleet | undefined;
  beforeAll(async () => {
    fleet = await startHelmFleet();
    await setup(fleet);
  }, 120_000);
  beforeEach(({ onTestFailed }) => {
    onTestFailed(async () => {
      if (fleet) console.error(`hub state when the test failed:\n${await hubState(fleet)}`);
    });
  });
  afterAll(async () => {
    await fleet?.stop();
    await cleanup?.();
  });
}
