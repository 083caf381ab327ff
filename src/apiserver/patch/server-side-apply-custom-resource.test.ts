import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { apply, type ApplyOptions, type ApplyResult } from './server-side-apply.js';
import { typeInfoFromSchema } from './type-info-from-schema.js';

// A CRD schema using every list and map type server-side apply distinguishes.
const typeInfo = typeInfoFromSchema({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        hosts: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['port', 'protocol'],
          items: { type: 'object', properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' }, name: { type: 'string' } } },
        },
        config: { type: 'object', 'x-kubernetes-map-type': 'atomic', additionalProperties: { type: 'string' } },
        args: { type: 'array', items: { type: 'string' } },
      },
    },
    status: { type: 'object', properties: { phase: { type: 'string' } } },
  },
});

const T1 = new Date('2026-02-01T00:00:00Z');
const widget = (spec: Record<string, unknown>, apiVersion = 'example.com/v1'): Record<string, unknown> => ({
  apiVersion,
  kind: 'Widget',
  metadata: { name: 'w', namespace: 'default' },
  spec,
});

type Step = Omit<Partial<ApplyOptions>, 'applied' | 'manager'> & { applied: unknown; manager: string };

function run(steps: Step[]): ApplyResult {
  let live: KubeObject | undefined;
  let result: ApplyResult | undefined;
  for (const step of steps) {
    result = apply({ live, apiVersion: 'example.com/v1', now: T1, typeInfo, ...step });
    if (result.ok) live = result.object;
  }
  return result as ApplyResult;
}

function ok(result: ApplyResult): KubeObject {
  if (!result.ok) throw new Error('unexpected conflict');
  return result.object;
}

describe('apply to a custom resource, by its schema', () => {
  it('set items and map-list items of two managers coexist, each owned by its applier', () => {
    const object = ok(run([
      { manager: 'a', applied: widget({ hosts: ['a.example'], ports: [{ port: 80 }] }) },
      { manager: 'b', applied: widget({ hosts: ['b.example'], ports: [{ port: 443, name: 'https' }] }) },
    ]));
    expect(object['spec']).toEqual({ hosts: ['a.example', 'b.example'], ports: [{ port: 80 }, { port: 443, name: 'https' }] });
    expect(object.metadata.managedFields?.map((m) => [m.manager, m.fieldsV1])).toEqual([
      ['a', { 'f:spec': { 'f:hosts': { 'v:"a.example"': {} }, 'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {} } } } }],
      [
        'b',
        {
          'f:spec': {
            'f:hosts': { 'v:"b.example"': {} },
            'f:ports': { 'k:{"port":443,"protocol":"TCP"}': { '.': {}, 'f:name': {}, 'f:port': {} } },
          },
        },
      ],
    ]);
  });

  it.each([
    {
      name: 'an atomic map changed by another manager conflicts as one field',
      second: widget({ config: { x: '2' } }),
      fields: ['.spec.config'],
    },
    {
      name: 'an atomic list changed by another manager conflicts as one field',
      second: widget({ args: ['--b'] }),
      fields: ['.spec.args'],
    },
    {
      name: 'a map-list item field changed by another manager conflicts by key',
      second: widget({ ports: [{ port: 80, name: 'other' }] }),
      fields: ['.spec.ports[port=80,protocol="TCP"].name'],
    },
  ])('$name', ({ second, fields }) => {
    const result = run([
      { manager: 'a', applied: widget({ config: { x: '1' }, args: ['--a'], ports: [{ port: 80, name: 'web' }] }) },
      { manager: 'b', applied: second },
    ]);
    expect(result.ok ? [] : result.conflicts.map((c) => c.field)).toEqual(fields);
  });

  it('an applier keeps one entry when it applies with another apiVersion', () => {
    const object = ok(run([
      { manager: 'a', applied: widget({ args: ['--a'] }) },
      { manager: 'a', applied: widget({ args: ['--a'] }, 'example.com/v2'), apiVersion: 'example.com/v2' },
    ]));
    expect(object.metadata.managedFields?.map((m) => `${m.manager} ${m.operation} ${m.apiVersion}`)).toEqual(['a Apply example.com/v2']);
  });

  it('an apply to the status subresource is recorded under that subresource', () => {
    const object = ok(run([
      { manager: 'a', applied: widget({ args: ['--a'] }) },
      { manager: 'ctrl', applied: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, status: { phase: 'Ready' } }, subresource: 'status' },
    ]));
    expect(object.metadata.managedFields?.map((m) => [m.manager, m.subresource, m.fieldsV1])).toEqual([
      ['a', undefined, { 'f:spec': { 'f:args': {} } }],
      ['ctrl', 'status', { 'f:status': { 'f:phase': {} } }],
    ]);
  });
});

describe('apply with fields the request may not change', () => {
  it('status in a configuration sent to the main resource is ignored, owned by no one, and never pruned', () => {
    const withStatus = { ...widget({ args: ['--a'] }), status: { phase: 'Ready' } };
    const first = ok(run([{ manager: 'ctrl', applied: withStatus, subresource: 'status', ignoredFields: [['spec']] }]));
    expect(first['status']).toEqual({ phase: 'Ready' });
    expect(first['spec']).toBeUndefined();

    const second = apply({
      live: first,
      applied: { ...widget({ args: ['--a'] }), status: { phase: 'Broken' } },
      manager: 'user',
      apiVersion: 'example.com/v1',
      now: T1,
      typeInfo,
      ignoredFields: [['status']],
    });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.object['status']).toEqual({ phase: 'Ready' });
    expect(second.object.metadata.managedFields?.map((m) => [m.manager, m.fieldsV1])).toEqual([
      ['ctrl', { 'f:status': { 'f:phase': {} } }],
      ['user', { 'f:spec': { 'f:args': {} } }],
    ]);
  });
});
