import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { agentAccessObjects, clusterNamespaceObject } from './agent-access.js';
import { applyWaves } from './apply-waves.js';

const obj = (kind: string, name = kind.toLowerCase()): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name } });
const kinds = (waves: KubeObject[][]) => waves.map((w) => w.map((o) => o.kind));
const id = { workspace: 'fleet-default', cluster: 'east' };

describe('applyWaves', () => {
  const cases = [
    {
      name: 'a grant writes the namespace and ServiceAccount before the token Secret and the grants that live in or name them',
      objects: [clusterNamespaceObject(id), ...agentAccessObjects(id)],
      waves: [
        ['Namespace', 'ServiceAccount'],
        ['Secret', 'Role', 'RoleBinding', 'Role', 'RoleBinding', 'ClusterRoleBinding'],
      ],
    },
    { name: 'a Cluster goes in the first wave with the namespace', objects: [obj('Cluster'), obj('Namespace'), obj('Secret')], waves: [['Cluster', 'Namespace'], ['Secret']] },
    { name: 'objects nothing depends on make a single wave', objects: [obj('Secret'), obj('Role'), obj('RoleBinding')], waves: [['Secret', 'Role', 'RoleBinding']] },
    { name: 'no objects make no waves', objects: [], waves: [] },
  ];
  it.each(cases)('$name', ({ objects, waves }) => {
    expect(kinds(applyWaves(objects))).toEqual(waves);
  });
});
