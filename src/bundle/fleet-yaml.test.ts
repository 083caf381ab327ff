import { describe, expect, it } from 'vitest';
import { BundleError } from './bundle-error.js';
import { parseFleetYaml } from './fleet-yaml.js';

const file = 'apps/web/fleet.yaml';

describe('parseFleetYaml accepts', () => {
  const cases = [
    { name: 'an empty file as no options', text: '', expected: {} },
    {
      name: 'the implemented keys, typed',
      text: [
        'name: web-app',
        'defaultNamespace: web',
        'labels: {tier: front}',
        'namespaceLabels: {team: web}',
        'paused: true',
        'keepResources: true',
        'correctDrift: {enabled: true}',
        'yaml: {overlays: [prod]}',
        'kustomize: {dir: overlays/prod}',
        'rolloutStrategy: {maxUnavailable: 10%, maxNew: 5}',
        'dependsOn: [{name: db}, {selector: {matchLabels: {app: cache}}, acceptedStates: [Ready, Modified]}]',
        'diff: {comparePatches: [{kind: Deployment, name: web, jsonPointers: [/spec/replicas]}]}',
        'ignore: {conditions: [{type: Active, status: "False"}]}',
      ].join('\n'),
      expected: {
        name: 'web-app',
        defaultNamespace: 'web',
        labels: { tier: 'front' },
        namespaceLabels: { team: 'web' },
        paused: true,
        keepResources: true,
        correctDrift: { enabled: true },
        yaml: { overlays: ['prod'] },
        kustomize: { dir: 'overlays/prod' },
        rolloutStrategy: { maxUnavailable: '10%', maxNew: 5 },
        dependsOn: [{ name: 'db' }, { selector: { matchLabels: { app: 'cache' } }, acceptedStates: ['Ready', 'Modified'] }],
        diff: { comparePatches: [{ kind: 'Deployment', name: 'web', jsonPointers: ['/spec/replicas'] }] },
        ignore: { conditions: [{ type: 'Active', status: 'False' }] },
      },
    },
    {
      name: 'target customizations with matchers and option overrides',
      text: 'targetCustomizations:\n  - name: prod\n    clusterSelector: {matchExpressions: [{key: env, operator: In, values: [prod]}]}\n    targetNamespace: "-"\n    doNotDeploy: false\n',
      expected: {
        targetCustomizations: [
          { name: 'prod', clusterSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, targetNamespace: '-', doNotDeploy: false },
        ],
      },
    },
    {
      name: 'managed namespaces, with enums normalised case-insensitively',
      text: 'managedNamespaces:\n  - name: team-a\n    networkPolicy: {ingress: denyall}\n    deletePolicy: delete\n',
      expected: { managedNamespaces: [{ name: 'team-a', networkPolicy: { ingress: 'DenyAll' }, deletePolicy: 'Delete' }] },
    },
  ];
  it.each(cases)('$name', ({ text, expected }) => {
    const parsed = parseFleetYaml(text, { file });
    expect(parsed.fleetYaml).toEqual(expected);
    expect(parsed.findings).toEqual([]);
  });
});

describe('parseFleetYaml reads helm', () => {
  const cases = [
    {
      name: 'a chart in the bundle with values, values files and install options',
      text: 'helm:\n  chart: ./chart\n  releaseName: web\n  values: {replicas: 2, image: {tag: "1.0"}, list: [a, b]}\n  valuesFiles: [values-prod.yaml]\n  force: true\n  timeoutSeconds: 60\n  takeOwnership: true\n  atomic: false\n  waitForJobs: true\n  disableDependencyUpdate: true\n',
      expected: { helm: { chart: './chart', releaseName: 'web', values: { replicas: 2, image: { tag: '1.0' }, list: ['a', 'b'] }, valuesFiles: ['values-prod.yaml'], force: true, timeoutSeconds: 60, takeOwnership: true, atomic: false, waitForJobs: true, disableDependencyUpdate: true } },
    },
    { name: 'a repository chart with a version range', text: 'helm:\n  repo: https://charts.example.com/stable\n  chart: web\n  version: ^1.2.0\n', expected: { helm: { repo: 'https://charts.example.com/stable', chart: 'web', version: '^1.2.0' } } },
    { name: 'a chart .tgz at a URL', text: 'helm:\n  chart: https://example.com/web-1.0.0.tgz\n', expected: { helm: { chart: 'https://example.com/web-1.0.0.tgz' } } },
    {
      name: 'per-cluster values in a target customization',
      text: 'targetCustomizations:\n  - name: eu\n    clusterSelector: {matchLabels: {region: eu}}\n    helm:\n      values: {region: "${ .ClusterLabels.region }"}\n',
      expected: { targetCustomizations: [{ name: 'eu', clusterSelector: { matchLabels: { region: 'eu' } }, helm: { values: { region: '${ .ClusterLabels.region }' } } }] },
    },
  ];
  it.each(cases)('$name', ({ text, expected }) => {
    const parsed = parseFleetYaml(text, { file });
    expect(parsed.fleetYaml).toEqual(expected);
    expect(parsed.findings).toEqual([]);
  });
});

describe('parseFleetYaml reports Fleet keys not supported yet as findings, not errors', () => {
  const cases = [
    { name: 'helm.valuesFrom (read on the member at install time)', text: 'defaultNamespace: x\nhelm:\n  chart: ./chart\n  valuesFrom: [{configMapKeyRef: {name: v}}]\n', field: 'helm.valuesFrom', line: 4 },
    { name: 'imageScans', text: 'imageScans:\n  - image: nginx\n', field: 'imageScans', line: 1 },
    { name: 'helm.templateValues inside a target customization', text: 'targetCustomizations:\n  - name: a\n    helm:\n      templateValues: {x: y}\n', field: 'targetCustomizations[0].helm.templateValues', line: 4 },
    { name: 'overrideTargets', text: 'overrideTargets: [{clusterName: a}]\n', field: 'overrideTargets', line: 1 },
  ];
  it.each(cases)('$name', ({ text, field, line }) => {
    const { findings } = parseFleetYaml(text, { file });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ reason: 'NotSupported', file, field, line });
    expect(findings[0]?.message).toMatch(/not supported yet/);
  });
});

describe('parseFleetYaml refuses', () => {
  const deep = `${Array.from({ length: 80 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`;
  const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'labels: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n');
  const cases = [
    { name: 'a key Fleet does not know, naming line and key path', text: 'defaultNamespace: a\nnamespce: b\n', reason: 'UnknownField', line: 2, field: 'namespce' },
    { name: 'an unknown key nested in a target customization', text: 'targetCustomizations:\n  - name: a\n    clusterSelecter: {}\n', reason: 'UnknownField', line: 3, field: 'targetCustomizations[0].clusterSelecter' },
    { name: 'an unknown key under kustomize', text: 'kustomize:\n  directory: x\n', reason: 'UnknownField', line: 2, field: 'kustomize.directory' },
    { name: 'a list where a map is expected', text: 'labels: [a, b]\n', reason: 'InvalidField', line: 1, field: 'labels' },
    { name: 'a label value that is not a string', text: 'labels:\n  replicas: 3\n', reason: 'InvalidField', line: 2, field: 'labels.replicas' },
    { name: 'a boolean given as a string', text: 'paused: "yes"\n', reason: 'InvalidField', line: 1, field: 'paused' },
    { name: 'an unknown dependsOn state', text: 'dependsOn:\n  - name: db\n    acceptedStates: [Done]\n', reason: 'InvalidField', line: 3, field: 'dependsOn[0].acceptedStates[0]' },
    { name: 'a dependsOn entry without name or selector', text: 'dependsOn:\n  - acceptedStates: [Ready]\n', reason: 'InvalidField', line: 2, field: 'dependsOn[0]' },
    { name: 'a kustomize dir climbing out of the bundle', text: 'kustomize:\n  dir: ../../etc\n', reason: 'InvalidField', line: 2, field: 'kustomize.dir' },
    { name: 'an overlay name with a slash', text: 'yaml:\n  overlays: [a/b]\n', reason: 'InvalidField', line: 2, field: 'yaml.overlays[0]' },
    { name: 'an invalid namespace name', text: 'namespace: Not_Valid\n', reason: 'InvalidField', line: 1, field: 'namespace' },
    { name: 'an invalid bundle name', text: 'name: My App\n', reason: 'InvalidField', line: 1, field: 'name' },
    { name: 'a top level that is not a map', text: '- a\n- b\n', reason: 'InvalidField', line: 1, field: '' },
    { name: 'two YAML documents', text: 'name: a\n---\nname: b\n', reason: 'InvalidField', line: 2, field: undefined },
    { name: 'broken YAML syntax', text: 'labels: {a: b\nname: x\n', reason: 'InvalidYaml', line: 2, field: undefined },
    { name: 'duplicate keys', text: 'name: a\nname: b\n', reason: 'InvalidYaml', line: 2, field: undefined },
    { name: 'alias explosion (billion laughs)', text: laughs, reason: 'TooManyAliases', line: 1, field: undefined },
    { name: 'nesting deeper than the limit', text: deep, reason: 'TooDeep', line: undefined, field: undefined },
    { name: 'a managed namespace with a reserved name', text: 'managedNamespaces:\n  - name: kube-system\n', reason: 'InvalidField', line: 2, field: 'managedNamespaces[0].name' },
    { name: 'a managed namespace with requests above limits', text: 'managedNamespaces:\n  - name: a\n    resourceQuota:\n      cpuRequests: "2"\n      cpuLimits: 500m\n', reason: 'InvalidField', line: 4, field: 'managedNamespaces[0].resourceQuota.cpuRequests' },
    { name: 'a managed namespace defined twice', text: 'managedNamespaces:\n  - name: a\n  - name: a\n', reason: 'InvalidField', line: 3, field: 'managedNamespaces[1].name' },
    { name: 'helm values that are not a map', text: 'helm:\n  values: [a]\n', reason: 'InvalidField', line: 2, field: 'helm.values' },
    { name: 'an unknown helm key', text: 'helm:\n  chartz: x\n', reason: 'UnknownField', line: 2, field: 'helm.chartz' },
    { name: 'a helm repo that is not an http(s) URL', text: 'helm:\n  repo: ftp://x/charts\n  chart: web\n', reason: 'InvalidField', line: 2, field: 'helm.repo' },
    { name: 'a helm repo without a chart name', text: 'helm:\n  repo: https://x/charts\n', reason: 'InvalidField', line: 1, field: 'helm.chart' },
    { name: 'an OCI chart (not supported yet)', text: 'helm:\n  chart: oci://registry/web\n', reason: 'InvalidField', line: 2, field: 'helm.chart' },
    { name: 'a chart path climbing out of the bundle', text: 'helm:\n  chart: ../other\n', reason: 'InvalidField', line: 2, field: 'helm.chart' },
    { name: 'a helm version that is not semver', text: 'helm:\n  repo: https://x/c\n  chart: web\n  version: latest-ish\n', reason: 'InvalidField', line: 4, field: 'helm.version' },
    { name: 'an invalid release name', text: 'helm:\n  chart: ./c\n  releaseName: My_Release\n', reason: 'InvalidField', line: 3, field: 'helm.releaseName' },
    { name: 'a values file outside the bundle', text: 'targetCustomizations:\n  - name: a\n    helm:\n      valuesFiles: [/etc/passwd]\n', reason: 'InvalidField', line: 4, field: 'targetCustomizations[0].helm.valuesFiles[0]' },
    { name: 'an unknown managed-namespace field', text: 'managedNamespaces:\n  - name: a\n    quota: {}\n', reason: 'UnknownField', line: 3, field: 'managedNamespaces[0].quota' },
  ];
  it.each(cases)('$name', ({ text, reason, line, field }) => {
    let caught: unknown;
    try {
      parseFleetYaml(text, { file });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BundleError);
    const error = caught as BundleError;
    expect(error.reason).toBe(reason);
    expect(error.file).toBe(file);
    if (line !== undefined) expect(error.line).toBe(line);
    if (field !== undefined) expect(error.field).toBe(field);
    expect(error.message).toContain(file);
  });

  it('a file over the size limit', () => {
    const text = `labels:\n${Array.from({ length: 200 }, (_, i) => `  k${i}: v`).join('\n')}\n`;
    expect(() => parseFleetYaml(text, { file, limits: { maxFileBytes: 1000 } })).toThrow(expect.objectContaining({ reason: 'TooLarge' }) as Error);
  });
});
