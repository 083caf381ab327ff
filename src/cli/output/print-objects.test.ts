import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../api/meta.js';
import { kindView } from './kind-view.js';
import { parseOutputFormat, type OutputFormat } from './output-format.js';
import { printObjects } from './print-objects.js';

const now = new Date('2026-01-02T00:00:00Z');
const repo = (name: string, namespace: string, created: string): KubeObject => ({
  apiVersion: 'flotilla.io/v1alpha1',
  kind: 'GitRepo',
  metadata: { name, namespace, creationTimestamp: created, managedFields: [{ manager: 'x' }] },
  spec: { repo: `https://h/${name}.git` },
  status: { commit: 'abc', display: { readyBundleDeployments: '2/2' }, conditions: [{ type: 'Ready', status: 'True', message: 'all good' }] },
});
const objects = [repo('web', 'fleet-default', '2026-01-01T23:58:30Z'), repo('ops', 'fleet-local', '2025-12-29T00:00:00Z')];
const view = kindView('GitRepo');

const cases: { name: string; format: OutputFormat; allNamespaces?: boolean; single?: boolean; check: (out: string) => void }[] = [
  {
    name: 'a table shows the CRD columns and AGE as kubectl formats it',
    format: 'table',
    check: (out) =>
      expect(out.split('\n')).toEqual([
        'NAME   REPO                COMMIT   BUNDLEDEPLOYMENTS-READY   STATE   AGE',
        'web    https://h/web.git   abc      2/2                               90s',
        'ops    https://h/ops.git   abc      2/2                               4d',
        '',
      ]),
  },
  { name: 'wide adds the Ready message', format: 'wide', check: (out) => expect(out.split('\n')[1]).toMatch(/all good\s+90s$/) },
  { name: '-A puts the namespace first', format: 'table', allNamespaces: true, check: (out) => expect(out.split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['NAMESPACE', 'fleet-default', 'fleet-local', '']) },
  { name: 'name prints kind.group/name per object', format: 'name', check: (out) => expect(out).toBe('gitrepo.flotilla.io/web\ngitrepo.flotilla.io/ops\n') },
  { name: 'json of several objects is a v1 List without managedFields', format: 'json', check: (out) => {
      expect(JSON.parse(out)).toMatchObject({ kind: 'List', items: [{ metadata: { name: 'web' } }, { metadata: { name: 'ops' } }] });
      expect(out).not.toContain('managedFields');
    },
  },
  { name: 'yaml of one object asked by name is the object alone', format: 'yaml', single: true, check: (out) => expect(parse(out)).toMatchObject({ kind: 'GitRepo', metadata: { name: 'web' } }) },
];

describe('printObjects', () => {
  it.each(cases)('$name', ({ format, allNamespaces, single, check }) => {
    check(printObjects(single ? objects.slice(0, 1) : objects, { format, view, now, ...(allNamespaces ? { allNamespaces } : {}), ...(single ? { single } : {}) }));
  });

  it('an empty table prints nothing (the note goes to stderr)', () => {
    expect(printObjects([], { format: 'table', view, now })).toBe('');
  });

  it.each([
    { name: 'no -o is a table', text: undefined, want: 'table' },
    { name: '-o yaml is yaml', text: 'yaml', want: 'yaml' },
  ])('$name', ({ text, want }) => expect(parseOutputFormat(text)).toBe(want));

  it('an unknown -o names the formats there are', () => {
    expect(() => parseOutputFormat('xml')).toThrow('-o xml: unknown output format; use one of table, wide, json, yaml, name');
  });

  it('a format the command does not support names the ones it does', () => {
    expect(() => parseOutputFormat('name', ['table', 'json', 'yaml'])).toThrow('-o name: unknown output format; use one of table, json, yaml');
  });
});
