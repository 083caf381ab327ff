import { describe, expect, it } from 'vitest';
import { compileCrdSchema } from './crd-schema.js';
import { causeText } from './field-errors.js';
import type { JSONSchemaProps } from './json-schema-props.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 20 } } },
    spec: {
      type: 'object',
      required: ['repo'],
      properties: {
        repo: { type: 'string', pattern: '^https?://' },
        replicas: { type: 'integer', format: 'int32', minimum: 0, maximum: 10 },
        ratio: { type: 'number', maximum: 1, exclusiveMaximum: true },
        policy: { type: 'string', enum: ['Never', 'IfIdentical', 'Always'] },
        port: { 'x-kubernetes-int-or-string': true },
        note: { type: 'string', nullable: true },
        branch: { type: 'string', default: 'main' },
        paused: { type: 'boolean' },
        since: { type: 'string', format: 'date-time' },
        interval: { type: 'string', format: 'duration' },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3, 'x-kubernetes-list-type': 'set' },
        targets: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string', maxLength: 5 }, weight: { type: 'integer', default: 1 } },
          },
        },
        values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
        checks: { type: 'object', 'x-kubernetes-validations': [{ rule: 'self.a > 0' }], properties: { a: { type: 'integer' } } },
        options: {
          type: 'object',
          default: {},
          properties: { retries: { type: 'integer', default: 3 }, mode: { type: 'string' } },
        },
      },
    },
  },
};

const compiled = compileCrdSchema(schema);
const object = (spec: Record<string, unknown>) => ({
  apiVersion: 'flotilla.io/v1alpha1',
  kind: 'GitRepo',
  metadata: { name: 'repo', namespace: 'fleet-default' },
  spec: { repo: 'https://example.com/r.git', ...spec } as Record<string, unknown>,
});

describe('CRD schema validation', () => {
  const cases: { name: string; spec: Record<string, unknown>; expected: string[] }[] = [
    { name: 'a valid object has no causes', spec: { replicas: 3, policy: 'Always', port: 'http' }, expected: [] },
    {
      name: 'a string where an integer belongs is a type error',
      spec: { replicas: 'three' },
      expected: ['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'],
    },
    {
      name: 'a missing required field is a Required value',
      spec: { repo: undefined },
      expected: ['spec.repo: Required value'],
    },
    {
      name: 'a value outside an enum lists the supported values',
      spec: { policy: 'Sometimes' },
      expected: ['spec.policy: Unsupported value: "Sometimes": supported values: "Never", "IfIdentical", "Always"'],
    },
    {
      name: 'a number above the maximum is refused',
      spec: { replicas: 11 },
      expected: ['spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10'],
    },
    {
      name: 'an exclusive maximum refuses the bound itself',
      spec: { ratio: 1 },
      expected: ['spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1'],
    },
    {
      name: 'a string that does not match the pattern is refused',
      spec: { repo: 'git@example.com:r.git' },
      expected: [`spec.repo: Invalid value: "git@example.com:r.git": spec.repo in body should match '^https?://'`],
    },
    {
      name: 'an int-or-string field refuses a boolean',
      spec: { port: true },
      expected: ['spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"'],
    },
    { name: 'an int-or-string field takes an integer', spec: { port: 8080 }, expected: [] },
    { name: 'a nullable field takes null', spec: { note: null }, expected: [] },
    {
      name: 'a malformed date-time is refused with its format',
      spec: { since: 'yesterday' },
      expected: ['spec.since: Invalid value: "yesterday": spec.since in body must be of type date-time: "yesterday"'],
    },
    { name: 'a Go duration passes the duration format', spec: { since: '2024-01-02T03:04:05Z', interval: '1h30m' }, expected: [] },
    {
      name: 'too many items are reported as Too many',
      spec: { tags: ['a', 'b', 'c', 'd'] },
      expected: ['spec.tags: Too many: 4: must have at most 3 items'],
    },
    {
      name: 'a set with a repeated value reports the duplicate once',
      spec: { tags: ['a', 'b', 'a'] },
      expected: ['spec.tags: Duplicate value: "a"'],
    },
    {
      name: 'a map list with two items of the same key reports the key',
      spec: { targets: [{ name: 'x' }, { name: 'y' }, { name: 'x' }] },
      expected: ['spec.targets: Duplicate value: {"name":"x"}'],
    },
    {
      name: 'errors inside list items use bracketed indexes',
      spec: { targets: [{ name: 'toolong' }, { weight: 2 }] },
      expected: ['spec.targets[0].name: Too long: may not be more than 5 bytes', 'spec.targets[1].name: Required value'],
    },
    {
      name: 'additionalProperties values are checked under their key',
      spec: { labels: { team: 5 } },
      expected: ['spec.labels.team: Invalid value: "integer": spec.labels.team in body must be of type string: "integer"'],
    },
    {
      name: 'an embedded resource needs apiVersion and kind',
      spec: { template: { metadata: { name: 'x' } } },
      expected: ['spec.template.apiVersion: Required value: must not be empty', 'spec.template.kind: Required value: must not be empty'],
    },
    {
      name: 'an embedded resource kind must otherwise be a DNS-1035 label',
      spec: { template: { apiVersion: 'v1', kind: 'Config_Map' } },
      expected: [
        `spec.template.kind: Invalid value: "Config_Map": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      ],
    },
    { name: 'CEL rules in x-kubernetes-validations are accepted and not enforced', spec: { checks: { a: -1 } }, expected: [] },
  ];
  it.each(cases)('$name', ({ spec, expected }) => {
    expect(compiled.admit(object(spec)).causes.map(causeText)).toEqual(expected);
  });

  it('the root metadata may be constrained by name', () => {
    const obj = { ...object({}), metadata: { name: 'a-name-that-is-far-too-long', namespace: 'x' } };
    expect(compiled.validate(obj).map(causeText)).toEqual(['metadata.name: Too long: may not be more than 20 bytes']);
  });

  it('a type error carries FieldValueTypeInvalid as its reason', () => {
    expect(compiled.validate(object({ paused: 'yes' }))).toEqual([
      {
        reason: 'FieldValueTypeInvalid',
        field: 'spec.paused',
        message: 'Invalid value: "string": spec.paused in body must be of type boolean: "string"',
      },
    ]);
  });
});

describe('CRD schema pruning', () => {
  const cases: { name: string; input: Record<string, unknown>; pruned: string[]; kept: Record<string, unknown> }[] = [
    {
      name: 'an undeclared spec field is dropped and reported',
      input: { replicas: 1, colour: 'blue' },
      pruned: ['spec.colour'],
      kept: { replicas: 1 },
    },
    {
      name: 'undeclared fields inside list items are reported with their index',
      input: { targets: [{ name: 'a', extra: true }] },
      pruned: ['spec.targets[0].extra'],
      kept: { targets: [{ name: 'a', weight: 1 }] },
    },
    {
      name: 'preserve-unknown-fields keeps undeclared fields',
      input: { values: { anything: { deep: [1] }, known: 'k' } },
      pruned: [],
      kept: { values: { anything: { deep: [1] }, known: 'k' } },
    },
    {
      name: 'additionalProperties keeps every key',
      input: { labels: { a: '1', b: '2' } },
      pruned: [],
      kept: { labels: { a: '1', b: '2' } },
    },
  ];
  it.each(cases)('$name', ({ input, pruned, kept }) => {
    const result = compiled.admit(object(input));
    expect(result.prunedFields).toEqual(pruned);
    expect(result.object.spec).toMatchObject(kept);
    for (const path of pruned) expect(JSON.stringify(result.object)).not.toContain(`"${path.split('.').pop() ?? ''}"`);
  });

  it('apiVersion, kind and metadata stay at the root, and unknown metadata fields and root fields go', () => {
    const input = { ...object({}), status: { ready: true }, metadata: { name: 'r', namespace: 'n', bogus: 1 } };
    const result = compiled.admit(input);
    expect(result.prunedFields).toEqual(['metadata.bogus', 'status']);
    expect(result.object).toMatchObject({ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', metadata: { name: 'r', namespace: 'n' } });
    expect(input.metadata.bogus).toBe(1);
  });
});

describe('CRD schema defaulting', () => {
  const cases: { name: string; input: Record<string, unknown>; expected: Record<string, unknown> }[] = [
    { name: 'a missing field with a default gets it', input: {}, expected: { branch: 'main' } },
    { name: 'a present field keeps its value', input: { branch: 'dev' }, expected: { branch: 'dev' } },
    { name: 'a defaulted object gets its own nested defaults', input: {}, expected: { options: { retries: 3 } } },
    { name: 'a null for a non-nullable field with a default is defaulted', input: { branch: null }, expected: { branch: 'main' } },
    { name: 'list items get their defaults', input: { targets: [{ name: 'a' }] }, expected: { targets: [{ name: 'a', weight: 1 }] } },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    const result = compiled.admit(object(input));
    expect(result.causes).toEqual([]);
    expect(result.object.spec).toMatchObject(expected);
  });

  it('a null for a non-nullable field without a default is dropped rather than refused', () => {
    const result = compiled.admit(object({ paused: null }));
    expect(result.causes).toEqual([]);
    expect('paused' in result.object.spec).toBe(false);
  });

  it('a null for a nullable field is kept and not defaulted', () => {
    const result = compiled.admit(object({ note: null }));
    expect(result.object.spec.note).toBeNull();
  });
});
