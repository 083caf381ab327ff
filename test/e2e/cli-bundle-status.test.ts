/**
 * `flotilla bundle list|show`, `flotilla status` and `flotilla version` against a real
 * embedded hub holding a Bundle, its BundleDeployments in two clusters' namespaces with the
 * states agents report, and a stalled GitRepo: per-cluster state, and the one-screen status
 * with what is not ready and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../src/api/meta.js';
import { clusterNamespaceName } from '../../src/api/names.js';
import { startCliHub, type CliHub } from './cli-harness.js';

let hub: CliHub;
const API = 'flotilla.io/v1alpha1';

async function withStatus(object: KubeObject, status: Record<string, unknown>): Promise<void> {
  const created = await hub.client.create<KubeObject>(object);
  await hub.client.updateStatus({ ...created, status });
}

async function deployment(cluster: string, status: Record<string, unknown>): Promise<void> {
  const namespace = clusterNamespaceName('fleet-default', cluster);
  await hub.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  await withStatus(
    {
      apiVersion: API,
      kind: 'BundleDeployment',
      metadata: { name: 'web-apps', namespace, labels: { 'flotilla.io/bundle-name': 'web-apps', 'flotilla.io/bundle-namespace': 'fleet-default', 'flotilla.io/cluster-name': cluster, 'flotilla.io/cluster-namespace': 'fleet-default' } },
      spec: { deploymentID: 's-1:abc' },
    },
    status,
  );
}

beforeAll(async () => {
  hub = await startCliHub();
  await withStatus(
    { apiVersion: API, kind: 'GitRepo', metadata: { name: 'web', namespace: 'fleet-default' }, spec: { repo: 'https://git.example.com/web.git' } },
    { commit: 'abc123', display: { readyBundleDeployments: '1/2', state: 'NotReady' }, conditions: [{ type: 'Ready', status: 'False', reason: 'NotReady', message: 'bundle web-apps: 1 of 2 clusters not ready' }] },
  );
  await withStatus(
    { apiVersion: API, kind: 'Bundle', metadata: { name: 'web-apps', namespace: 'fleet-default', labels: { 'flotilla.io/repo-name': 'web', 'flotilla.io/commit': 'abc123' } }, spec: { resources: [] } },
    { display: { readyClusters: '1/2', state: 'NotReady' }, conditions: [{ type: 'Ready', status: 'False', reason: 'NotReady', message: 'cluster west: Deployment web/api not ready' }] },
  );
  await deployment('east', { appliedDeploymentID: 's-1:abc', ready: true, display: { state: 'Ready' }, conditions: [{ type: 'Ready', status: 'True' }] });
  await deployment('west', {
    appliedDeploymentID: 's-1:abc',
    ready: false,
    display: { state: 'NotReady' },
    nonReadyStatus: [{ kind: 'Deployment', namespace: 'web', name: 'api', summary: { message: ['0/2 replicas available'] } }],
  });
});

afterAll(() => hub?.stop());

describe('flotilla bundle', () => {
  it('list shows the Bundle columns', async () => {
    const { stdout } = await hub.flotilla(['bundle', 'list']);
    const lines = stdout.trimEnd().split('\n').map((l) => l.split(/\s{2,}/));
    expect(lines[0]).toEqual(['NAME', 'BUNDLEDEPLOYMENTS-READY', 'STATE', 'AGE']);
    expect(lines[1]?.slice(0, 3)).toEqual(['web-apps', '1/2', 'NotReady']);
  });

  it('list -o wide adds the Ready condition’s message', async () => {
    const { stdout } = await hub.flotilla(['bundle', 'list', '-o', 'wide']);
    expect(stdout).toMatch(/^NAME\s+BUNDLEDEPLOYMENTS-READY\s+STATE\s+STATUS\s+AGE$/m);
    expect(stdout).toContain('cluster west: Deployment web/api not ready');
  });

  it('show lists every targeted cluster with its state and, when not ready, why', async () => {
    const { stdout } = await hub.flotilla(['bundle', 'show', 'web-apps']);
    expect(stdout).toContain('GitRepo:\n  web at abc123\n');
    const clusters = stdout.slice(stdout.indexOf('Clusters:')).split('\n').slice(1, 4).map((l) => l.trim().split(/\s{2,}/));
    expect(clusters).toEqual([
      ['CLUSTER', 'WORKSPACE', 'CLUSTER-NAMESPACE', 'STATE', 'MESSAGE'],
      ['east', 'fleet-default', clusterNamespaceName('fleet-default', 'east'), 'Ready'],
      ['west', 'fleet-default', clusterNamespaceName('fleet-default', 'west'), 'NotReady', 'Deployment web/api: 0/2 replicas available'],
    ]);
  });

  it('show -o json prints the Bundle itself', async () => {
    const { stdout } = await hub.flotilla(['bundle', 'show', 'web-apps', '-o', 'json']);
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'Bundle', metadata: { name: 'web-apps' } });
  });
});

describe('flotilla status', () => {
  it('shows each kind’s table and what is not ready and why', async () => {
    const { stdout, code } = await hub.flotilla(['status']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Hub https:\/\/127\.0\.0\.1:\d+, workspace fleet-default$/m);
    expect(stdout).toMatch(/^GITREPOS \(1\)\nNAME\s+REPO\s+COMMIT/m);
    expect(stdout).toMatch(/^BUNDLES \(1\)\nNAME/m);
    expect(stdout).toContain('CLUSTERS (0)\n  none\n');
    expect(stdout).toContain('MANAGED NAMESPACES (0)\n  none\n');
    expect(stdout).toMatch(/^NOT READY \(2\)\nKIND\s+NAME\s+WHY\n/m);
    expect(stdout).toMatch(/^GitRepo\s+fleet-default\/web\s+NotReady: bundle web-apps: 1 of 2 clusters not ready$/m);
    expect(stdout).toMatch(/^Bundle\s+fleet-default\/web-apps\s+NotReady: cluster west: Deployment web\/api not ready$/m);
  });

  it('-A adds the other workspaces: the local cluster whose agent never checked in', async () => {
    const { stdout } = await hub.flotilla(['status', '-A']);
    expect(stdout).toMatch(/, all workspaces$/m);
    expect(stdout).toMatch(/^CLUSTERS \(1\)\nNAMESPACE\s+NAME/m);
    expect(stdout).toMatch(/^Cluster\s+fleet-local\/local\s+/m);
  });

  it('-o yaml prints counts and reasons for scripts', async () => {
    const summary = parse((await hub.flotilla(['status', '-o', 'yaml'])).stdout);
    expect(summary.counts).toEqual({ gitRepos: { total: 1, notReady: 1 }, bundles: { total: 1, notReady: 1 }, clusters: { total: 0, notReady: 0 }, managedNamespaces: { total: 0, notReady: 0 } });
    expect(summary.notReady.map((n: { kind: string }) => n.kind)).toEqual(['GitRepo', 'Bundle']);
  });
});

describe('flotilla version', () => {
  it('prints the client version from package.json and the hub’s /version', async () => {
    const { stdout } = await hub.flotilla(['version']);
    expect(stdout).toMatch(/^Client version: 0\.1\.0\nHub version: v1\.\d+\.\d+/);
  });

  it('-o json prints both as a document', async () => {
    const report = JSON.parse((await hub.flotilla(['version', '-o', 'json'])).stdout);
    expect(report).toMatchObject({ clientVersion: { version: '0.1.0' }, serverVersion: { major: '1' } });
  });

  it('without any kubeconfig it still prints the client version and says why the hub is unknown', async () => {
    const { stdout, code } = await hub.flotilla(['version'], { kubeconfig: false, env: { home: '/nonexistent-home' } });
    expect(code).toBe(0);
    expect(stdout).toContain('Client version: 0.1.0\nHub version: unknown (kubeconfig /nonexistent-home/.flotilla/hub.kubeconfig does not exist)');
  });
});
