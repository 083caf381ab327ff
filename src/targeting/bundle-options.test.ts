import { describe, expect, it } from 'vitest';
import { TemplateValuesError, hasClusterTemplates, mergeOptions, pickOptions, substituteClusterValues, type BundleOptions, type ClusterTemplateContext } from './bundle-options.js';
import { canonicalJson, optionsHash } from './options-hash.js';

describe('mergeOptions', () => {
  const cases: { name: string; base: BundleOptions; custom: BundleOptions | undefined; want: BundleOptions }[] = [
    { name: 'no customization leaves the options as they are', base: { namespace: 'a' }, custom: undefined, want: { namespace: 'a' } },
    { name: 'a non-empty scalar of the customization wins', base: { namespace: 'a', defaultNamespace: 'd' }, custom: { namespace: 'b' }, want: { namespace: 'b', defaultNamespace: 'd' } },
    { name: 'an empty string keeps what the bundle set', base: { serviceAccount: 'sa' }, custom: { serviceAccount: '' }, want: { serviceAccount: 'sa' } },
    { name: '"-" clears the namespace', base: { namespace: 'a' }, custom: { namespace: '-' }, want: {} },
    { name: '"-" clears the default namespace and the service account', base: { defaultNamespace: 'a', serviceAccount: 's' }, custom: { defaultNamespace: '-', serviceAccount: '-' }, want: {} },
    { name: 'other options of the kind are replaced by the customization', base: { forceSyncGeneration: 1, ignore: { conditions: [{ type: 'A' }] } }, custom: { forceSyncGeneration: 2, deleteCRDResources: true }, want: { forceSyncGeneration: 2, ignore: { conditions: [{ type: 'A' }] }, deleteCRDResources: true } },
    { name: 'labels merge key by key', base: { labels: { a: '1', b: '2' } }, custom: { labels: { b: '3', c: '4' } }, want: { labels: { a: '1', b: '3', c: '4' } } },
    { name: 'namespace labels and annotations merge key by key', base: { namespaceLabels: { a: '1' }, namespaceAnnotations: { x: '1' } }, custom: { namespaceLabels: { b: '2' }, namespaceAnnotations: { x: '2' } }, want: { namespaceLabels: { a: '1', b: '2' }, namespaceAnnotations: { x: '2' } } },
    {
      name: 'Helm values merge deeply, arrays are replaced and null removes a key',
      base: { helm: { releaseName: 'r', values: { a: { b: 1, c: [1, 2] }, d: 'x' } } },
      custom: { helm: { values: { a: { c: [3] }, d: null } } },
      want: { helm: { releaseName: 'r', values: { a: { b: 1, c: [3] } } } },
    },
    { name: 'other Helm options of the customization win', base: { helm: { releaseName: 'r', values: { a: 1 } } }, custom: { helm: { releaseName: 's' } }, want: { helm: { releaseName: 's', values: { a: 1 } } } },
    { name: 'overlays are appended without repeats', base: { yaml: { overlays: ['base', 'eu'] } }, custom: { yaml: { overlays: ['eu', 'prod'] } }, want: { yaml: { overlays: ['base', 'eu', 'prod'] } } },
    { name: 'the kustomize dir of the customization wins', base: { kustomize: { dir: 'base' } }, custom: { kustomize: { dir: 'overlays/prod' } }, want: { kustomize: { dir: 'overlays/prod' } } },
    { name: 'paused can be set by a customization', base: {}, custom: { paused: true }, want: { paused: true } },
    { name: 'paused can be lifted by a customization (a canary cluster)', base: { paused: true }, custom: { paused: false }, want: { paused: false } },
    {
      name: 'managed namespaces merge by name, field by field',
      base: {
        managedNamespaces: [
          { name: 'team', labels: { a: '1' }, resourceQuota: { cpuRequests: '1', memoryLimits: '1Gi' }, deletePolicy: 'Keep', roleAssignments: [{ role: 'Admin', kind: 'Group', name: 'a' }] },
          { name: 'other' },
        ],
      },
      custom: { managedNamespaces: [{ name: 'team', labels: { b: '2' }, resourceQuota: { cpuRequests: '2' }, deletePolicy: 'Delete', roleAssignments: [{ role: 'Reader', kind: 'User', name: 'u' }] }, { name: 'new' }] },
      want: {
        managedNamespaces: [
          { name: 'team', labels: { a: '1', b: '2' }, resourceQuota: { cpuRequests: '2', memoryLimits: '1Gi' }, deletePolicy: 'Delete', roleAssignments: [{ role: 'Reader', kind: 'User', name: 'u' }] },
          { name: 'other' },
          { name: 'new' },
        ],
      },
    },
  ];
  it.each(cases)('$name', ({ base, custom, want }) => {
    const before = JSON.stringify(base);
    expect(mergeOptions(base, custom)).toEqual(want);
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe('pickOptions', () => {
  it('keeps option fields and drops matching fields and metadata', () => {
    const target = { name: 't', clusterSelector: {}, doNotDeploy: false, namespace: 'n', helm: { values: {} } };
    expect(pickOptions(target)).toEqual({ namespace: 'n', helm: { values: {} } });
  });
});

describe('optionsHash', () => {
  const cases: { name: string; a: BundleOptions; b: BundleOptions; equal: boolean }[] = [
    { name: 'the order of keys does not change the hash', a: { namespace: 'a', labels: { x: '1', y: '2' } }, b: { labels: { y: '2', x: '1' }, namespace: 'a' }, equal: true },
    { name: 'nested key order does not change the hash', a: { helm: { values: { a: 1, b: { c: 2, d: 3 } } } }, b: { helm: { values: { b: { d: 3, c: 2 }, a: 1 } } }, equal: true },
    { name: 'undefined members do not change the hash', a: { namespace: 'a', defaultNamespace: undefined }, b: { namespace: 'a' }, equal: true },
    { name: 'paused does not change the hash', a: { namespace: 'a', paused: true }, b: { namespace: 'a' }, equal: true },
    { name: 'diff and correctDrift do not change the hash, as in Fleet', a: { diff: { comparePatches: [] }, correctDrift: { enabled: true } }, b: {}, equal: true },
    { name: 'a different value changes the hash', a: { namespace: 'a' }, b: { namespace: 'b' }, equal: false },
    { name: 'the order of overlays changes the hash', a: { yaml: { overlays: ['a', 'b'] } }, b: { yaml: { overlays: ['b', 'a'] } }, equal: false },
  ];
  it.each(cases)('$name', ({ a, b, equal }) => {
    expect(optionsHash(a) === optionsHash(b)).toBe(equal);
    expect(optionsHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });
});

describe('substituteClusterValues', () => {
  const cluster: ClusterTemplateContext = {
    name: 'eu-1',
    namespace: 'fleet-default',
    labels: { env: 'prod', 'topology.kubernetes.io/region': 'eu-west-1' },
    templateValues: { replicas: 3, tier: { name: 'gold' }, hosts: ['a', 'b'] },
  };
  const cases: { name: string; values: Record<string, unknown>; want: Record<string, unknown> }[] = [
    { name: 'the cluster name replaces ${ .ClusterName }', values: { cluster: '${ .ClusterName }' }, want: { cluster: 'eu-1' } },
    { name: 'a label replaces ${ .ClusterLabels.env }, inside a longer string too', values: { host: 'web.${ .ClusterLabels.env }.example.com' }, want: { host: 'web.prod.example.com' } },
    { name: 'a label whose key has dots and slashes is read with get', values: { region: '${ get .ClusterLabels "topology.kubernetes.io/region" }' }, want: { region: 'eu-west-1' } },
    { name: 'a cluster value keeps its type when it is the whole value', values: { replicas: '${ .ClusterValues.replicas }', hosts: '${ .ClusterValues.hosts }' }, want: { replicas: 3, hosts: ['a', 'b'] } },
    { name: 'a nested cluster value is read by its path', values: { tier: { name: '${.ClusterValues.tier.name}' } }, want: { tier: { name: 'gold' } } },
    { name: 'expressions in lists are substituted', values: { args: ['--cluster=${ .ClusterName }', 'plain'] }, want: { args: ['--cluster=eu-1', 'plain'] } },
    { name: 'values without expressions are left as they are', values: { a: 1, b: { c: 'x' } }, want: { a: 1, b: { c: 'x' } } },
  ];
  it.each(cases)('$name', ({ values, want }) => {
    const options: BundleOptions = { namespace: 'n', helm: { releaseName: 'r', values } };
    expect(substituteClusterValues(options, cluster)).toEqual({ namespace: 'n', helm: { releaseName: 'r', values: want } });
  });

  const refused: { name: string; values: Record<string, unknown>; message: RegExp }[] = [
    { name: 'a label the cluster does not have is an error naming it', values: { a: '${ .ClusterLabels.zone }' }, message: /ClusterLabels.zone .*no value for "zone"/ },
    { name: 'an unknown name is an error', values: { a: '${ .Cluster.Name }' }, message: /unknown name Cluster/ },
    { name: 'a template function Flotilla does not evaluate is an error', values: { a: '${ upper .ClusterName }' }, message: /only .ClusterName/ },
  ];
  it.each(refused)('$name', ({ values, message }) => {
    expect(() => substituteClusterValues({ helm: { values } }, cluster)).toThrow(TemplateValuesError);
    expect(() => substituteClusterValues({ helm: { values } }, cluster)).toThrow(message);
  });

  it('disablePreProcess leaves expressions as written', () => {
    const options: BundleOptions = { helm: { disablePreProcess: true, values: { a: '${ .ClusterName }' } } };
    expect(hasClusterTemplates(options)).toBe(false);
    expect(substituteClusterValues(options, cluster)).toBe(options);
  });

  it('options without expressions are returned as the same object, so clusters share them', () => {
    const options: BundleOptions = { helm: { values: { a: '$HOME', b: 1 } } };
    expect(hasClusterTemplates(options)).toBe(false);
    expect(substituteClusterValues(options, cluster)).toBe(options);
  });

  it('clusters that differ only in values the chart does not use get the same options hash', () => {
    const options: BundleOptions = { helm: { values: { env: '${ .ClusterLabels.env }' } } };
    const a = substituteClusterValues(options, { ...cluster, name: 'a' });
    const b = substituteClusterValues(options, { ...cluster, name: 'b' });
    const c = substituteClusterValues(options, { ...cluster, name: 'c', labels: { env: 'dev' } });
    expect(optionsHash(a)).toBe(optionsHash(b));
    expect(optionsHash(a)).not.toBe(optionsHash(c));
  });

  it('a target customization merges its values over the bundle’s before substitution', () => {
    const merged = mergeOptions({ helm: { values: { image: { tag: '1.0', repo: 'r' }, region: 'none' } } }, { helm: { values: { region: '${ .ClusterLabels.env }' } } });
    expect(substituteClusterValues(merged, cluster).helm?.values).toEqual({ image: { tag: '1.0', repo: 'r' }, region: 'prod' });
  });
});
