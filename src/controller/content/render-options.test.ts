import { describe, expect, it } from 'vitest';
import type { BundleDeploymentOptions } from '../../api/bundle-options.js';
import type { ManagedNamespaceDefinition } from '../../bundle/index.js';
import { toManagedNamespaceDefinition, toManagedNamespaceItem } from './managed-namespace-shape.js';
import { renderOptionsFor } from './render-options.js';

const cases: Array<{ name: string; options: BundleDeploymentOptions; want: object }> = [
  { name: 'no options render with the renderer’s defaults', options: {}, want: {} },
  {
    name: 'Fleet’s option names become the renderer’s',
    options: { defaultNamespace: 'd', namespace: 'n', yaml: { overlays: ['prod'] }, kustomize: { dir: 'k' }, namespaceLabels: { a: '1' }, namespaceAnnotations: { b: '2' } },
    want: { defaultNamespace: 'd', namespace: 'n', overlays: ['prod'], kustomizeDir: 'k', namespaceLabels: { a: '1' }, namespaceAnnotations: { b: '2' } },
  },
  {
    name: 'Helm options go to the renderer as they are',
    options: { helm: { chart: './chart', releaseName: 'web', values: { a: { b: 1 } }, force: true } },
    want: { helm: { chart: './chart', releaseName: 'web', values: { a: { b: 1 } }, force: true } },
  },
  {
    name: 'options that do not change what is rendered are left out',
    options: { serviceAccount: 'sa', keepResources: true, correctDrift: { enabled: true }, diff: { comparePatches: [] } },
    want: {},
  },
  {
    name: 'managed namespaces are owned by the bundle’s workspace',
    options: { managedNamespaces: [{ name: 'team', resourceQuota: { cpuRequests: 2 }, roleAssignments: [{ role: 'Admin', kind: 'Group', name: 'devs' }] }] },
    want: { managedNamespaces: [{ name: 'team', resourceQuota: { cpuRequests: '2' }, roleAssignments: [{ role: 'Admin', groups: ['devs'] }] }], managedNamespaceWorkspace: 'fleet-default' },
  },
];

describe('renderOptionsFor', () => {
  it.each(cases)('$name', ({ options, want }) => {
    expect(renderOptionsFor({ options, workspace: 'fleet-default' })).toEqual(want);
  });
});

const shapes: Array<{ name: string; def: ManagedNamespaceDefinition }> = [
  { name: 'a bare namespace survives the round trip', def: { name: 'a' } },
  {
    name: 'role assignments for users and groups survive the round trip',
    def: { name: 'b', labels: { x: 'y' }, roleAssignments: [{ role: 'Reader', users: ['ann', 'bob'], groups: ['ops'] }, { role: 'Admin', users: ['cat'] }] },
  },
  { name: 'quota, policies and network rules survive the round trip', def: { name: 'c', resourceQuota: { cpuLimits: '4', memoryLimits: '8Gi' }, adoptionPolicy: 'IfIdentical', deletePolicy: 'Delete', networkPolicy: { ingress: 'AllowSameNamespace' } } },
];

describe('managed namespace shapes', () => {
  it.each(shapes)('$name', ({ def }) => {
    expect(toManagedNamespaceDefinition(toManagedNamespaceItem(def))).toEqual(def);
  });

  it('the Bundle spec lists one role assignment per subject', () => {
    expect(toManagedNamespaceItem({ name: 'b', roleAssignments: [{ role: 'Writer', users: ['u'], groups: ['g'] }] }).roleAssignments).toEqual([
      { role: 'Writer', kind: 'User', name: 'u' },
      { role: 'Writer', kind: 'Group', name: 'g' },
    ]);
  });
});
