import { describe, expect, it } from 'vitest';
import { causeText } from './field-errors.js';
import { validateObjectMeta } from './metadata.js';
import { nameIsDnsLabel, nameIsDnsSubdomain } from './names.js';

const namespaced = { namespaced: true, validateName: nameIsDnsSubdomain };

describe('validateObjectMeta', () => {
  const cases: { name: string; meta: unknown; options?: typeof namespaced; expected: string[] }[] = [
    { name: 'a named object in a namespace is valid', meta: { name: 'web', namespace: 'default' }, expected: [] },
    {
      name: 'an object without name or generateName is refused',
      meta: { namespace: 'default' },
      expected: ['metadata.name: Required value: name or generateName is required'],
    },
    { name: 'a namespaced object without a namespace is refused', meta: { name: 'web' }, expected: ['metadata.namespace: Required value'] },
    {
      name: 'a cluster-scoped object may not name a namespace',
      meta: { name: 'team-a', namespace: 'default' },
      options: { namespaced: false, validateName: nameIsDnsLabel },
      expected: ['metadata.namespace: Forbidden: not allowed on this type'],
    },
    {
      name: 'a generateName with an uppercase letter is refused',
      meta: { generateName: 'Web-', name: 'Web-abcde', namespace: 'default' },
      expected: [
        `metadata.generateName: Invalid value: "Web-": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        `metadata.name: Invalid value: "Web-abcde": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      ],
    },
    {
      name: 'a label value of 64 characters is too long',
      meta: { name: 'web', namespace: 'default', labels: { app: 'v'.repeat(64) } },
      expected: [`metadata.labels: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`],
    },
    {
      name: 'a label key ending in a dash is refused under metadata.labels',
      meta: { name: 'web', namespace: 'default', labels: { 'app-': 'x' } },
      expected: [
        `metadata.labels: Invalid value: "app-": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      ],
    },
    {
      name: 'an annotation key may use uppercase letters',
      meta: { name: 'web', namespace: 'default', annotations: { 'Example.COM/Note': 'x' } },
      expected: [],
    },
    {
      name: 'annotations over 256 KiB in total are too long',
      meta: { name: 'web', namespace: 'default', annotations: { a: 'x'.repeat(200_000), b: 'y'.repeat(62_144) } },
      expected: ['metadata.annotations: Too long: may not be more than 262144 bytes'],
    },
    {
      name: 'annotations of exactly 256 KiB are accepted',
      meta: { name: 'web', namespace: 'default', annotations: { a: 'x'.repeat(262_143) } },
      expected: [],
    },
    {
      name: 'a finalizer must be a qualified name',
      meta: { name: 'web', namespace: 'default', finalizers: ['flotilla.io/cleanup', 'a/b/c'] },
      expected: [
        `metadata.finalizers: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ],
    },
    {
      name: 'the orphan and foregroundDeletion finalizers cannot both be set',
      meta: { name: 'web', namespace: 'default', finalizers: ['orphan', 'foregroundDeletion'] },
      expected: ['metadata.finalizers: Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set'],
    },
    {
      name: 'an owner reference without uid or kind is refused field by field',
      meta: { name: 'web', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', name: 'web' }] },
      expected: [
        'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
        'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
      ],
    },
    {
      name: 'an owner reference without a version is refused',
      meta: { name: 'web', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/', kind: 'Deployment', name: 'web', uid: 'u1' }] },
      expected: ['metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty'],
    },
    {
      name: 'two controller owner references are refused',
      meta: {
        name: 'web',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
        ],
      },
      expected: [
        'metadata.ownerReferences: Invalid value: [{"apiVersion":"apps/v1","controller":true,"kind":"ReplicaSet","name":"a","uid":"1"},{"apiVersion":"apps/v1","controller":true,"kind":"ReplicaSet","name":"b","uid":"2"}]: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
      ],
    },
    {
      name: 'a negative generation is refused',
      meta: { name: 'web', namespace: 'default', generation: -1 },
      expected: ['metadata.generation: Invalid value: -1: must be greater than or equal to 0'],
    },
  ];
  it.each(cases)('$name', ({ meta, options, expected }) => {
    expect(validateObjectMeta(meta, options ?? namespaced).map(causeText)).toEqual(expected);
  });

  it('causes carry the field error type as their reason', () => {
    expect(validateObjectMeta({ namespace: 'default' }, namespaced)).toEqual([
      { reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' },
    ]);
  });
});
