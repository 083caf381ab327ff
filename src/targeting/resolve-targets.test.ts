import { describe, expect, it } from 'vitest';
import type { TargetBundle } from './bundle-target.js';
import { ClusterIndex } from './cluster-index.js';
import type { NamespaceMapping } from './namespace-mapping.js';
import { explainTarget, resolveTargets, type ResolveTargetsInput } from './resolve-targets.js';
import type { Restriction, TargetGitRepo } from './restriction.js';
import type { TargetCluster, TargetGroup, WorkspaceNamespace } from './target-cluster.js';
import type { TargetDecision } from './target-decision.js';

const clusters: TargetCluster[] = [
  { name: 'prod-1', namespace: 'fleet-default', labels: { env: 'prod', region: 'eu' } },
  { name: 'prod-2', namespace: 'fleet-default', labels: { env: 'prod', region: 'us' } },
  { name: 'dev-1', namespace: 'fleet-default', labels: { env: 'dev' } },
  { name: 'a-1', namespace: 'team-a', labels: { env: 'prod' } },
  { name: 'b-1', namespace: 'team-b', labels: { env: 'prod' } },
];
const groups: TargetGroup[] = [
  { name: 'default', namespace: 'fleet-default', labels: {}, selector: {} },
  { name: 'eu', namespace: 'fleet-default', labels: { geo: 'true' }, selector: { matchLabels: { region: 'eu' } } },
  { name: 'default', namespace: 'team-a', labels: {}, selector: {} },
];
const namespaces: WorkspaceNamespace[] = ['fleet-default', 'team-a', 'team-b'].map((name) => ({
  name,
  labels: { 'kubernetes.io/metadata.name': name, tier: name === 'fleet-default' ? 'shared' : 'tenant' },
}));
const gitRepo: TargetGitRepo = { name: 'repo', namespace: 'fleet-default', repo: 'https://git.example.com/platform.git' };
const toTenants: NamespaceMapping = {
  name: 'to-tenants',
  namespace: 'fleet-default',
  bundleSelector: { matchLabels: { app: 'shared' } },
  namespaceSelector: { matchLabels: { tier: 'tenant' } },
};

function bundle(fields: Partial<TargetBundle>): TargetBundle {
  return { name: 'app', namespace: 'fleet-default', ...fields };
}

/** Each cluster's outcome as one string: `targeted:<target name>` or the reason. */
function outcomes(decisions: readonly TargetDecision[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const d of decisions) result[d.cluster] = d.targeted ? `targeted:${d.target.name ?? d.target.index}` : d.reason;
  return result;
}

function world(extra: Partial<ResolveTargetsInput>): ResolveTargetsInput {
  return { bundles: [], clusters, groups, namespaces, gitRepos: [gitRepo], ...extra };
}

const others = { 'team-a/a-1': 'NoNamespaceMapping', 'team-b/b-1': 'NoNamespaceMapping' };

const cases: { name: string; input: Partial<ResolveTargetsInput>; want: Record<string, string> }[] = [
  {
    name: 'a GitRepo without targets goes to ClusterGroup default of its workspace only',
    input: { bundles: [bundle({ gitRepoName: 'repo' })] },
    want: { 'fleet-default/prod-1': 'targeted:default', 'fleet-default/prod-2': 'targeted:default', 'fleet-default/dev-1': 'targeted:default', ...others },
  },
  {
    name: 'a bundle without a GitRepo and without targets reaches nothing (reason: NoTargetMatched)',
    input: { bundles: [bundle({})] },
    want: { 'fleet-default/prod-1': 'NoTargetMatched', 'fleet-default/prod-2': 'NoTargetMatched', 'fleet-default/dev-1': 'NoTargetMatched', ...others },
  },
  {
    name: 'the first matching target wins, in order',
    input: {
      bundles: [
        bundle({
          targets: [
            { name: 'eu', clusterGroup: 'eu' },
            { name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } },
            { name: 'rest', clusterSelector: {} },
          ],
        }),
      ],
    },
    want: { 'fleet-default/prod-1': 'targeted:eu', 'fleet-default/prod-2': 'targeted:prod', 'fleet-default/dev-1': 'targeted:rest', ...others },
  },
  {
    name: 'a target by clusterName reaches that cluster only',
    input: { bundles: [bundle({ targets: [{ name: 'one', clusterName: 'prod-2' }] })] },
    want: { 'fleet-default/prod-1': 'NoTargetMatched', 'fleet-default/prod-2': 'targeted:one', 'fleet-default/dev-1': 'NoTargetMatched', ...others },
  },
  {
    name: 'a target by clusterGroupSelector reaches the members of the selected groups',
    input: { bundles: [bundle({ targets: [{ name: 'geo', clusterGroupSelector: { matchLabels: { geo: 'true' } } }] })] },
    want: { 'fleet-default/prod-1': 'targeted:geo', 'fleet-default/prod-2': 'NoTargetMatched', 'fleet-default/dev-1': 'NoTargetMatched', ...others },
  },
  {
    name: 'a first matching target with doNotDeploy keeps the cluster out even if a later target matches (reason: DoNotDeploy)',
    input: { bundles: [bundle({ targets: [{ name: 'skip', clusterGroup: 'eu', doNotDeploy: true }, { name: 'all', clusterSelector: {} }] })] },
    want: { 'fleet-default/prod-1': 'DoNotDeploy', 'fleet-default/prod-2': 'targeted:all', 'fleet-default/dev-1': 'targeted:all', ...others },
  },
  {
    name: 'targetRestrictions bound what the targets reach (reason: RestrictedByTargetRestrictions)',
    input: { bundles: [bundle({ targets: [{ name: 'all', clusterSelector: {} }], targetRestrictions: [{ clusterSelector: { matchLabels: { env: 'prod' } } }] })] },
    want: { 'fleet-default/prod-1': 'targeted:all', 'fleet-default/prod-2': 'targeted:all', 'fleet-default/dev-1': 'RestrictedByTargetRestrictions', ...others },
  },
  {
    name: "the GitRepo's targets bound a bundle's own targets (reason: RestrictedByGitRepoTargets)",
    input: {
      gitRepos: [{ ...gitRepo, targets: [{ name: 'eu-only', clusterGroup: 'eu' }] }],
      bundles: [bundle({ gitRepoName: 'repo', targets: [{ name: 'all', clusterSelector: {} }] })],
    },
    want: { 'fleet-default/prod-1': 'targeted:all', 'fleet-default/prod-2': 'RestrictedByGitRepoTargets', 'fleet-default/dev-1': 'RestrictedByGitRepoTargets', ...others },
  },
  {
    name: "the GitRepo's default group bounds a bundle's own targets when the GitRepo has none",
    input: {
      groups: groups.filter((g) => g.name !== 'default' || g.namespace !== 'fleet-default'),
      bundles: [bundle({ gitRepoName: 'repo', targets: [{ name: 'all', clusterSelector: {} }] })],
    },
    want: { 'fleet-default/prod-1': 'RestrictedByGitRepoTargets', 'fleet-default/prod-2': 'RestrictedByGitRepoTargets', 'fleet-default/dev-1': 'RestrictedByGitRepoTargets', ...others },
  },
  {
    name: 'a customization with doNotDeploy keeps its clusters out (reason: DoNotDeploy)',
    input: { bundles: [bundle({ targets: [{ name: 'all', clusterSelector: {} }], targetCustomizations: [{ name: 'no-dev', clusterSelector: { matchLabels: { env: 'dev' } }, doNotDeploy: true }] })] },
    want: { 'fleet-default/prod-1': 'targeted:all', 'fleet-default/prod-2': 'targeted:all', 'fleet-default/dev-1': 'DoNotDeploy', ...others },
  },
  {
    name: 'a customization never reaches a cluster no target chose',
    input: { bundles: [bundle({ targets: [{ name: 'eu', clusterGroup: 'eu' }], targetCustomizations: [{ name: 'dev', clusterSelector: { matchLabels: { env: 'dev' } }, namespace: 'x' }] })] },
    want: { 'fleet-default/prod-1': 'targeted:eu', 'fleet-default/prod-2': 'NoTargetMatched', 'fleet-default/dev-1': 'NoTargetMatched', ...others },
  },
  {
    name: 'a mapping matching the bundle opens the tenant workspaces to its targets',
    input: { mappings: [toTenants], bundles: [bundle({ labels: { app: 'shared' }, targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }] })] },
    want: { 'fleet-default/prod-1': 'targeted:prod', 'fleet-default/prod-2': 'targeted:prod', 'fleet-default/dev-1': 'NoTargetMatched', 'team-a/a-1': 'targeted:prod', 'team-b/b-1': 'targeted:prod' },
  },
  {
    name: "a mapping's group target uses the groups of each mapped workspace",
    input: { mappings: [toTenants], bundles: [bundle({ labels: { app: 'shared' }, targets: [{ name: 'default', clusterGroup: 'default' }] })] },
    want: { 'fleet-default/prod-1': 'targeted:default', 'fleet-default/prod-2': 'targeted:default', 'fleet-default/dev-1': 'targeted:default', 'team-a/a-1': 'targeted:default', 'team-b/b-1': 'NoTargetMatched' },
  },
  {
    name: "a mapping whose bundleSelector does not match the bundle opens nothing (reason: NoNamespaceMapping)",
    input: { mappings: [toTenants], bundles: [bundle({ labels: { app: 'private' }, targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }] })] },
    want: { 'fleet-default/prod-1': 'targeted:prod', 'fleet-default/prod-2': 'targeted:prod', 'fleet-default/dev-1': 'NoTargetMatched', ...others },
  },
  {
    name: 'a mapping opens only the namespaces its namespaceSelector matches',
    input: {
      mappings: [{ ...toTenants, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-a' } } }],
      bundles: [bundle({ labels: { app: 'shared' }, targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }] })],
    },
    want: { 'fleet-default/prod-1': 'targeted:prod', 'fleet-default/prod-2': 'targeted:prod', 'fleet-default/dev-1': 'NoTargetMatched', 'team-a/a-1': 'targeted:prod', 'team-b/b-1': 'NoNamespaceMapping' },
  },
  {
    name: "a mapping in another workspace does not apply to the bundle",
    input: { mappings: [{ ...toTenants, namespace: 'team-a' }], bundles: [bundle({ labels: { app: 'shared' }, targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }] })] },
    want: { 'fleet-default/prod-1': 'targeted:prod', 'fleet-default/prod-2': 'targeted:prod', 'fleet-default/dev-1': 'NoTargetMatched', ...others },
  },
  {
    name: 'a mapping without a namespaceSelector opens nothing',
    input: { mappings: [{ ...toTenants, namespaceSelector: null }], bundles: [bundle({ labels: { app: 'shared' }, targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }] })] },
    want: { 'fleet-default/prod-1': 'targeted:prod', 'fleet-default/prod-2': 'targeted:prod', 'fleet-default/dev-1': 'NoTargetMatched', ...others },
  },
  {
    name: 'a GitRepoRestriction refusing the repository keeps every cluster out (reason: RestrictedByGitRepoRestriction)',
    input: {
      restrictions: [{ name: 'only-internal', namespace: 'fleet-default', allowedRepoPatterns: ['^https://internal\\.example\\.com/'] }],
      bundles: [bundle({ gitRepoName: 'repo' })],
    },
    want: {
      'fleet-default/prod-1': 'RestrictedByGitRepoRestriction',
      'fleet-default/prod-2': 'RestrictedByGitRepoRestriction',
      'fleet-default/dev-1': 'RestrictedByGitRepoRestriction',
      ...others,
    },
  },
  {
    name: 'a customization choosing a service account the restriction does not allow is refused on its clusters only',
    input: {
      restrictions: [{ name: 'sa', namespace: 'fleet-default', allowedServiceAccounts: ['deployer'], defaultServiceAccount: 'deployer' }],
      bundles: [bundle({ gitRepoName: 'repo', targetCustomizations: [{ name: 'eu', clusterGroup: 'eu', serviceAccount: 'root' }] })],
    },
    want: { 'fleet-default/prod-1': 'RestrictedByGitRepoRestriction', 'fleet-default/prod-2': 'targeted:default', 'fleet-default/dev-1': 'targeted:default', ...others },
  },
  {
    name: 'a restriction in another workspace does not apply',
    input: {
      restrictions: [{ name: 'only-internal', namespace: 'team-a', allowedRepoPatterns: ['^https://internal\\.example\\.com/'] }],
      bundles: [bundle({ targets: [{ name: 'one', clusterName: 'prod-1' }], gitRepoName: 'repo' })],
    },
    want: { 'fleet-default/prod-1': 'targeted:one', 'fleet-default/prod-2': 'NoTargetMatched', 'fleet-default/dev-1': 'NoTargetMatched', ...others },
  },
];

describe('resolveTargets', () => {
  it.each(cases)('$name', ({ input, want }) => {
    const [resolution] = resolveTargets({ ...world(input), explain: true });
    expect(resolution?.error).toBeUndefined();
    expect(outcomes(resolution?.decisions ?? [])).toEqual(want);
  });

  it.each(cases)('with a cluster index: $name', ({ input, want }) => {
    const [resolution] = resolveTargets({ ...world(input), clusters: new ClusterIndex(clusters) });
    const withoutUnmatched = Object.fromEntries(Object.entries(want).filter(([, v]) => v !== 'NoTargetMatched' && v !== 'NoNamespaceMapping'));
    expect(outcomes(resolution?.decisions ?? [])).toEqual(withoutUnmatched);
  });

  it('leaves out clusters no target matches unless asked to explain', () => {
    const [resolution] = resolveTargets(world({ bundles: [bundle({ targets: [{ name: 'one', clusterName: 'prod-1' }] })] }));
    expect(outcomes(resolution?.decisions ?? [])).toEqual({ 'fleet-default/prod-1': 'targeted:one' });
  });

  it('every refusal carries a message', () => {
    const resolutions = cases.flatMap(({ input }) => resolveTargets({ ...world(input), explain: true }));
    for (const d of resolutions.flatMap((r) => r.decisions)) expect(d.message.length).toBeGreaterThan(10);
  });
});

describe('resolved options', () => {
  const shaped = bundle({
    gitRepoName: 'repo',
    defaultNamespace: 'apps',
    helm: { values: { replicas: 1, image: { tag: 'v1', pullPolicy: 'IfNotPresent' } } },
    targets: [{ name: 'all', clusterSelector: {}, labels: { team: 'platform' } }],
    targetCustomizations: [
      { name: 'eu', clusterGroup: 'eu', namespace: 'apps-eu', labels: { geo: 'eu' }, helm: { values: { image: { tag: 'v2' } } }, yaml: { overlays: ['eu'] }, kustomize: { dir: 'overlays/eu' } },
      { name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } }, paused: true, defaultNamespace: '-' },
    ],
  });
  const repo: TargetGitRepo = { ...gitRepo, serviceAccount: 'deployer', targets: [{ clusterSelector: {} }] };
  const forcing: TargetGitRepo = { ...repo, targetNamespace: 'apps-forced' };

  function optionsOf(input: Partial<ResolveTargetsInput>, cluster: string) {
    const [r] = resolveTargets(world({ gitRepos: [repo], ...input }));
    const d = r?.decisions.find((x) => x.cluster === cluster);
    if (!d?.targeted) throw new Error(`not targeted: ${JSON.stringify(d)}`);
    return d;
  }

  it('the target labels and the first matching customization apply: namespace, labels, overlays, kustomize dir and deep-merged Helm values', () => {
    const d = optionsOf({ bundles: [shaped] }, 'fleet-default/prod-1');
    expect(d.customizations).toEqual([{ index: 0, name: 'eu' }]);
    expect(d.options).toMatchObject({
      defaultNamespace: 'apps',
      namespace: 'apps-eu',
      labels: { team: 'platform', geo: 'eu' },
      helm: { values: { replicas: 1, image: { tag: 'v2', pullPolicy: 'IfNotPresent' } } },
      yaml: { overlays: ['eu'] },
      kustomize: { dir: 'overlays/eu' },
    });
  });

  it('the GitRepo service account and target namespace flow into the options, over a customization', () => {
    expect(optionsOf({ gitRepos: [forcing], bundles: [shaped] }, 'fleet-default/dev-1').options).toMatchObject({ serviceAccount: 'deployer', namespace: 'apps-forced' });
    expect(optionsOf({ gitRepos: [forcing], bundles: [shaped] }, 'fleet-default/prod-1').options).toMatchObject({ serviceAccount: 'deployer', namespace: 'apps-forced' });
  });

  it("a restriction's target namespace selector flows into the options for the agent to check", () => {
    const restrictions: Restriction[] = [{ name: 'r', namespace: 'fleet-default', allowedTargetNamespaceSelector: { matchLabels: { tenant: 'platform' } } }];
    const d = optionsOf({ gitRepos: [forcing], restrictions, bundles: [shaped] }, 'fleet-default/dev-1');
    expect(d.options.allowedTargetNamespaceSelector).toEqual({ matchExpressions: [{ key: 'tenant', operator: 'In', values: ['platform'] }] });
  });

  it('a customization can pause a cluster and clear a namespace with "-"', () => {
    const d = optionsOf({ bundles: [shaped] }, 'fleet-default/prod-2');
    expect(d.options.paused).toBe(true);
    expect(d.options.defaultNamespace).toBeUndefined();
  });

  it('AllMatches merges every matching customization in order', () => {
    const d = optionsOf({ bundles: [{ ...shaped, targetCustomizationMode: 'AllMatches' }] }, 'fleet-default/prod-1');
    expect(d.customizations.map((c) => c.name)).toEqual(['eu', 'prod']);
    expect(d.options).toMatchObject({ namespace: 'apps-eu', paused: true });
    expect(d.options.defaultNamespace).toBeUndefined();
  });

  it('clusters resolving the same target and customizations share one options object and hash', () => {
    const more = [...clusters, { name: 'dev-2', namespace: 'fleet-default', labels: { env: 'dev' } }];
    const [r] = resolveTargets(world({ gitRepos: [repo], bundles: [shaped], clusters: more }));
    const find = (k: string) => {
      const d = r?.decisions.find((x) => x.cluster === k);
      if (!d?.targeted) throw new Error(`not targeted: ${k}`);
      return d;
    };
    expect(find('fleet-default/dev-2').options).toBe(find('fleet-default/dev-1').options);
    expect(find('fleet-default/dev-2').optionsHash).toBe(find('fleet-default/dev-1').optionsHash);
    expect(find('fleet-default/prod-1').optionsHash).not.toBe(find('fleet-default/dev-1').optionsHash);
  });

  it("the bundle's metadata labels stay out of the options, a target's labels go in", () => {
    const d = optionsOf({ bundles: [bundle({ labels: { app: 'shared' }, targets: [{ name: 't', clusterSelector: {}, labels: { deployed: 'yes' } }] })] }, 'fleet-default/dev-1');
    expect(d.options.labels).toEqual({ deployed: 'yes' });
  });

  it('a restriction default service account applies when neither GitRepo nor bundle names one', () => {
    const restrictions: Restriction[] = [{ name: 'r', namespace: 'fleet-default', defaultServiceAccount: 'tenant-sa' }];
    const d = optionsOf({ gitRepos: [gitRepo], restrictions, bundles: [bundle({ gitRepoName: 'repo' })] }, 'fleet-default/dev-1');
    expect(d.options.serviceAccount).toBe('tenant-sa');
  });
});

describe('bundles of the same name from different workspaces', () => {
  const mapping = (namespace: string): NamespaceMapping => ({ ...toTenants, name: `from-${namespace}`, namespace, namespaceSelector: { matchLabels: { tier: 'tenant' } } });
  const everywhere = { labels: { app: 'shared' }, targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }] };

  const cases: { name: string; bundles: TargetBundle[]; cluster: string; winner: string; loser: string }[] = [
    {
      name: "the bundle of the cluster's own workspace keeps the cluster, the mapped one is refused",
      bundles: [bundle({ namespace: 'fleet-default', ...everywhere, creationTimestamp: '2026-01-02T00:00:00Z' }), bundle({ namespace: 'team-a', ...everywhere, creationTimestamp: '2026-01-01T00:00:00Z' })],
      cluster: 'team-a/a-1',
      winner: 'team-a/app',
      loser: 'fleet-default/app',
    },
    {
      name: 'between two mapped bundles the older keeps the cluster',
      bundles: [bundle({ namespace: 'team-a', ...everywhere, creationTimestamp: '2026-03-01T00:00:00Z' }), bundle({ namespace: 'fleet-default', ...everywhere, creationTimestamp: '2026-02-01T00:00:00Z' })],
      cluster: 'team-b/b-1',
      winner: 'fleet-default/app',
      loser: 'team-a/app',
    },
    {
      name: 'between two mapped bundles of the same age the workspace sorting first keeps the cluster',
      bundles: [bundle({ namespace: 'team-a', ...everywhere }), bundle({ namespace: 'fleet-default', ...everywhere })],
      cluster: 'team-b/b-1',
      winner: 'fleet-default/app',
      loser: 'team-a/app',
    },
  ];
  it.each(cases)('$name', ({ bundles, cluster, winner, loser }) => {
    const resolutions = resolveTargets(world({ bundles, mappings: [mapping('fleet-default'), mapping('team-a')] }));
    const find = (b: string) => resolutions.find((r) => r.bundle === b)?.decisions.find((d) => d.cluster === cluster);
    expect(find(winner)?.targeted).toBe(true);
    const refused = find(loser);
    expect(refused?.targeted === false && refused.reason).toBe('DuplicateBundleName');
    expect(refused?.message).toContain(winner);
    expect(refused?.message).toContain(loser);
  });

  it('bundles of the same name reaching different clusters are both deployed', () => {
    const resolutions = resolveTargets(world({ bundles: [bundle({ namespace: 'fleet-default', targets: [{ clusterName: 'prod-1' }] }), bundle({ namespace: 'team-a', targets: [{ clusterName: 'a-1' }] })] }));
    expect(resolutions.flatMap((r) => r.decisions).every((d) => d.targeted)).toBe(true);
  });
});

describe('bad input', () => {
  it('an invalid selector yields an error and no decisions, so nothing deployed is removed', () => {
    const [r] = resolveTargets(world({ bundles: [bundle({ targets: [{ clusterSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: [] }] } }] })] }));
    expect(r?.error?.reason).toBe('InvalidSelector');
    expect(r?.decisions).toEqual([]);
  });

  it('a bundle whose GitRepo is unknown yields an error rather than escaping its GitRepo targets', () => {
    const [r] = resolveTargets(world({ gitRepos: [], bundles: [bundle({ gitRepoName: 'repo', targets: [{ clusterSelector: {} }] })] }));
    expect(r?.error?.reason).toBe('GitRepoNotFound');
    expect(r?.decisions).toEqual([]);
  });

  it('an invalid mapping is ignored with a warning', () => {
    const bad: NamespaceMapping = { ...toTenants, bundleSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } };
    const [r] = resolveTargets(world({ mappings: [bad], bundles: [bundle({ labels: { app: 'shared' }, targets: [{ clusterSelector: {} }] })] }));
    expect(r?.workspaces).toEqual(['fleet-default']);
    expect(r?.warnings.join()).toMatch(/to-tenants is ignored/);
  });
});

describe('explainTarget', () => {
  it('says why a cluster of another workspace is not reached', () => {
    const d = explainTarget({ ...world({}), bundles: [bundle({ targets: [{ clusterSelector: {} }] })], bundle: 'fleet-default/app', cluster: 'team-b/b-1' });
    expect(d && 'reason' in d && d.reason).toBe('NoNamespaceMapping');
    expect(d && 'message' in d && d.message).toMatch(/no BundleNamespaceMapping of fleet-default/);
  });

  it('reports the bundle error when the bundle cannot be resolved', () => {
    const d = explainTarget({ ...world({ gitRepos: [] }), bundles: [bundle({ gitRepoName: 'gone' })], bundle: 'fleet-default/app', cluster: 'fleet-default/prod-1' });
    expect(d && 'error' in d && d.error.reason).toBe('GitRepoNotFound');
  });
});

describe('per-cluster Helm values', () => {
  const templated = bundle({
    gitRepoName: 'repo',
    helm: { values: { cluster: '${ .ClusterName }', region: '${ .ClusterLabels.region }', size: '${ .ClusterValues.size }' } },
    targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }],
  });
  const valued = clusters.map((c) => (c.name === 'prod-1' ? { ...c, templateValues: { size: 'large' } } : c.name === 'prod-2' ? { ...c, templateValues: { size: 'small' } } : c));
  const cases = [
    { name: 'from the plain list', clusters: valued },
    { name: 'from the cluster index (the shortcut for a lone first target must not share one outcome)', clusters: new ClusterIndex(valued) },
  ];

  it.each(cases)('each cluster gets its own values and options hash, $name', ({ clusters: input }) => {
    const [resolution] = resolveTargets(world({ bundles: [templated], clusters: input }));
    const targeted = (resolution?.decisions ?? []).filter((d) => d.targeted);
    const values = Object.fromEntries(targeted.map((d) => [d.cluster, d.targeted ? d.options.helm?.values : undefined]));
    expect(values).toEqual({
      'fleet-default/prod-1': { cluster: 'prod-1', region: 'eu', size: 'large' },
      'fleet-default/prod-2': { cluster: 'prod-2', region: 'us', size: 'small' },
    });
    const hashes = new Set(targeted.map((d) => (d.targeted ? d.optionsHash : '')));
    expect(hashes.size).toBe(2);
  });
});
