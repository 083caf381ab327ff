import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { clusterNamespaceName } from '../../api/names.js';
import { resolveTargets, type TargetCluster } from '../../targeting/index.js';
import { deploymentChanged, desiredBundleDeployment } from './bundle-deployment-object.js';
import { planDeployments } from './deployment-plan.js';
import { toTargetBundle } from './target-inputs.js';

const CLUSTERS: TargetCluster[] = ['a', 'b', 'c', 'd'].map((name) => ({ name, namespace: 'ws', labels: { env: name === 'd' ? 'dev' : 'prod' } }));

function bundle(spec: Bundle['spec'] = {}): Bundle {
  return {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'Bundle',
    metadata: { name: 'app', namespace: 'ws', labels: { team: 'blue' }, generation: 1 },
    spec: { targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }], ...spec },
  };
}

interface Setup {
  bundle: Bundle;
  current?: Map<string, BundleDeployment>;
  content?: string;
}

function plan({ bundle: b, current = new Map(), content = 's-new' }: Setup) {
  const [resolution] = resolveTargets({ bundles: [toTargetBundle(b)], clusters: CLUSTERS });
  const contents = new Map(resolution!.decisions.flatMap((d) => (d.targeted ? [[d.optionsHash, content] as const] : [])));
  return planDeployments({ bundle: b, resolution: resolution!, cluster: (k) => CLUSTERS.find((c) => `${c.namespace}/${c.name}` === k), contents, current, groups: [] });
}

/** BundleDeployments as the first plan writes them, reported applied and ready by their agents. */
function deployedAndReady(b: Bundle): Map<string, BundleDeployment> {
  return new Map(
    plan({ bundle: b, content: 's-old' }).apply.map((bd) => [
      `ws/${bd.metadata.labels?.['flotilla.io/cluster-name']}`,
      { ...bd, status: { appliedDeploymentID: bd.spec.deploymentID, ready: true, nonModified: true } },
    ]),
  );
}

describe('planDeployments', () => {
  it('a new bundle gets one BundleDeployment per targeted cluster, in the cluster’s namespace, deploying at once', () => {
    const p = plan({ bundle: bundle() });
    expect(p.apply.map((bd) => bd.metadata.namespace)).toEqual(['a', 'b', 'c'].map((c) => clusterNamespaceName('ws', c)));
    const [first] = p.apply;
    expect(first?.metadata.labels).toMatchObject({ team: 'blue', 'flotilla.io/bundle-name': 'app', 'flotilla.io/bundle-namespace': 'ws', 'flotilla.io/cluster-name': 'a', 'flotilla.io/content-name': 's-new' });
    expect(first?.spec.deploymentID).toMatch(/^s-new:[0-9a-f]{64}$/);
    expect(first?.spec.stagedDeploymentID).toBe(first?.spec.deploymentID);
    expect(p.entries.map((e) => e.name)).toEqual(['ws/a', 'ws/b', 'ws/c']);
  });

  it('nothing changed means nothing is written', () => {
    const current = deployedAndReady(bundle());
    const p = plan({ bundle: bundle(), current, content: 's-old' });
    expect(p.apply).toEqual([]);
    expect(p.remove).toEqual([]);
  });

  it('a cluster no longer targeted loses its BundleDeployment', () => {
    const current = deployedAndReady(bundle());
    const p = plan({ bundle: bundle({ targets: [{ clusterName: 'a' }] }), current, content: 's-old' });
    expect(p.remove.map((bd) => bd.metadata.labels?.['flotilla.io/cluster-name'])).toEqual(['b', 'c']);
  });

  const rollouts = [
    { name: 'without a strategy every cluster gets the new version at once', strategy: undefined, promoted: 3 },
    { name: 'maxUnavailable 1 promotes one cluster and stages the rest', strategy: { maxUnavailable: 1 }, promoted: 1 },
    { name: 'maxUnavailable 2 promotes two clusters', strategy: { maxUnavailable: 2 }, promoted: 2 },
  ];
  it.each(rollouts)('$name', ({ strategy, promoted }) => {
    const current = deployedAndReady(bundle());
    const p = plan({ bundle: bundle(strategy ? { rolloutStrategy: strategy } : {}), current, content: 's-new' });
    expect(p.apply).toHaveLength(3);
    expect(p.apply.filter((bd) => bd.spec.deploymentID?.startsWith('s-new')).length).toBe(promoted);
    const held = p.apply.filter((bd) => bd.spec.deploymentID?.startsWith('s-old'));
    expect(held.every((bd) => bd.spec.stagedDeploymentID?.startsWith('s-new') && bd.metadata.labels?.['flotilla.io/content-name'] === 's-old')).toBe(true);
    expect(p.entries.filter((e) => e.deployment?.spec.deploymentID !== e.deployment?.spec.stagedDeploymentID)).toHaveLength(3 - promoted);
  });

  it('a paused bundle stages the new version without deploying it', () => {
    const current = deployedAndReady(bundle());
    const p = plan({ bundle: bundle({ paused: true }), current, content: 's-new' });
    expect(p.apply.every((bd) => bd.spec.deploymentID?.startsWith('s-old') && bd.spec.stagedDeploymentID?.startsWith('s-new') && bd.spec.paused === true)).toBe(true);
  });

  it('a cluster refused because a same-named bundle of its own workspace reaches it is reported, and gets nothing', () => {
    const mine = bundle();
    const theirs: Bundle = { ...bundle(), metadata: { ...bundle().metadata, namespace: 'other' } };
    const [, resolution] = resolveTargets({
      bundles: [toTargetBundle(mine), toTargetBundle(theirs)],
      clusters: CLUSTERS,
      mappings: [{ name: 'm', namespace: 'other', bundleSelector: {}, namespaceSelector: {} }],
      namespaces: [{ name: 'ws', labels: {} }, { name: 'other', labels: {} }],
    });
    const p = planDeployments({ bundle: theirs, resolution: resolution!, cluster: () => undefined, contents: new Map(), current: new Map(), groups: [] });
    expect(p.apply).toEqual([]);
    expect(p.refusals.map((r) => [r.cluster, r.reason])).toEqual([
      ['ws/a', 'DuplicateBundleName'],
      ['ws/b', 'DuplicateBundleName'],
      ['ws/c', 'DuplicateBundleName'],
    ]);
    expect(p.refusals[0]?.message).toContain('ws/app');
  });
});

describe('deploymentChanged', () => {
  const b = bundle();
  const desired = desiredBundleDeployment({
    bundle: b,
    cluster: CLUSTERS[0]!,
    rollout: { cluster: 'ws/a', partition: 'All', outcome: 'Promoted', create: true, stagedDeploymentId: 's-1:aa', deploymentId: 's-1:aa', message: '' },
    options: { defaultNamespace: 'apps', labels: { x: 'y' }, paused: false },
  });
  const cases = [
    { name: 'an identical object is unchanged', current: desired, changed: false },
    { name: 'defaults the server added are not a change', current: { ...desired, spec: { ...desired.spec, options: { ...desired.spec.options, keepResources: false } } }, changed: false },
    { name: 'another deploymentID is a change', current: { ...desired, spec: { ...desired.spec, deploymentID: 's-0:aa' } }, changed: true },
    { name: 'a field the desired object no longer sets is a change', current: { ...desired, spec: { ...desired.spec, paused: true } }, changed: true },
    { name: 'a missing label is a change', current: { ...desired, metadata: { ...desired.metadata, labels: {} } }, changed: true },
    { name: 'no object yet is a change', current: undefined, changed: true },
  ];
  it.each(cases)('$name', ({ current, changed }) => {
    expect(deploymentChanged(desired, current)).toBe(changed);
  });

  it('targeting’s own settings (labels, paused) stay out of the deployed options', () => {
    expect(desired.spec.options).toEqual({ defaultNamespace: 'apps' });
  });
});

describe('the bundle namespace options', () => {
  const cases = [
    { name: 'the workspace never becomes the namespace option', spec: { defaultNamespace: 'apps' }, want: { defaultNamespace: 'apps' } },
    { name: 'a fleet.yaml namespace option is kept as the forced namespace', spec: { namespace: 'forced' }, want: { namespace: 'forced' } },
  ];
  it.each(cases)('$name', ({ spec, want }) => {
    const [resolution] = resolveTargets({ bundles: [toTargetBundle(bundle(spec))], clusters: CLUSTERS });
    const targeted = resolution!.decisions.filter((d) => d.targeted);
    expect(targeted.length).toBeGreaterThan(0);
    for (const d of targeted) {
      if (!d.targeted) continue;
      expect(d.options.namespace).toBe(want.namespace);
      expect(d.options.defaultNamespace).toBe(want.defaultNamespace);
    }
  });
});
