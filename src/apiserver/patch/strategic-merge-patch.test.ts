import { describe, expect, it } from 'vitest';
import { builtinTypeInfo } from './builtin-patch-meta.js';
import type { JsonObject, JsonValue } from './json-value.js';
import { PatchError } from './patch-error.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';
import type { PatchMeta, TypeInfo } from './type-info.js';

const deploymentInfo = builtinTypeInfo('apps/v1', 'Deployment') as TypeInfo;

function deployment(spec: JsonObject): JsonObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec } } };
}

const base = deployment({
  containers: [
    { name: 'app', image: 'app:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
    { name: 'sidecar', image: 'side:1', args: ['--a', '--b'] },
  ],
  volumes: [{ name: 'data', emptyDir: {} }],
  tolerations: [{ key: 'k1', operator: 'Exists' }],
});

const cases: { name: string; patch: JsonValue; expected: JsonObject }[] = [
  {
    name: 'containers merge by name: a patched image leaves the other container alone',
    patch: { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'side:2' }] } } } },
    expected: deployment({
      containers: [
        { name: 'app', image: 'app:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
        { name: 'sidecar', image: 'side:2', args: ['--a', '--b'] },
      ],
      volumes: [{ name: 'data', emptyDir: {} }],
      tolerations: [{ key: 'k1', operator: 'Exists' }],
    }),
  },
  {
    name: 'a container with a new name is appended',
    patch: { spec: { template: { spec: { containers: [{ name: 'new', image: 'n:1' }] } } } },
    expected: deployment({
      containers: [
        { name: 'app', image: 'app:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
        { name: 'sidecar', image: 'side:1', args: ['--a', '--b'] },
        { name: 'new', image: 'n:1' },
      ],
      volumes: [{ name: 'data', emptyDir: {} }],
      tolerations: [{ key: 'k1', operator: 'Exists' }],
    }),
  },
  {
    name: 'env merges by name and ports by containerPort inside a merged container',
    patch: {
      spec: { template: { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: 'x' }, { name: 'C', value: '3' }], ports: [{ containerPort: 443 }] }] } } },
    },
    expected: deployment({
      containers: [
        {
          name: 'app',
          image: 'app:1',
          ports: [{ containerPort: 80 }, { containerPort: 443 }],
          env: [{ name: 'A', value: '1' }, { name: 'B', value: 'x' }, { name: 'C', value: '3' }],
        },
        { name: 'sidecar', image: 'side:1', args: ['--a', '--b'] },
      ],
      volumes: [{ name: 'data', emptyDir: {} }],
      tolerations: [{ key: 'k1', operator: 'Exists' }],
    }),
  },
  {
    name: 'tolerations and args carry no strategy, so the patch replaces them',
    patch: {
      spec: { template: { spec: { tolerations: [{ key: 'k2', operator: 'Exists' }], containers: [{ name: 'sidecar', args: ['--c'] }] } } },
    },
    expected: deployment({
      containers: [
        { name: 'app', image: 'app:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
        { name: 'sidecar', image: 'side:1', args: ['--c'] },
      ],
      volumes: [{ name: 'data', emptyDir: {} }],
      tolerations: [{ key: 'k2', operator: 'Exists' }],
    }),
  },
  {
    name: '$patch: delete on a list item removes the item with that key',
    patch: { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
    expected: deployment({
      containers: [{ name: 'app', image: 'app:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }],
      volumes: [{ name: 'data', emptyDir: {} }],
      tolerations: [{ key: 'k1', operator: 'Exists' }],
    }),
  },
  {
    name: '$patch: replace in a list replaces the whole list',
    patch: { spec: { template: { spec: { volumes: [{ $patch: 'replace' }, { name: 'cfg', configMap: { name: 'c' } }] } } } },
    expected: deployment({
      containers: [
        { name: 'app', image: 'app:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
        { name: 'sidecar', image: 'side:1', args: ['--a', '--b'] },
      ],
      volumes: [{ name: 'cfg', configMap: { name: 'c' } }],
      tolerations: [{ key: 'k1', operator: 'Exists' }],
    }),
  },
  {
    name: '$patch: replace on a map replaces the map instead of merging it',
    patch: { spec: { template: { $patch: 'replace', spec: { containers: [{ name: 'only', image: 'o:1' }] } } } },
    expected: deployment({ containers: [{ name: 'only', image: 'o:1' }] }),
  },
  {
    name: '$patch: delete on a map removes the map',
    patch: { spec: { template: { spec: { $patch: 'delete' } } } },
    expected: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: {} } },
  },
  {
    name: '$retainKeys switches a volume source: keys not listed are cleared',
    patch: {
      spec: { template: { spec: { volumes: [{ name: 'data', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/d' } }] } } },
    },
    expected: deployment({
      containers: [
        { name: 'app', image: 'app:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
        { name: 'sidecar', image: 'side:1', args: ['--a', '--b'] },
      ],
      volumes: [{ name: 'data', hostPath: { path: '/d' } }],
      tolerations: [{ key: 'k1', operator: 'Exists' }],
    }),
  },
  {
    name: '$setElementOrder puts the named items in the order given',
    patch: {
      spec: {
        template: {
          spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }], containers: [{ name: 'app', image: 'app:2' }] },
        },
      },
    },
    expected: deployment({
      containers: [
        { name: 'sidecar', image: 'side:1', args: ['--a', '--b'] },
        { name: 'app', image: 'app:2', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
      ],
      volumes: [{ name: 'data', emptyDir: {} }],
      tolerations: [{ key: 'k1', operator: 'Exists' }],
    }),
  },
  {
    name: 'null deletes a field, as in a merge patch',
    patch: { spec: { template: { spec: { tolerations: null, volumes: null } } } },
    expected: deployment({
      containers: [
        { name: 'app', image: 'app:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
        { name: 'sidecar', image: 'side:1', args: ['--a', '--b'] },
      ],
    }),
  },
];

describe('applyStrategicMergePatch on a Deployment', () => {
  it.each(cases)('$name', ({ patch, expected }) => {
    const input = structuredClone(base);
    expect(applyStrategicMergePatch(input, patch, { typeInfo: deploymentInfo })).toEqual(expected);
    expect(input).toEqual(base);
  });
});

const metaCases: { name: string; apiVersion: string; kind: string; original: JsonObject; patch: JsonObject; expected: JsonObject }[] = [
  {
    name: 'finalizers merge as a set, and $deleteFromPrimitiveList removes one',
    apiVersion: 'v1',
    kind: 'ConfigMap',
    original: { metadata: { finalizers: ['a', 'b'] } },
    patch: { metadata: { finalizers: ['c', 'a'], '$deleteFromPrimitiveList/finalizers': ['b'] } },
    expected: { metadata: { finalizers: ['a', 'c'] } },
  },
  {
    name: 'ownerReferences merge by uid',
    apiVersion: 'v1',
    kind: 'ConfigMap',
    original: { metadata: { ownerReferences: [{ uid: '1', name: 'a' }, { uid: '2', name: 'b' }] } },
    patch: { metadata: { ownerReferences: [{ uid: '2', name: 'B' }] } },
    expected: { metadata: { ownerReferences: [{ uid: '1', name: 'a' }, { uid: '2', name: 'B' }] } },
  },
  {
    name: 'Service ports merge by port',
    apiVersion: 'v1',
    kind: 'Service',
    original: { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } },
    patch: { spec: { ports: [{ port: 80, targetPort: 9090 }] } },
    expected: { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] } },
  },
  {
    name: 'RoleBinding subjects have no strategy, so they are replaced whole',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    original: { subjects: [{ kind: 'User', name: 'a' }] },
    patch: { subjects: [{ kind: 'User', name: 'b' }] },
    expected: { subjects: [{ kind: 'User', name: 'b' }] },
  },
  {
    name: 'Deployment strategy retains keys: switching to Recreate clears rollingUpdate',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
    patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
    expected: { spec: { strategy: { type: 'Recreate' } } },
  },
  {
    name: '$setElementOrder on a primitive list puts a server-only value before the first named one it preceded live',
    apiVersion: 'v1',
    kind: 'ConfigMap',
    original: { metadata: { finalizers: ['a', 'server', 'b'] } },
    patch: { metadata: { '$setElementOrder/finalizers': ['b', 'a'], finalizers: ['b', 'a'] } },
    expected: { metadata: { finalizers: ['server', 'b', 'a'] } },
  },
];

describe('applyStrategicMergePatch on other built-in kinds', () => {
  it.each(metaCases)('$name', ({ apiVersion, kind, original, patch, expected }) => {
    const typeInfo = builtinTypeInfo(apiVersion, kind) as TypeInfo;
    expect(applyStrategicMergePatch(original, patch, { typeInfo })).toEqual(expected);
  });
});

describe('applyStrategicMergePatch failures', () => {
  const failures: { name: string; patch: unknown; code: number; message: string }[] = [
    {
      name: 'a list item without its merge key is a bad request',
      patch: { spec: { template: { spec: { containers: [{ image: 'x' }] } } } },
      code: 400,
      message: 'map: {"image":"x"} does not contain declared merge key: name',
    },
    {
      name: 'an unknown $patch directive is a bad request',
      patch: { spec: { $patch: 'frob' } },
      code: 400,
      message: 'Unknown patch type: frob in map: {"$patch":"frob"}',
    },
    {
      name: 'a patch that is a list, not an object, is a bad request',
      patch: [{ op: 'add' }],
      code: 400,
      message: 'json: cannot unmarshal array into Go value of type map[string]interface {}',
    },
  ];
  it.each(failures)('$name', ({ patch, code, message }) => {
    let caught: unknown;
    try {
      applyStrategicMergePatch(base, patch, { typeInfo: deploymentInfo });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PatchError);
    expect(caught).toMatchObject({ code, message });
  });
});

describe('applyStrategicMergePatch with a PatchMeta lookup', () => {
  it('a lookup by field path steers the merge: items of spec.items merge by id', () => {
    const patchMeta = (path: readonly string[]): PatchMeta =>
      path.join('.') === 'spec.items' ? { patchStrategy: 'merge', patchMergeKey: 'id' } : {};
    const original = { spec: { items: [{ id: 1, v: 'a' }, { id: 2, v: 'b' }], other: [1, 2] } };
    const patch = { spec: { items: [{ id: 2, v: 'B' }], other: [3] } };
    expect(applyStrategicMergePatch(original, patch, { patchMeta })).toEqual({
      spec: { items: [{ id: 1, v: 'a' }, { id: 2, v: 'B' }], other: [3] },
    });
  });
});
