/**
 * The example repository a platform team starts from (examples/platform-namespaces), served
 * from a real git server and deployed with its own hub/gitrepo.yaml: every path renders, the
 * team namespaces appear as ManagedNamespace records deployed to the prod and staging
 * clusters, and the apps' Bundles target the same clusters.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Bundle } from '../../../src/api/bundle.js';
import { API_VERSION } from '../../../src/api/group.js';
import type { GitRepo } from '../../../src/api/git-repo.js';
import { commitFiles } from '../../support/git-repo.js';
import { createCluster, deploymentOf, getOrUndefined, managedNamespace, startHub, WORKSPACE, type Hub } from './harness.js';

const EXAMPLE = join(import.meta.dirname, '../../../examples/platform-namespaces');
const WAIT = { timeout: 20_000, interval: 100 };
let hub: Hub;

async function files(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else out[relative(root, path).split('\\').join('/')] = await readFile(path, 'utf8');
    }
  };
  await visit(root);
  return out;
}

beforeAll(async () => {
  hub = await startHub();
  await createCluster(hub.client, 'prod-eu-1', { env: 'prod' });
  await createCluster(hub.client, 'staging-1', { env: 'staging' });
  await createCluster(hub.client, 'dev-1', { env: 'dev' });
  await commitFiles(hub.repoPath, { files: await files(EXAMPLE) });
  const gitRepo = parse(await readFile(join(EXAMPLE, 'hub/gitrepo.yaml'), 'utf8')) as GitRepo;
  await hub.client.create({ ...gitRepo, spec: { ...gitRepo.spec, repo: hub.repoUrl } });
});

afterAll(async () => {
  await hub?.stop();
});

describe('examples/platform-namespaces', () => {
  it('every path becomes a Bundle without errors', async () => {
    await expect.poll(async () => (await getOrUndefined<GitRepo>(hub.client, { kind: 'GitRepo', namespace: WORKSPACE, name: 'platform' }))?.status?.conditions?.find((c) => c.type === 'Ready')?.status, WAIT).toBe('True');
    const { items } = await hub.client.listAll<Bundle>({ apiVersion: API_VERSION, kind: 'Bundle' }, { namespace: WORKSPACE, labelSelector: 'flotilla.io/repo-name=platform' });
    expect(items.map((b) => b.metadata.name).sort()).toEqual(['platform-apps-payments-api', 'platform-apps-search-web', 'platform-namespaces']);
  });

  it('the team namespaces are ManagedNamespace records deployed to prod and staging only', async () => {
    for (const name of ['team-payments', 'team-search', 'sandbox-ml']) {
      await expect.poll(async () => (await managedNamespace(hub.client, name))?.metadata.labels?.['flotilla.io/managed-namespace-source'], WAIT).toBe('git');
    }
    expect((await managedNamespace(hub.client, 'team-payments'))?.spec).toMatchObject({ adoptionPolicy: 'IfIdentical', deletePolicy: 'Keep', resourceQuota: { cpuLimits: '4' } });
    for (const cluster of ['prod-eu-1', 'staging-1']) await expect.poll(() => deploymentOf(hub.client, cluster, 'platform-namespaces'), WAIT).toBeDefined();
    expect(await deploymentOf(hub.client, 'dev-1', 'platform-namespaces')).toBeUndefined();
    await expect.poll(async () => (await managedNamespace(hub.client, 'team-search'))?.status?.members?.map((m) => m.clusterName), WAIT).toEqual(['prod-eu-1', 'staging-1']);
  });

  it('the apps depend on the namespaces bundle and target the same clusters', async () => {
    const app = await getOrUndefined<Bundle>(hub.client, { kind: 'Bundle', namespace: WORKSPACE, name: 'platform-apps-payments-api' });
    expect(app?.spec.dependsOn).toEqual([{ name: 'platform-namespaces' }]);
    expect(app?.spec.defaultNamespace).toBe('team-payments');
    await expect.poll(() => deploymentOf(hub.client, 'staging-1', 'platform-apps-search-web'), WAIT).toBeDefined();
  });
});
