import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../api/bundle.js';
import type { GitRepo, GitRepoSpec } from '../../api/git-repo.js';
import { LABELS } from '../../api/names.js';
import { BundleError, fetchedChartPath, type SourceFile } from '../../bundle/index.js';
import { BUNDLE_ANNOTATIONS } from './bundle-bookkeeping.js';
import { HELM_CHARTS_ANNOTATION } from './chart-resources.js';
import { planBundles, type BundlesPlan } from './plan-bundles.js';

function gitRepo(spec: Partial<GitRepoSpec> = {}, labels: Record<string, string> = {}): GitRepo {
  return {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'GitRepo',
    metadata: { name: 'apps', namespace: 'fleet-default', uid: 'uid-1', labels },
    spec: { repo: 'https://example.com/apps.git', ...spec },
  };
}

function files(tree: Record<string, string>): SourceFile[] {
  return Object.entries(tree).map(([path, content]) => ({ path, content: Buffer.from(content) }));
}

const cm = (name: string, data = 'v1') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: ${data}\n`;

const base = {
  'frontend/fleet.yaml': 'defaultNamespace: web\nlabels:\n  tier: front\n',
  'frontend/cm.yaml': cm('front'),
  'backend/fleet.yaml': 'namespace: api\n',
  'backend/cm.yaml': cm('back'),
};

/** The Bundles a first plan of `tree` would write, as the hub stores them. */
function stored(tree: Record<string, string>, repo = gitRepo()): Bundle[] {
  return planBundles({ gitRepo: repo, commit: 'c1', files: files(tree), existing: [] }).bundles.map((b) => b.bundle);
}

function summary(plan: BundlesPlan) {
  return {
    actions: Object.fromEntries(plan.bundles.map((b) => [b.name, b.action])),
    deletes: plan.deletes,
    kept: plan.kept,
    errors: plan.errors.map((e) => `${e.path}: ${e.file ?? ''}`),
  };
}

interface Case {
  name: string;
  existing: Bundle[];
  tree: Record<string, string>;
  repo?: GitRepo;
  want: ReturnType<typeof summary>;
}

const cases: Case[] = [
  {
    name: 'a first poll creates one bundle per fleet.yaml directory',
    existing: [],
    tree: base,
    want: { actions: { 'apps-backend': 'create', 'apps-frontend': 'create' }, deletes: [], kept: [], errors: [] },
  },
  {
    name: 'a commit touching one path updates only that path’s bundle',
    existing: stored(base),
    tree: { ...base, 'frontend/cm.yaml': cm('front', 'v2') },
    want: { actions: { 'apps-backend': 'unchanged', 'apps-frontend': 'update' }, deletes: [], kept: [], errors: [] },
  },
  {
    name: 'a commit touching no bundle file leaves every bundle unchanged',
    existing: stored(base),
    tree: { ...base, 'README.md': 'hello' },
    want: { actions: { 'apps-backend': 'unchanged', 'apps-frontend': 'unchanged' }, deletes: [], kept: [], errors: [] },
  },
  {
    name: 'a deleted path deletes its bundle',
    existing: stored(base),
    tree: { 'frontend/fleet.yaml': base['frontend/fleet.yaml'], 'frontend/cm.yaml': base['frontend/cm.yaml'] },
    want: { actions: { 'apps-frontend': 'unchanged' }, deletes: ['apps-backend'], kept: [], errors: [] },
  },
  {
    name: 'a broken fleet.yaml keeps the last good bundle and names the file',
    existing: stored(base),
    tree: { ...base, 'backend/fleet.yaml': 'namespace: api\nbogusKey: 1\n' },
    want: { actions: { 'apps-frontend': 'unchanged' }, deletes: [], kept: ['apps-backend'], errors: ['backend: backend/fleet.yaml'] },
  },
  {
    name: 'a broken fleet.yaml keeps a bundle that fleet.yaml had renamed, found by its path',
    existing: stored({ ...base, 'backend/fleet.yaml': 'name: api-server\n' }),
    tree: { ...base, 'backend/fleet.yaml': 'name: [broken\n' },
    want: { actions: { 'apps-frontend': 'unchanged' }, deletes: [], kept: ['api-server'], errors: ['backend: backend/fleet.yaml'] },
  },
  {
    name: 'a broken fleet.yaml of a new path creates nothing and reports the error',
    existing: [],
    tree: { ...base, 'extra/fleet.yaml': 'labels: nope\n', 'extra/cm.yaml': cm('x') },
    want: { actions: { 'apps-backend': 'create', 'apps-frontend': 'create' }, deletes: [], kept: [], errors: ['extra: extra/fleet.yaml'] },
  },
  {
    name: 'changing the GitRepo’s targets updates every bundle',
    existing: stored(base),
    tree: base,
    repo: gitRepo({ targets: [{ clusterSelector: { matchLabels: { env: 'prod' } } }] }),
    want: { actions: { 'apps-backend': 'update', 'apps-frontend': 'update' }, deletes: [], kept: [], errors: [] },
  },
  {
    name: 'bumping forceSyncGeneration updates every bundle, so all are redeployed',
    existing: stored(base),
    tree: base,
    repo: gitRepo({ forceSyncGeneration: 2 }),
    want: { actions: { 'apps-backend': 'update', 'apps-frontend': 'update' }, deletes: [], kept: [], errors: [] },
  },
  {
    name: 'bundles of another GitRepo are neither updated nor deleted',
    existing: stored(base, { ...gitRepo(), metadata: { name: 'other', namespace: 'fleet-default', uid: 'u2' } }),
    tree: base,
    want: { actions: { 'apps-backend': 'create', 'apps-frontend': 'create' }, deletes: [], kept: [], errors: [] },
  },
  {
    name: 'a paths entry matching nothing is reported and its bundles deleted',
    existing: stored(base),
    tree: base,
    repo: gitRepo({ paths: ['frontend', 'gone'] }),
    want: { actions: { 'apps-frontend': 'unchanged' }, deletes: ['apps-backend'], kept: [], errors: ['gone: '] },
  },
];

describe('planBundles', () => {
  it.each(cases)('$name', ({ existing, tree, repo, want }) => {
    const plan = planBundles({ gitRepo: repo ?? gitRepo(), commit: 'c2', files: files(tree), existing });
    expect(summary(plan)).toEqual(want);
  });

  it('an unchanged bundle is returned exactly as stored, commit label included', () => {
    const existing = stored(base);
    const plan = planBundles({ gitRepo: gitRepo(), commit: 'c2', files: files(base), existing });
    for (const b of plan.bundles) expect(b.bundle).toBe(existing.find((e) => e.metadata.name === b.name));
    expect(plan.bundles[0]?.bundle.metadata.labels?.[LABELS.commit]).toBe('c1');
  });

  it('a written bundle carries labels, owner, path, commit and Fleet’s target encoding', () => {
    const repo = gitRepo({ targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }], targetNamespace: 'forced' }, { team: 'a' });
    const tree = {
      ...base,
      'frontend/fleet.yaml': 'labels:\n  tier: front\ntargetCustomizations:\n- name: eu\n  clusterSelector:\n    matchLabels: {region: eu}\n  namespaceLabels: {zone: eu}\n',
    };
    const plan = planBundles({ gitRepo: repo, commit: 'c9', files: files(tree), existing: [] });
    const front = plan.bundles.find((b) => b.name === 'apps-frontend')?.bundle;
    expect(front?.metadata.labels).toEqual({ team: 'a', tier: 'front', [LABELS.repoName]: 'apps', [LABELS.commit]: 'c9' });
    expect(front?.metadata.ownerReferences).toEqual([
      { apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', name: 'apps', uid: 'uid-1', controller: true, blockOwnerDeletion: true },
    ]);
    expect(front?.metadata.annotations?.[BUNDLE_ANNOTATIONS.path]).toBe('frontend');
    expect(front?.spec.namespace).toBe('forced');
    expect(front?.spec.targets).toEqual([
      { name: 'eu', clusterSelector: { matchLabels: { region: 'eu' } }, namespaceLabels: { zone: 'eu' } },
      { name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } },
    ]);
    expect(front?.spec.targetRestrictions).toEqual([{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }]);
    expect(front?.spec.resources?.map((r) => r.name)).toEqual(['cm.yaml', 'fleet.yaml']);
  });

  it('a GitRepo without targets deploys to ClusterGroup default, and keepResources drops the owner', () => {
    const plan = planBundles({ gitRepo: gitRepo({ keepResources: true }), commit: 'c1', files: files(base), existing: [] });
    const back = plan.bundles.find((b) => b.name === 'apps-backend')?.bundle;
    expect(back?.spec.targets).toEqual([{ name: 'default', clusterGroup: 'default' }]);
    expect(back?.spec.keepResources).toBe(true);
    expect(back?.metadata.ownerReferences).toBeUndefined();
  });

  it('a Fleet key Flotilla does not implement yet is a finding, and the bundle is still written', () => {
    const tree = { ...base, 'backend/fleet.yaml': 'namespace: api\nimageScans:\n  - image: x\n' };
    const plan = planBundles({ gitRepo: gitRepo(), commit: 'c1', files: files(tree), existing: [] });
    expect(plan.bundles.map((b) => b.name)).toContain('apps-backend');
    expect(plan.findings.map((f) => `${f.file} ${f.field}`)).toEqual(['backend/fleet.yaml imageScans']);
  });
});

describe('planBundles with Helm charts', () => {
  const helmTree = { ...base, 'charts/fleet.yaml': 'helm:\n  repo: http://127.0.0.1:1/stable\n  chart: web\n  version: ^1.0.0\n' };
  const source = { kind: 'repository' as const, repo: 'http://127.0.0.1:1/stable', name: 'web', version: '^1.0.0' };
  const fetched = { source, file: { path: fetchedChartPath(source), content: Buffer.from([0x1f, 0x8b, 0, 1, 2]) }, version: '1.4.2', url: 'http://127.0.0.1:1/stable/web-1.4.2.tgz' };

  it('a fetched chart travels in the Bundle resources, its version is recorded, and the release is named after the Bundle', () => {
    const plan = planBundles({ gitRepo: gitRepo(), commit: 'c1', files: files(helmTree), existing: [], charts: new Map([['charts', [fetched]]]) });
    const bundle = plan.bundles.find((b) => b.name === 'apps-charts')?.bundle;
    expect(bundle?.spec.resources?.map((r) => r.name)).toEqual([fetchedChartPath(source), 'fleet.yaml']);
    expect(bundle?.spec.helm).toEqual({ repo: source.repo, chart: 'web', version: '^1.0.0', releaseName: 'apps-charts' });
    expect(JSON.parse(bundle?.metadata.annotations?.[HELM_CHARTS_ANNOTATION] ?? '[]')).toEqual([
      { chart: 'web', repo: source.repo, requested: '^1.0.0', version: '1.4.2', url: fetched.url, path: fetchedChartPath(source) },
    ]);
  });

  it('a chart that could not be fetched keeps the last good Bundle and reports the error on fleet.yaml', () => {
    const existing = planBundles({ gitRepo: gitRepo(), commit: 'c1', files: files(helmTree), existing: [], charts: new Map([['charts', [fetched]]]) }).bundles.map((b) => b.bundle);
    const error = new BundleError({ reason: 'ChartFetchFailed', file: 'charts/fleet.yaml', field: 'helm.repo', message: 'GET http://127.0.0.1:1/stable/index.yaml: connect ECONNREFUSED' });
    const plan = planBundles({ gitRepo: gitRepo(), commit: 'c2', files: files(helmTree), existing, charts: new Map([['charts', error]]) });
    expect(summary(plan)).toEqual({ actions: { 'apps-backend': 'unchanged', 'apps-frontend': 'unchanged' }, deletes: [], kept: ['apps-charts'], errors: ['charts: charts/fleet.yaml'] });
    expect(plan.errors[0]?.message).toMatch(/helm.repo: GET .* ECONNREFUSED/);
  });
});
