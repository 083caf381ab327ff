/**
 * Helm charts from every source Rancher Fleet reads, deployed end to end: a chart directory
 * in the bundle, a chart at the bundle root, a `.tgz` committed to git, a `.tgz` at a URL,
 * a chart from a Helm repository at an exact version and at a semver range, and one from a
 * repository behind basic auth (GitRepo `helmSecretName`); and a chart whose crds/ defines
 * the kind its templates use, with an install hook and a test hook. Each member's ConfigMap and
 * Deployment are checked field by field: the values given, the chart version resolved, the
 * release name and namespace Helm rendered with.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, packageChart, startHelmRepoServer, type HelmRepoServer } from '../../support/helm-repo-server.js';
import type { RepoFile } from '../../support/git-repo.js';
import {
  GREETER,
  MEMBER_NAMES,
  STEP_TIMEOUT,
  WAIT,
  WORKSPACE,
  configMapOn,
  conditionsMentioning,
  deploymentOf,
  deploymentShape,
  fixtureTree,
  getOrUndefined,
  gitRepoOf,
  type HelmFleet,
  type MemberName,
  useHelmFleet,
} from './deploy-harness.js';

const CREDENTIALS = { username: 'chart-reader', password: 'n0t-a-real-password' };
let fleet: HelmFleet;
let open: HelmRepoServer;
let locked: HelmRepoServer;

/** The repository's files: every case's fleet.yaml, the chart copies and a packaged chart. */
async function repositoryFiles(helm: string): Promise<Record<string, RepoFile>> {
  const vars = { HELM_REPO: open.url, PRIVATE_REPO: locked.url };
  const packaged = await mkdtemp(join(tmpdir(), 'flotilla-helm-tgz-'));
  try {
    const tgz = await packageChart(helm, { dir: GREETER, version: '0.2.0' }, packaged);
    const files: Record<string, RepoFile> = { 'tgz-chart/greeter-0.2.0.tgz': await readFile(tgz) };
    for (const path of ['local-chart', 'chart-at-root', 'tgz-chart', 'url-chart', 'repo-chart', 'repo-range', 'private-chart', 'crds-chart']) Object.assign(files, await fixtureTree(`repos/${path}`, path, vars));
    Object.assign(files, await fixtureTree('charts/greeter', 'local-chart/greeter'), await fixtureTree('charts/greeter', 'chart-at-root'), await fixtureTree('charts/widgets', 'crds-chart/widgets'));
    return files;
  } finally {
    await rm(packaged, { recursive: true, force: true });
  }
}

useHelmFleet(
  async (started) => {
    fleet = started;
    const helm = await helmBinary();
    const versions = ['0.1.0', '0.2.0', '1.0.0'].map((version) => ({ dir: GREETER, version }));
    open = await startHelmRepoServer({ helm, charts: versions });
    locked = await startHelmRepoServer({ helm, charts: versions, auth: CREDENTIALS });
    await fleet.hub.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'chart-credentials', namespace: WORKSPACE }, type: 'kubernetes.io/basic-auth', stringData: CREDENTIALS });
    await fleet.commit(await repositoryFiles(helm), 'charts from every source');
    for (const path of ['local-chart', 'chart-at-root', 'tgz-chart', 'url-chart', 'repo-chart', 'repo-range', 'crds-chart']) await fleet.addGitRepo(path, { paths: [path] });
    await fleet.addGitRepo('private-chart', { paths: ['private-chart'], helmSecretName: 'chart-credentials' });
    // The same private chart without credentials: it must fail, and say why.
    await fleet.addGitRepo('no-credentials', { paths: ['private-chart'] });
  },
  async () => {
    await open?.stop();
    await locked?.stop();
  },
);

interface ChartCase {
  name: string;
  path: string;
  namespace: string;
  release: string;
  chartVersion: string;
  greeting: string;
  replicas: number;
  image: string;
}

const cases: ChartCase[] = [
  { name: 'a chart directory in the bundle deploys with its fleet.yaml values', path: 'local-chart', namespace: 'helm-local', release: 'local', chartVersion: '0.1.0', greeting: 'from a chart directory', replicas: 2, image: 'registry.example.com/greeter:1.0' },
  { name: 'a chart at the bundle root deploys under a release named after the bundle', path: 'chart-at-root', namespace: 'helm-root', release: 'chart-at-root-chart-at-root', chartVersion: '0.1.0', greeting: 'from the bundle root', replicas: 1, image: 'registry.example.com/greeter:1.0' },
  { name: 'a .tgz committed to git deploys the version it packages', path: 'tgz-chart', namespace: 'helm-tgz', release: 'packaged', chartVersion: '0.2.0', greeting: 'from a packaged chart', replicas: 1, image: 'registry.example.com/greeter:1.0' },
  { name: 'a .tgz at an HTTP URL is fetched and deployed', path: 'url-chart', namespace: 'helm-url', release: 'by-url', chartVersion: '0.1.0', greeting: 'from a chart URL', replicas: 1, image: 'registry.example.com/greeter:1.0' },
  { name: 'a repository chart at an exact version deploys that version', path: 'repo-chart', namespace: 'helm-repo', release: 'from-repo', chartVersion: '0.1.0', greeting: 'from a chart repository', replicas: 1, image: 'registry.example.com/greeter:1.1' },
  { name: 'a repository chart at a semver range deploys the newest version in range', path: 'repo-range', namespace: 'helm-range', release: 'ranged', chartVersion: '0.2.0', greeting: 'hello', replicas: 1, image: 'registry.example.com/greeter:1.0' },
  { name: 'a repository chart behind basic auth deploys with the helmSecretName credentials', path: 'private-chart', namespace: 'helm-private', release: 'private', chartVersion: '0.1.0', greeting: 'from a private repository', replicas: 1, image: 'registry.example.com/greeter:1.0' },
];

describe('Helm charts deployed on the members', { timeout: STEP_TIMEOUT }, () => {
  it.each(cases)('$name', async (c) => {
    for (const member of MEMBER_NAMES) {
      await expect.poll(async () => (await configMapOn(fleet, member, c.namespace, `${c.release}-settings`))?.data, WAIT).toEqual({
        greeting: c.greeting,
        cluster: 'unknown',
        region: 'none',
        chartVersion: c.chartVersion,
        releaseNamespace: c.namespace,
      });
      const configMap = await configMapOn(fleet, member, c.namespace, `${c.release}-settings`);
      expect(configMap?.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'greeter', 'app.kubernetes.io/instance': c.release, 'helm.sh/chart': `greeter-${c.chartVersion}`, 'greeter.example.com/tier': 'standard' });
      // The agent applies in order; the Deployment may land a moment after the ConfigMap.
      await expect.poll(() => deploymentShape(fleet, member, c.namespace, c.release), WAIT).toEqual({
        replicas: c.replicas,
        image: c.image,
        greeting: c.greeting,
        labels: expect.objectContaining({ 'app.kubernetes.io/instance': c.release, 'helm.sh/chart': `greeter-${c.chartVersion}` }),
      });
    }
    const repo = await gitRepoOf(fleet, c.path);
    expect(repo?.status?.conditions?.find((cond) => cond.type === 'Ready')).toMatchObject({ status: 'True' });
  });
});

describe('CRDs and hooks of a chart', { timeout: STEP_TIMEOUT }, () => {
  const objectOn = (member: MemberName, apiVersion: string, kind: string, name: string) => getOrUndefined(fleet.member[member], { apiVersion, kind, namespace: 'helm-crds', name });

  it.each(MEMBER_NAMES)('%s gets the CRD from crds/, then a custom resource of its kind, and the install hook but not the test hook', async (member) => {
    await expect.poll(async () => (await objectOn(member, 'e2e.flotilla.io/v1', 'Widget', 'gadgets'))?.spec, WAIT).toEqual({ size: 7 });
    const crd = await getOrUndefined(fleet.member[member], { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'widgets.e2e.flotilla.io' });
    expect(crd?.spec).toMatchObject({ group: 'e2e.flotilla.io', scope: 'Namespaced', names: { kind: 'Widget' } });
    expect((await objectOn(member, 'v1', 'ConfigMap', 'gadgets-before'))?.data).toEqual({ phase: 'pre-install' });
    expect(await objectOn(member, 'v1', 'ConfigMap', 'gadgets-test')).toBeUndefined();
  });
});

describe('credentials of a private chart repository', { timeout: STEP_TIMEOUT }, () => {
  it('the Authorization header reached only the repository it belongs to', async () => {
    await expect.poll(async () => (await configMapOn(fleet, 'east', 'helm-private', 'private-settings'))?.data?.greeting, WAIT).toBe('from a private repository');
    const served = locked.requests.filter((r) => r.status === 200);
    expect(served.map((r) => r.path)).toEqual(expect.arrayContaining(['/index.yaml', '/greeter-0.1.0.tgz']));
    expect(served.every((r) => r.user === CREDENTIALS.username)).toBe(true);
    expect(open.requests.length).toBeGreaterThan(0);
    expect(open.requests.filter((r) => r.authorization !== undefined)).toEqual([]);
    expect(fleet.git.requests.filter((r) => r.sentCredentials)).toEqual([]);
  });

  it('without helmSecretName the same chart is refused with 401, shown on the GitRepo, and nothing is deployed', async () => {
    await expect.poll(async () => conditionsMentioning(await gitRepoOf(fleet, 'no-credentials'), /401|unauthori[sz]ed/i), WAIT).not.toEqual([]);
    for (const member of MEMBER_NAMES) expect(await deploymentOf(fleet, member, 'no-credentials-private-chart')).toBeUndefined();
    expect(locked.requests.filter((r) => r.status === 401).every((r) => r.authorization === undefined)).toBe(true);
  });
});
