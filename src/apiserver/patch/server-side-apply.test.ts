import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { builtinTypeInfo } from './builtin-patch-meta.js';
import { conflictError, conflictMessage } from './conflict.js';
import { PatchError } from './patch-error.js';
import { recordUpdate } from './record-update.js';
import { apply, type ApplyOptions, type ApplyResult } from './server-side-apply.js';
import type { TypeInfo } from './type-info.js';

const T1 = new Date('2026-01-01T10:00:00.123Z');
const T2 = new Date('2026-01-01T11:00:00Z');
const configMapInfo = builtinTypeInfo('v1', 'ConfigMap') as TypeInfo;
const deploymentInfo = builtinTypeInfo('apps/v1', 'Deployment') as TypeInfo;

/** A ConfigMap configuration; without data when `data` is undefined. */
function cm(data: Record<string, string> | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'test-cm', namespace: 'default', ...extra } };
  return data ? { ...object, data } : object;
}

function ok(result: ApplyResult): KubeObject {
  if (!result.ok) throw new Error(`unexpected conflicts: ${conflictMessage(result.conflicts)}`);
  return result.object;
}

type Step = Partial<ApplyOptions> & { applied: unknown; manager: string };

/** Applies configurations in turn, as successive requests would. */
function applyAll(steps: Step[], typeInfo = configMapInfo): ApplyResult {
  let live: KubeObject | undefined;
  let result: ApplyResult | undefined;
  for (const step of steps) {
    result = apply({ live, apiVersion: 'v1', now: T1, typeInfo, ...step });
    if (result.ok) live = result.object;
  }
  return result as ApplyResult;
}

const managers = (o: KubeObject): string[] => (o.metadata.managedFields ?? []).map((m) => `${m.manager}:${JSON.stringify(m.fieldsV1)}`);

describe('apply: managedFields as Kubernetes writes them', () => {
  it('the ConfigMap of the Server-Side Apply page records exactly the example entry', () => {
    const object = ok(apply({
      live: undefined,
      applied: cm({ key: 'some value' }, { labels: { 'test-label': 'test' } }),
      manager: 'kubectl',
      apiVersion: 'v1',
      now: T1,
      typeInfo: configMapInfo,
    }));
    expect(JSON.stringify(object.metadata.managedFields)).toBe(
      '[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2026-01-01T10:00:00Z","fieldsType":"FieldsV1",' +
        '"fieldsV1":{"f:data":{"f:key":{}},"f:metadata":{"f:labels":{"f:test-label":{}}}}}]',
    );
    expect(object).toMatchObject({ data: { key: 'some value' }, metadata: { name: 'test-cm', labels: { 'test-label': 'test' } } });
  });

  it('an update by another manager takes the changed field, as in the page\'s two-manager example', () => {
    const applied = ok(apply({
      live: undefined,
      applied: cm({ key: 'some value' }, { labels: { 'test-label': 'test' } }),
      manager: 'kubectl',
      apiVersion: 'v1',
      now: T1,
      typeInfo: configMapInfo,
    }));
    const updated = recordUpdate({
      old: applied,
      updated: { ...applied, data: { key: 'new value' } },
      manager: 'kube-controller-manager',
      apiVersion: 'v1',
      now: T2,
      typeInfo: configMapInfo,
    });
    expect(JSON.stringify(updated.metadata.managedFields)).toBe(
      '[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2026-01-01T10:00:00Z","fieldsType":"FieldsV1",' +
        '"fieldsV1":{"f:metadata":{"f:labels":{"f:test-label":{}}}}},' +
        '{"manager":"kube-controller-manager","operation":"Update","apiVersion":"v1","time":"2026-01-01T11:00:00Z","fieldsType":"FieldsV1",' +
        '"fieldsV1":{"f:data":{"f:key":{}}}}]',
    );
  });

  it('a Deployment applied with kubectl --server-side records containers and ports by key, the selector whole', () => {
    const object = ok(apply({
      live: undefined,
      applied: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'nginx' } },
          template: {
            metadata: { labels: { app: 'nginx' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
          },
        },
      },
      manager: 'kubectl',
      apiVersion: 'apps/v1',
      now: T1,
      typeInfo: deploymentInfo,
    }));
    expect(JSON.stringify(object.metadata.managedFields?.[0]?.fieldsV1)).toBe(
      '{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{' +
        '"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{},' +
        '"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}}}}}',
    );
  });
});

describe('apply: ownership between managers', () => {
  const cases: { name: string; steps: Step[]; data: Record<string, string>; owners: string[] }[] = [
    {
      name: 'two managers applying disjoint fields coexist',
      steps: [
        { manager: 'a', applied: cm({ x: '1' }) },
        { manager: 'b', applied: cm({ y: '2' }) },
      ],
      data: { x: '1', y: '2' },
      owners: ['a:{"f:data":{"f:x":{}}}', 'b:{"f:data":{"f:y":{}}}'],
    },
    {
      name: 'applying the same value shares the field without a conflict',
      steps: [
        { manager: 'a', applied: cm({ x: '1' }) },
        { manager: 'b', applied: cm({ x: '1' }) },
      ],
      data: { x: '1' },
      owners: ['a:{"f:data":{"f:x":{}}}', 'b:{"f:data":{"f:x":{}}}'],
    },
    {
      name: 'force takes ownership and the value',
      steps: [
        { manager: 'a', applied: cm({ x: '1', y: '1' }) },
        { manager: 'b', applied: cm({ x: '2' }), force: true },
      ],
      data: { x: '2', y: '1' },
      owners: ['a:{"f:data":{"f:y":{}}}', 'b:{"f:data":{"f:x":{}}}'],
    },
    {
      name: 'a field a manager stops applying is removed',
      steps: [
        { manager: 'a', applied: cm({ x: '1', y: '1' }) },
        { manager: 'a', applied: cm({ x: '1' }) },
      ],
      data: { x: '1' },
      owners: ['a:{"f:data":{"f:x":{}}}'],
    },
    {
      name: 'a dropped field that another manager also owns is kept, owned by that manager only',
      steps: [
        { manager: 'a', applied: cm({ x: '1', y: '1' }) },
        { manager: 'b', applied: cm({ x: '1' }) },
        { manager: 'a', applied: cm({ y: '1' }) },
      ],
      data: { x: '1', y: '1' },
      owners: ['a:{"f:data":{"f:y":{}}}', 'b:{"f:data":{"f:x":{}}}'],
    },
    {
      name: 'a field set by someone else is never removed by an applier that did not own it',
      steps: [
        { manager: 'b', applied: cm({ z: '1' }) },
        { manager: 'a', applied: cm({ x: '1' }) },
        { manager: 'a', applied: cm(undefined) },
      ],
      data: { z: '1' },
      owners: ['b:{"f:data":{"f:z":{}}}'],
    },
  ];

  it.each(cases)('$name', ({ steps, data, owners }) => {
    const object = ok(applyAll(steps));
    expect(object['data']).toEqual(data);
    expect(managers(object)).toEqual(owners);
  });

  it('a conflicting apply is refused naming the field and the other manager', () => {
    const result = applyAll([
      { manager: 'a', applied: cm({ x: '1' }) },
      { manager: 'b', applied: cm({ x: '2' }) },
    ]);
    expect(result).toEqual({ ok: false, conflicts: [{ field: '.data.x', manager: 'a', operation: 'Apply', apiVersion: 'v1' }] });
    if (!result.ok) expect(conflictMessage(result.conflicts)).toBe('Apply failed with 1 conflict: conflict with "a": .data.x');
  });

  it('a conflict with an updater names its apiVersion, and the Status names each field', () => {
    const created = ok(apply({ live: undefined, applied: cm({ x: '1', y: '1' }), manager: 'a', apiVersion: 'v1', now: T1, typeInfo: configMapInfo }));
    const scaled = recordUpdate({
      old: created,
      updated: { ...created, data: { x: '5', y: '5' } },
      manager: 'kube-controller-manager',
      apiVersion: 'v1',
      now: T2,
      typeInfo: configMapInfo,
    });
    const result = apply({ live: scaled, applied: cm({ x: '1', y: '1' }), manager: 'a', apiVersion: 'v1', now: T2, typeInfo: configMapInfo });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(conflictError(result.conflicts).toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 2 conflicts: conflicts with "kube-controller-manager" using v1:\n- .data.x\n- .data.y',
      reason: 'Conflict',
      details: {
        causes: [
          { reason: 'FieldManagerConflict', message: 'conflict with "kube-controller-manager" using v1', field: '.data.x' },
          { reason: 'FieldManagerConflict', message: 'conflict with "kube-controller-manager" using v1', field: '.data.y' },
        ],
      },
      code: 409,
    });
  });
});

describe('apply: lists', () => {
  const deployment = (containers: unknown[]): Record<string, unknown> => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { template: { spec: { containers } } },
  });
  const run = (steps: Step[]): ApplyResult => applyAll(steps.map((s) => ({ apiVersion: 'apps/v1', ...s })), deploymentInfo);
  const containersOf = (o: KubeObject): unknown => (o['spec'] as { template: { spec: { containers: unknown } } }).template.spec.containers;

  it('containers of two managers merge by name, and a dropped container goes while the other stays', () => {
    const object = ok(run([
      { manager: 'a', applied: deployment([{ name: 'app', image: 'app:1' }]) },
      { manager: 'b', applied: deployment([{ name: 'sidecar', image: 'side:1' }]) },
      { manager: 'b', applied: deployment([]) },
    ]));
    expect(containersOf(object)).toEqual([{ name: 'app', image: 'app:1' }]);
  });

  it('a manager may set one field of another manager\'s container', () => {
    const object = ok(run([
      { manager: 'a', applied: deployment([{ name: 'app', image: 'app:1' }]) },
      { manager: 'b', applied: deployment([{ name: 'app', imagePullPolicy: 'Always' }]) },
    ]));
    expect(containersOf(object)).toEqual([{ name: 'app', image: 'app:1', imagePullPolicy: 'Always' }]);
  });

  it('an atomic list set by two managers to different values conflicts as a whole', () => {
    const result = run([
      { manager: 'a', applied: deployment([{ name: 'app', args: ['--a'] }]) },
      { manager: 'b', applied: deployment([{ name: 'app', args: ['--b'] }]) },
    ]);
    expect(result.ok ? [] : result.conflicts.map((c) => c.field)).toEqual(['.spec.template.spec.containers[name="app"].args']);
  });

  it('finalizers are a set: each manager keeps its own, and a dropped one goes', () => {
    const object = ok(applyAll([
      { manager: 'a', applied: cm(undefined, { finalizers: ['a.io/x'] }) },
      { manager: 'b', applied: cm(undefined, { finalizers: ['b.io/y'] }) },
      { manager: 'a', applied: cm(undefined) },
    ]));
    expect(object.metadata.finalizers).toEqual(['b.io/y']);
    expect(managers(object)).toEqual(['b:{"f:metadata":{"f:finalizers":{"v:\\"b.io/y\\"":{}}}}']);
  });
});

describe('apply: other behaviours', () => {
  it('an apply that changes nothing keeps the time and reports no change', () => {
    const first = ok(apply({ live: undefined, applied: cm({ x: '1' }), manager: 'a', apiVersion: 'v1', now: T1, typeInfo: configMapInfo }));
    const again = apply({ live: first, applied: cm({ x: '1' }), manager: 'a', apiVersion: 'v1', now: T2, typeInfo: configMapInfo });
    expect(again).toEqual({ ok: true, object: first, changed: false });
  });

  it('an object written without field tracking belongs to before-first-apply, so changing it conflicts', () => {
    const live = cm({ x: '1' }) as unknown as KubeObject;
    const result = apply({ live, applied: cm({ x: '2' }), manager: 'a', apiVersion: 'v1', now: T1, typeInfo: configMapInfo });
    expect(result.ok ? '' : conflictMessage(result.conflicts)).toBe(
      'Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .data.x',
    );
  });

  it('name and namespace are not recorded as owned', () => {
    const object = ok(apply({ live: undefined, applied: cm(undefined), manager: 'a', apiVersion: 'v1', now: T1, typeInfo: configMapInfo }));
    expect(object.metadata.managedFields).toBeUndefined();
  });

  it.each([
    { name: 'an applied configuration carrying managedFields is a bad request', applied: cm({}, { managedFields: [{ manager: 'x' }] }), code: 400 },
    { name: 'an applied configuration that is not an object is a bad request', applied: [1], code: 400 },
    {
      name: 'a container without its name cannot be applied',
      applied: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { template: { spec: { containers: [{ image: 'x' }] } } } },
      code: 422,
    },
  ])('$name', ({ applied, code }) => {
    const run = (): unknown => apply({ live: undefined, applied, manager: 'a', apiVersion: 'v1', now: T1, typeInfo: deploymentInfo });
    expect(run).toThrow(PatchError);
    expect(run).toThrow(expect.objectContaining({ code }));
  });
});
