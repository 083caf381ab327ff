/**
 * The GitRepo controller against a real embedded hub and a real git smart-HTTP server: a
 * repository with several paths yields Bundles and Contents; pushed commits change them by
 * polling or at once through the webhook; a commit touching one path leaves the others'
 * specs and resourceVersions alone; a broken fleet.yaml keeps the last good Bundles and
 * shows the error; a deleted path removes its Bundle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABELS } from '../../../src/api/names.js';
import { decodeContent } from '../../../src/bundle/index.js';
import { signHmacSha256 } from '../../../src/git/index.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { commitFiles } from '../../support/git-repo.js';
import { bundlesOf, condition, contentNames, createGitRepo, getGitRepo, startHarness, WORKSPACE, type ControllerHarness } from './gitrepo-support.js';

const PATHS = ['frontend', 'backend', 'shared/*'];
const BUNDLES = ['apps-backend', 'apps-frontend', 'apps-shared-config'];

describe('GitRepo controller', () => {
  let h: ControllerHarness;

  beforeAll(async () => {
    h = await startHarness({ fixture: 'multi-path' });
    await createGitRepo(h.client, 'apps', { repo: h.repoUrl, branch: 'main', paths: PATHS });
  });

  /** What GitHub sends for a push to main. */
  const pushWebhook = (commit: string): Promise<Response> => {
    const payload = JSON.stringify({ ref: 'refs/heads/main', after: commit, repository: { clone_url: h.repoUrl, html_url: h.repoUrl } });
    return fetch(h.controller.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'push' }, body: payload });
  };

  afterAll(async () => {
    await h?.stop();
  });

  it('bootstraps the system namespaces, workspaces, local Cluster and default ClusterGroup', async () => {
    for (const name of ['flotilla-system', 'flotilla-clusters-system', 'fleet-local', 'fleet-default']) {
      await expect(h.client.get({ apiVersion: 'v1', kind: 'Namespace', name })).resolves.toMatchObject({ metadata: { name } });
    }
    const cluster = await h.client.get<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Cluster', namespace: 'fleet-local', name: 'local' });
    expect(cluster.metadata.labels).toEqual({ name: 'local' });
    const group = await h.client.get<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'ClusterGroup', namespace: 'fleet-local', name: 'default' });
    expect(group.spec).toEqual({ selector: { matchLabels: { name: 'local' } } });
  });

  it('a GitRepo over several paths yields one Bundle per path, each naming a Content with its rendered objects', async () => {
    await expect.poll(async () => [...(await bundlesOf(h.client, 'apps')).keys()].sort(), { timeout: 15_000 }).toEqual(BUNDLES);
    const bundles = await bundlesOf(h.client, 'apps');
    const front = bundles.get('apps-frontend');
    expect(front?.metadata.labels).toMatchObject({ tier: 'front', [LABELS.repoName]: 'apps' });
    expect(front?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'GitRepo', name: 'apps', controller: true });
    expect(front?.spec.targets?.map((t) => t.name)).toEqual(['prod', 'default']);
    const contentName = front?.metadata.labels?.[LABELS.contentName] ?? '';
    expect(await contentNames(h.client)).toContain(contentName);
    const content = await h.client.get<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Content', name: contentName });
    const manifests = decodeContent(content.content as string, { sha256sum: content.sha256sum as string });
    expect(manifests.map((m) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`)).toEqual(['ConfigMap/web/frontend']);
    const back = decodeContent(((await h.client.get<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Content', name: bundles.get('apps-backend')?.metadata.labels?.[LABELS.contentName] ?? '' })).content as string));
    expect(back.map((m) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`).sort()).toEqual(['ConfigMap/api/backend', 'Secret/api/backend']);
  });

  it('the GitRepo shows the commit, its generation and Ready with bundle and resource counts', async () => {
    await expect.poll(async () => condition(await getGitRepo(h.client, 'apps'), 'Ready').status, { timeout: 10_000 }).toBe('True');
    const repo = await getGitRepo(h.client, 'apps');
    expect(repo.status?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(repo.status?.observedGeneration).toBe(repo.metadata.generation);
    expect(condition(repo, 'Ready').message).toBe('3 bundles, 4 resources');
    expect(condition(repo, 'GitPolling')).toMatchObject({ status: 'True', reason: 'Polled' });
    expect(condition(repo, 'Stalled').status).toBe('False');
  });

  it('a pushed commit touching one path changes that Bundle within a polling interval and leaves the others untouched', async () => {
    const before = await bundlesOf(h.client, 'apps');
    const commit = await commitFiles(h.repoPath, { files: { 'frontend/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frontend\ndata:\n  replicas: "2"\n' } });
    await expect.poll(async () => (await getGitRepo(h.client, 'apps')).status?.commit, { timeout: 10_000 }).toBe(commit);
    const after = await bundlesOf(h.client, 'apps');
    expect(after.get('apps-frontend')?.metadata.resourceVersion).not.toBe(before.get('apps-frontend')?.metadata.resourceVersion);
    expect(after.get('apps-frontend')?.metadata.labels?.[LABELS.commit]).toBe(commit);
    for (const name of ['apps-backend', 'apps-shared-config']) {
      expect(after.get(name)?.metadata.resourceVersion).toBe(before.get(name)?.metadata.resourceVersion);
      expect(JSON.stringify(after.get(name)?.spec)).toBe(JSON.stringify(before.get(name)?.spec));
    }
  });

  it('the old Content of a changed Bundle is garbage collected once nothing refers to it', async () => {
    const bundles = await bundlesOf(h.client, 'apps');
    const used = [...bundles.values()].map((b) => b.metadata.labels?.[LABELS.contentName] ?? '').sort();
    await expect.poll(() => contentNames(h.client), { timeout: 30_000 }).toEqual(used);
  });

  it('a broken fleet.yaml pushed on top keeps the last good Bundle and shows the file and field', async () => {
    const before = await bundlesOf(h.client, 'apps');
    const commit = await commitFiles(h.repoPath, { files: { 'backend/fleet.yaml': 'namespace: api\nnotAFleetKey: true\n' } });
    await expect.poll(async () => (await getGitRepo(h.client, 'apps')).status?.commit, { timeout: 10_000 }).toBe(commit);
    const repo = await getGitRepo(h.client, 'apps');
    expect(condition(repo, 'Stalled')).toMatchObject({ status: 'True', reason: 'BundleError' });
    expect(condition(repo, 'Ready').message).toContain('backend/fleet.yaml:2:1: notAFleetKey');
    expect(repo.status?.bundleErrors).toEqual([expect.objectContaining({ path: 'backend', bundleName: 'apps-backend', file: 'backend/fleet.yaml' })]);
    // The Bundle keeps its last good spec; only its status says the path failed (Accepted=False).
    const after = await bundlesOf(h.client, 'apps');
    expect(after.get('apps-backend')?.spec).toEqual(before.get('apps-backend')?.spec);
    expect(after.get('apps-backend')?.metadata.generation).toBe(before.get('apps-backend')?.metadata.generation);
    expect(after.get('apps-backend')?.status?.conditions?.find((c) => c.type === 'Accepted')).toMatchObject({ status: 'False' });
  });

  it('fixing the fleet.yaml clears the error', async () => {
    await commitFiles(h.repoPath, { files: { 'backend/fleet.yaml': 'namespace: api\n' } });
    await expect.poll(async () => condition(await getGitRepo(h.client, 'apps'), 'Ready').status, { timeout: 10_000 }).toBe('True');
    expect((await getGitRepo(h.client, 'apps')).status?.bundleErrors).toEqual([]);
  });

  it('a webhook push syncs at once, without waiting for the poll', async () => {
    await h.client.patch({ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', namespace: WORKSPACE, name: 'apps' }, { spec: { pollingInterval: '1h' } }, { type: 'merge' });
    // Let the controller take the new interval (and poll once) before pushing.
    await expect.poll(async () => (await getGitRepo(h.client, 'apps')).status?.observedGeneration, { timeout: 10_000 }).toBe(2);
    const commit = await commitFiles(h.repoPath, { files: { 'shared/config/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n' } });
    const res = await pushWebhook(commit);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ gitRepos: [`${WORKSPACE}/apps`] });
    await expect.poll(async () => (await getGitRepo(h.client, 'apps')).status?.commit, { timeout: 5_000 }).toBe(commit);
  });

  it('with a webhook Secret in flotilla-system, an unsigned push is refused and a signed one accepted', async () => {
    const secret = 'hook-secret';
    await h.client.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'flotilla-webhook', namespace: 'flotilla-system' }, data: { github: Buffer.from(secret).toString('base64') } });
    const body = JSON.stringify({ ref: 'refs/heads/main', after: '0'.repeat(40), repository: { clone_url: h.repoUrl } });
    const post = (headers: Record<string, string>) => fetch(h.controller.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'push', ...headers }, body });
    const unsigned = await post({});
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ reason: 'Unauthorized' });
    expect((await post({ 'x-hub-signature-256': `sha256=${signHmacSha256(body, 'wrong')}` })).status).toBe(401);
    const signed = await post({ 'x-hub-signature-256': `sha256=${signHmacSha256(body, secret)}` });
    expect(signed.status).toBe(202);
    await h.client.delete({ apiVersion: 'v1', kind: 'Secret', namespace: 'flotilla-system', name: 'flotilla-webhook' });
  });

  it('a deleted path removes its Bundle', async () => {
    const commit = await commitFiles(h.repoPath, { files: { 'shared/config': null } });
    expect((await pushWebhook(commit)).status).toBe(202);
    await expect.poll(async () => [...(await bundlesOf(h.client, 'apps')).keys()].sort(), { timeout: 10_000 }).toEqual(['apps-backend', 'apps-frontend']);
  });

  it('deleting the GitRepo removes its Bundles through their owner reference', async () => {
    await h.client.delete({ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', namespace: WORKSPACE, name: 'apps' });
    await expect.poll(async () => (await bundlesOf(h.client, 'apps')).size, { timeout: 10_000 }).toBe(0);
  });
});
