/**
 * Agents end to end, with real processes as a user runs them: a hub API server, the
 * controller, two member API servers and two agents, all started from the CLI, and a GitRepo
 * served by a real git smart-HTTP server. A token created with `flotilla cluster token
 * create` registers both agents; the GitRepo targets `env=prod`, so its objects land on that
 * member only; a commit reaches it; an object deleted by hand is reported modified and, with
 * correctDrift, restored; a removed path is pruned; an agent killed with SIGKILL and started
 * again without the token carries on from what it recorded, re-applying nothing unchanged.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import type { BundleDeployment } from '../../src/api/bundle-deployment.js';
import type { KubeObject } from '../../src/api/meta.js';
import { clusterNamespaceName } from '../../src/api/names.js';
import { isNotFound } from '../../src/kube/api-error.js';
import { ObjectClient } from '../../src/kube/object-client.js';
import { startFlotilla, type FlotillaProcess } from '../support/flotilla-process.js';
import { commitFiles, createBareRepo } from '../support/git-repo.js';
import { startGitServer, type GitServer } from '../support/git-server.js';

const F = 'flotilla.io/v1alpha1';
const WAIT = { timeout: 45_000, interval: 250 };
let dir: string;
let git: GitServer;
let repo: string;
const processes: FlotillaProcess[] = [];
let hub: ObjectClient;
const members: Record<'east' | 'west', { kubeconfig: string; client: ObjectClient; agent?: FlotillaProcess }> = {} as never;
let join_: { hub: string; token: string; ca: string };

/** Starts `flotilla ARGS`; long-running commands get a log level (FLOTILLA_TEST_LOG, default warn). */
function run(args: string[], options: { logLevel?: boolean } = { logLevel: true }): FlotillaProcess {
  const p = startFlotilla(options.logLevel ? [...args, '--log-level', process.env.FLOTILLA_TEST_LOG ?? 'warn'] : args);
  processes.push(p);
  return p;
}

async function apiserver(name: string): Promise<string> {
  const kubeconfig = join(dir, `${name}.kubeconfig`);
  await run(['apiserver', '--data-dir', join(dir, name), '--kubeconfig-out', kubeconfig]).waitFor(/listening on (\S+)/);
  return kubeconfig;
}

async function client(kubeconfig: string): Promise<ObjectClient> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return ObjectClient.create(kc);
}

function startAgent(member: 'east' | 'west', extra: string[]): FlotillaProcess {
  const labels = member === 'east' ? 'env=prod' : 'env=dev';
  const agent = run(['agent', '--hub', join_.hub, '--hub-ca', join_.ca, '--kubeconfig', members[member].kubeconfig, '--cluster-name', member, '--labels', labels, '--heartbeat-interval', '1s', ...extra]);
  members[member].agent = agent;
  return agent;
}

async function getOrUndefined(c: ObjectClient, ref: { apiVersion: string; kind: string; namespace?: string; name: string }): Promise<KubeObject | undefined> {
  try {
    return await c.get<KubeObject>(ref);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

const configMap = (member: 'east' | 'west', name: string) => getOrUndefined(members[member].client, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name });
const cmYaml = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;
const fleetYaml = 'defaultNamespace: shop\n';

async function bundleDeployment(bundle: string): Promise<BundleDeployment | undefined> {
  const namespace = clusterNamespaceName('fleet-default', 'east');
  return (await getOrUndefined(hub, { apiVersion: F, kind: 'BundleDeployment', namespace, name: bundle })) as unknown as BundleDeployment | undefined;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-e2e-agents-'));
  const [hubKubeconfig, eastKubeconfig, westKubeconfig] = await Promise.all([apiserver('hub'), apiserver('east'), apiserver('west')]);
  hub = await client(hubKubeconfig);
  members.east = { kubeconfig: eastKubeconfig, client: await client(eastKubeconfig) };
  members.west = { kubeconfig: westKubeconfig, client: await client(westKubeconfig) };
  await run(['controller', '--kubeconfig', hubKubeconfig, '--cache-dir', join(dir, 'cache')]).waitFor(/flotilla controller running/, 60_000);
  git = await startGitServer({ root: join(dir, 'git') });
  repo = await createBareRepo(git.root, 'shop.git');
  await commitFiles(repo, { files: { 'app/fleet.yaml': fleetYaml, 'app/cm.yaml': cmYaml('settings', 'one'), 'extra/fleet.yaml': fleetYaml, 'extra/cm.yaml': cmYaml('extra', 'x') } });
  const token = run(['cluster', 'token', 'create', '-n', 'fleet-default', '--ttl', '1h', '--kubeconfig', hubKubeconfig, '--ca-out', join(dir, 'hub-ca.pem')], { logLevel: false });
  const printed = await token.waitFor(/npx flotilla agent --hub (\S+) --token (\S+) --hub-ca (\S+)/, 60_000);
  join_ = { hub: printed[1]!, token: printed[2]!, ca: printed[3]! };
  expect((await token.exited).code).toBe(0);
}, 120_000);

afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  await Promise.all(processes.map((p) => p.exited));
  hub?.close();
  for (const m of Object.values(members ?? {})) m.client.close();
  await git?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

describe('flotilla agent against a hub and two members', () => {
  it('one token registers both members as Clusters with their labels', async () => {
    await Promise.all([startAgent('east', ['--token', join_.token]), startAgent('west', ['--token', join_.token])].map((a) => a.waitFor(/running as cluster fleet-default\/\w+ .*registered now/, 60_000)));
    for (const [name, env] of [['east', 'prod'], ['west', 'dev']] as const) {
      const cluster = await hub.get<KubeObject>({ apiVersion: F, kind: 'Cluster', namespace: 'fleet-default', name });
      expect(cluster.metadata.labels?.env).toBe(env);
    }
  }, 90_000);

  it('a GitRepo targeting env=prod lands on that member only', async () => {
    await hub.create<KubeObject>({
      apiVersion: F,
      kind: 'GitRepo',
      metadata: { name: 'shop', namespace: 'fleet-default' },
      spec: { repo: git.url('shop.git'), branch: 'main', paths: ['app', 'extra'], pollingInterval: '1s', targets: [{ clusterSelector: { matchLabels: { env: 'prod' } } }] },
    });
    await expect.poll(async () => (await configMap('east', 'settings'))?.data, WAIT).toEqual({ value: 'one' });
    await expect.poll(async () => (await configMap('east', 'extra'))?.data, WAIT).toEqual({ value: 'x' });
    await expect.poll(async () => (await bundleDeployment('shop-app'))?.status?.ready, WAIT).toBe(true);
    expect(await configMap('west', 'settings')).toBeUndefined();
    expect(await getOrUndefined(members.west.client, { apiVersion: 'v1', kind: 'Namespace', name: 'shop' })).toBeUndefined();
  }, 90_000);

  it('a change in git reaches the member', async () => {
    await commitFiles(repo, { files: { 'app/cm.yaml': cmYaml('settings', 'two') } });
    await expect.poll(async () => (await configMap('east', 'settings'))?.data, WAIT).toEqual({ value: 'two' });
  }, 60_000);

  it('an object deleted by hand is reported as modified, and restored once correctDrift is on', async () => {
    await members.east.client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings' });
    await expect.poll(async () => (await bundleDeployment('shop-app'))?.status?.modifiedStatus, WAIT).toEqual([expect.objectContaining({ kind: 'ConfigMap', name: 'settings', missing: true })]);
    expect(await configMap('east', 'settings')).toBeUndefined();
    await hub.patch({ apiVersion: F, kind: 'GitRepo', namespace: 'fleet-default', name: 'shop' }, { spec: { correctDrift: { enabled: true } } }, { type: 'merge' });
    await expect.poll(async () => (await configMap('east', 'settings'))?.data, WAIT).toEqual({ value: 'two' });
    await expect.poll(async () => (await bundleDeployment('shop-app'))?.status?.nonModified, WAIT).toBe(true);
  }, 90_000);

  it('removing a path from the repository prunes its objects', async () => {
    await commitFiles(repo, { files: { extra: null } });
    await expect.poll(async () => configMap('east', 'extra'), WAIT).toBeUndefined();
    expect((await configMap('east', 'settings'))?.data).toEqual({ value: 'two' });
  }, 60_000);

  it('an agent killed and started again without the token picks up where it was', async () => {
    const before = await configMap('east', 'settings');
    members.east.agent!.child.kill('SIGKILL');
    await members.east.agent!.exited;
    const restarted = startAgent('east', []);
    await restarted.waitFor(/running as cluster fleet-default\/east .*stored credential/, 60_000);
    const seen = async () => (await hub.get<KubeObject>({ apiVersion: F, kind: 'Cluster', namespace: 'fleet-default', name: 'east' })).status as { agent?: { lastSeen?: string } } | undefined;
    const lastSeen = (await seen())?.agent?.lastSeen;
    await expect.poll(async () => (await seen())?.agent?.lastSeen, WAIT).not.toBe(lastSeen);
    // Nothing unchanged was written again on restart.
    expect((await configMap('east', 'settings'))?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
    await commitFiles(repo, { files: { 'app/cm.yaml': cmYaml('settings', 'three') } });
    await expect.poll(async () => (await configMap('east', 'settings'))?.data, WAIT).toEqual({ value: 'three' });
  }, 90_000);

  it('--simulate runs N agents in one process against N logical clusters, each its own Cluster', async () => {
    const kubeconfig = join(dir, 'sim.kubeconfig');
    await run(['apiserver', '--data-dir', join(dir, 'sim'), '--kubeconfig-out', kubeconfig, '--clusters', 's1', 's2', 's3']).waitFor(/listening on/);
    const sim = run(['agent', '--hub', join_.hub, '--hub-ca', join_.ca, '--token', join_.token, '--simulate', '3', '--member-kubeconfig-template', `${kubeconfig}-s{i}`, '--cluster-name', 'sim', '--heartbeat-interval', '1s']);
    await sim.waitFor(/(running as cluster[^\n]*\n[^]*){3}/, 60_000);
    for (const name of ['sim-1', 'sim-2', 'sim-3']) {
      await expect.poll(async () => ((await getOrUndefined(hub, { apiVersion: F, kind: 'Cluster', namespace: 'fleet-default', name }))?.status as { agent?: { lastSeen?: string } } | undefined)?.agent?.lastSeen, WAIT).toBeTruthy();
    }
    const ids = new Set<string>();
    for (const name of ['sim-1', 'sim-2', 'sim-3']) ids.add(((await hub.get<KubeObject>({ apiVersion: F, kind: 'Cluster', namespace: 'fleet-default', name })).spec as { clientID: string }).clientID);
    expect(ids.size).toBe(3);
    sim.child.kill('SIGTERM');
    expect((await sim.exited).code).toBe(0);
  }, 90_000);

  it('an expired or unknown token makes the agent exit non-zero saying so', async () => {
    const member = await mkdtemp(join(dir, 'm3-'));
    const m3 = join(member, 'm3.kubeconfig');
    await run(['apiserver', '--data-dir', member, '--kubeconfig-out', m3]).waitFor(/listening on/);
    const forged = `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from('{"sub":"system:serviceaccount:fleet-default:join"}').toString('base64url')}.c2ln`;
    const rejected = run(['agent', '--hub', join_.hub, '--hub-ca', join_.ca, '--kubeconfig', m3, '--token', forged]);
    expect((await rejected.exited).code).not.toBe(0);
    expect(rejected.output()).toMatch(/expired or unknown/);
  }, 60_000);
});
