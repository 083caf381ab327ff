import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { builtinTypeInfo } from './builtin-patch-meta.js';
import { recordUpdate, type RecordUpdateOptions } from './record-update.js';
import { apply } from './server-side-apply.js';
import { typeInfoFromSchema } from './type-info-from-schema.js';
import type { TypeInfo } from './type-info.js';

const T1 = new Date('2026-01-01T10:00:00Z');
const T2 = new Date('2026-01-01T11:00:00Z');
const configMapInfo = builtinTypeInfo('v1', 'ConfigMap') as TypeInfo;

const cm = (data: Record<string, string>, metadata: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...metadata }, data }) as KubeObject;

const update = (o: Partial<RecordUpdateOptions> & Pick<RecordUpdateOptions, 'updated'>): KubeObject =>
  recordUpdate({ old: undefined, manager: 'kubectl-edit', apiVersion: 'v1', now: T2, typeInfo: configMapInfo, ...o });

const fields = (o: KubeObject): string[] => (o.metadata.managedFields ?? []).map((m) => `${m.manager}/${m.operation}:${JSON.stringify(m.fieldsV1)}`);

describe('recordUpdate', () => {
  it('a Deployment created by kubectl create records what Kubernetes records, no "." on structs a new object always has', () => {
    const created = recordUpdate({
      old: undefined,
      updated: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'nginx', labels: { app: 'nginx' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'nginx' } },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
          template: {
            metadata: { labels: { app: 'nginx' } },
            spec: {
              containers: [{ name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', resources: {} }],
              restartPolicy: 'Always',
              securityContext: {},
            },
          },
        },
      } as KubeObject,
      manager: 'kubectl-create',
      apiVersion: 'apps/v1',
      now: T1,
      typeInfo: builtinTypeInfo('apps/v1', 'Deployment') as TypeInfo,
    });
    expect(JSON.stringify(created.metadata.managedFields)).toBe(
      '[{"manager":"kubectl-create","operation":"Update","apiVersion":"apps/v1","time":"2026-01-01T10:00:00Z","fieldsType":"FieldsV1","fieldsV1":' +
        '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},' +
        '"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{' +
        '"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{}}},' +
        '"f:restartPolicy":{},"f:securityContext":{}}}}}}]',
    );
  });

  it('a custom resource created records its spec with ".", as for any object without fixed structs', () => {
    const info = typeInfoFromSchema({ type: 'object', properties: { spec: { type: 'object', properties: { image: { type: 'string' } } } } });
    const created = recordUpdate({
      old: undefined,
      updated: { apiVersion: 'example.com/v1', kind: 'Foo', metadata: { name: 'f' }, spec: { image: 'x' } },
      manager: 'kubectl-create',
      apiVersion: 'example.com/v1',
      now: T1,
      typeInfo: info,
    });
    expect(created.metadata.managedFields?.[0]?.fieldsV1).toEqual({ 'f:spec': { '.': {}, 'f:image': {} } });
  });

  const applied = (): KubeObject => {
    const result = apply({ live: undefined, applied: cm({ a: '1', b: '1' }), manager: 'kubectl', apiVersion: 'v1', now: T1, typeInfo: configMapInfo });
    if (!result.ok) throw new Error('conflict');
    return result.object;
  };

  const cases: { name: string; run: () => KubeObject; expected: string[] }[] = [
    {
      name: 'an update takes the field it changed from the applier, without a conflict',
      run: () => update({ old: applied(), updated: { ...applied(), data: { a: '2', b: '1' } } }),
      expected: ['kubectl/Apply:{"f:data":{"f:b":{}}}', 'kubectl-edit/Update:{"f:data":{"f:a":{}}}'],
    },
    {
      name: 'a removed field leaves every owner',
      run: () => update({ old: applied(), updated: { ...applied(), data: { b: '1' } } }),
      expected: ['kubectl/Apply:{"f:data":{"f:b":{}}}'],
    },
    {
      name: 'an update that changes nothing records nothing',
      run: () => update({ old: applied(), updated: applied() }),
      expected: ['kubectl/Apply:{"f:data":{"f:a":{},"f:b":{}}}'],
    },
    {
      name: 'successive updates by one manager add up in one entry',
      run: () => {
        const first = update({ updated: cm({ a: '1' }) });
        return update({ old: first, updated: { ...first, data: { a: '1', b: '2' } } });
      },
      expected: ['kubectl-edit/Update:{"f:data":{".":{},"f:a":{},"f:b":{}}}'],
    },
    {
      name: 'managedFields sent as [{}] are cleared before the write is recorded',
      run: () => {
        const old = applied();
        return update({ old, updated: { ...old, metadata: { ...old.metadata, managedFields: [{}] }, data: { a: '1', b: '2' } } });
      },
      expected: ['kubectl-edit/Update:{"f:data":{"f:b":{}}}'],
    },
    {
      name: 'a status write is recorded for the status subresource',
      run: () => {
        const old = cm({});
        return update({ old, updated: { ...old, status: { phase: 'Ready' } }, subresource: 'status' });
      },
      expected: ['kubectl-edit/Update:{"f:status":{".":{},"f:phase":{}}}'],
    },
  ];

  it.each(cases)('$name', ({ run, expected }) => {
    expect(fields(run())).toEqual(expected);
  });

  it('the entry of a subresource write names the subresource last, as Kubernetes orders the keys', () => {
    const old = cm({});
    const written = update({ old, updated: { ...old, status: { phase: 'Ready' } }, subresource: 'status' });
    expect(Object.keys(written.metadata.managedFields?.[0] ?? {})).toEqual([
      'manager',
      'operation',
      'apiVersion',
      'time',
      'fieldsType',
      'fieldsV1',
      'subresource',
    ]);
  });

  it('the input objects are not changed', () => {
    const old = applied();
    const updated = { ...old, data: { a: '9' } };
    const snapshot = structuredClone({ old, updated });
    update({ old, updated });
    expect({ old, updated }).toEqual(snapshot);
  });
});

describe('recordUpdate of built-in atomic structs', () => {
  it('an owner reference is owned as a whole item, as on a ReplicaSet a controller adopts', () => {
    const old = cm({ a: '1' });
    const adopted = recordUpdate({
      old,
      updated: { ...old, metadata: { ...old.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'u-1' }] } },
      manager: 'kube-controller-manager',
      apiVersion: 'v1',
      now: T1,
      typeInfo: configMapInfo,
    });
    expect(adopted.metadata.managedFields?.[0]?.fieldsV1).toEqual({
      'f:metadata': { 'f:ownerReferences': { '.': {}, 'k:{"uid":"u-1"}': {} } },
    });
  });

  it('an env var from a secret owns the secretKeyRef whole', () => {
    const info = builtinTypeInfo('v1', 'Pod') as TypeInfo;
    const old = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] } } as KubeObject;
    const env = [{ name: 'PW', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }];
    const written = recordUpdate({
      old,
      updated: { ...old, spec: { containers: [{ name: 'c', env }] } },
      manager: 'm',
      apiVersion: 'v1',
      now: T1,
      typeInfo: info,
    });
    expect(written.metadata.managedFields?.[0]?.fieldsV1).toEqual({
      'f:spec': {
        'f:containers': {
          'k:{"name":"c"}': {
            'f:env': { '.': {}, 'k:{"name":"PW"}': { '.': {}, 'f:name': {}, 'f:valueFrom': { '.': {}, 'f:secretKeyRef': {} } } },
          },
        },
      },
    });
  });
});
