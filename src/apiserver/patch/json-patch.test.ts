import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './json-patch.js';
import type { JsonValue } from './json-value.js';
import { PatchError, REJECTED_MESSAGE } from './patch-error.js';

const doc = { metadata: { name: 'a', labels: { app: 'x', 'a/b': '1', 'm~n': '2' } }, spec: { list: [1, 2, 3] } };

const applies: { name: string; patch: JsonValue; expected: JsonValue }[] = [
  {
    name: 'add sets a new member of an object',
    patch: [{ op: 'add', path: '/spec/replicas', value: 3 }],
    expected: { ...doc, spec: { list: [1, 2, 3], replicas: 3 } },
  },
  {
    name: 'add with - appends to an array',
    patch: [{ op: 'add', path: '/spec/list/-', value: 4 }],
    expected: { ...doc, spec: { list: [1, 2, 3, 4] } },
  },
  {
    name: 'add at an index inserts before it',
    patch: [{ op: 'add', path: '/spec/list/0', value: 0 }],
    expected: { ...doc, spec: { list: [0, 1, 2, 3] } },
  },
  {
    name: 'remove deletes a key named with ~1 (a slash)',
    patch: [{ op: 'remove', path: '/metadata/labels/a~1b' }],
    expected: { ...doc, metadata: { name: 'a', labels: { app: 'x', 'm~n': '2' } } },
  },
  {
    name: 'replace changes a key named with ~0 (a tilde)',
    patch: [{ op: 'replace', path: '/metadata/labels/m~0n', value: '3' }],
    expected: { ...doc, metadata: { name: 'a', labels: { app: 'x', 'a/b': '1', 'm~n': '3' } } },
  },
  {
    name: 'remove of an array item shifts the rest',
    patch: [{ op: 'remove', path: '/spec/list/1' }],
    expected: { ...doc, spec: { list: [1, 3] } },
  },
  {
    name: 'move takes a value from one place to another',
    patch: [{ op: 'move', from: '/metadata/labels/app', path: '/metadata/name' }],
    expected: { metadata: { name: 'x', labels: { 'a/b': '1', 'm~n': '2' } }, spec: { list: [1, 2, 3] } },
  },
  {
    name: 'copy duplicates a value, deeply',
    patch: [{ op: 'copy', from: '/spec/list', path: '/spec/copy' }],
    expected: { ...doc, spec: { list: [1, 2, 3], copy: [1, 2, 3] } },
  },
  {
    name: 'a passing test lets the following operations apply',
    patch: [
      { op: 'test', path: '/metadata/labels/app', value: 'x' },
      { op: 'replace', path: '/metadata/labels/app', value: 'y' },
    ],
    expected: { ...doc, metadata: { name: 'a', labels: { app: 'y', 'a/b': '1', 'm~n': '2' } } },
  },
  {
    name: 'a test compares objects regardless of key order',
    patch: [{ op: 'test', path: '/metadata/labels', value: { 'm~n': '2', 'a/b': '1', app: 'x' } }],
    expected: doc,
  },
  {
    name: 'the empty path replaces the whole document',
    patch: [{ op: 'replace', path: '', value: { kind: 'Other' } }],
    expected: { kind: 'Other' },
  },
];

describe('applyJsonPatch', () => {
  it.each(applies)('$name', ({ patch, expected }) => {
    const input = structuredClone(doc);
    expect(applyJsonPatch(input, patch)).toEqual(expected);
    expect(input).toEqual(doc);
  });

  const failures: { name: string; patch: JsonValue; code: number; message: string }[] = [
    {
      name: 'add under a missing parent fails naming the path',
      patch: [{ op: 'add', path: '/spec/x/y', value: 1 }],
      code: 422,
      message: 'add operation does not apply: doc is missing path: "/spec/x/y": missing value',
    },
    {
      name: 'remove of a missing key fails',
      patch: [{ op: 'remove', path: '/metadata/labels/nope' }],
      code: 422,
      message: "error in remove for path: '/metadata/labels/nope': Unable to remove nonexistent key: nope: missing value",
    },
    {
      name: 'replace of a missing key fails, as RFC 6902 requires',
      patch: [{ op: 'replace', path: '/spec/x', value: 1 }],
      code: 422,
      message: 'replace operation does not apply: doc is missing key: /spec/x: missing value',
    },
    {
      name: 'a failed test aborts the whole patch',
      patch: [
        { op: 'replace', path: '/metadata/name', value: 'b' },
        { op: 'test', path: '/metadata/labels/app', value: 'nope' },
      ],
      code: 422,
      message: 'testing value /metadata/labels/app failed: test failed',
    },
    {
      name: 'an index past the end fails',
      patch: [{ op: 'add', path: '/spec/list/9', value: 1 }],
      code: 422,
      message: "error in add for path: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced",
    },
    {
      name: 'move from a missing path fails',
      patch: [{ op: 'move', from: '/nope/x', path: '/a' }],
      code: 422,
      message: 'move operation does not apply: doc is missing from path: /nope/x: missing value',
    },
    {
      name: 'copy to a missing destination fails',
      patch: [{ op: 'copy', from: '/metadata/name', path: '/nope/x' }],
      code: 422,
      message: 'copy operation does not apply: doc is missing destination path: /nope/x: missing value',
    },
    {
      name: 'an unknown operation fails',
      patch: [{ op: 'frob', path: '/a' }],
      code: 422,
      message: 'Unexpected kind: frob: unknown object type',
    },
    {
      name: 'a patch that is an object, not a list, is a bad request',
      patch: { op: 'add', path: '/a', value: 1 },
      code: 400,
      message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    },
    {
      name: 'a path that does not start with a slash is a bad request',
      patch: [{ op: 'add', path: 'spec', value: 1 }],
      code: 400,
      message: 'JSON pointer must be empty or start with a "/": "spec"',
    },
  ];

  it.each(failures)('$name', ({ patch, code, message }) => {
    const input = structuredClone(doc);
    const error = catchError(() => applyJsonPatch(input, patch));
    expect(error).toBeInstanceOf(PatchError);
    expect(error).toMatchObject({ code, message });
    expect(input).toEqual(doc);
  });

  it('a patch that does not apply answers as Kubernetes does: 422 Invalid with the generic message', () => {
    const error = catchError(() => applyJsonPatch(doc, [{ op: 'test', path: '/metadata/name', value: 'b' }]));
    expect((error as PatchError).toStatusError().toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: REJECTED_MESSAGE,
      reason: 'Invalid',
      details: {},
      code: 422,
    });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
