import { describe, expect, it } from 'vitest';
import { ALL_KINDS, type KindInfo } from './index.js';
import { rootSchemaErrors } from './structural-schema.js';
import type { JSONSchemaProps } from './crd.js';

function schemaOf(k: KindInfo): JSONSchemaProps {
  const version = k.crd.spec.versions[0];
  if (!version) throw new Error(`${k.kind} has no version`);
  return version.schema.openAPIV3Schema;
}

/** Resolves a printer column's simple JSONPath (`.a.b`, filters on lists) in a schema. */
function schemaAt(root: JSONSchemaProps, jsonPath: string): JSONSchemaProps | undefined {
  const steps = jsonPath.replace(/\[\?\(.*?\)\]/g, '[]').split('.').filter(Boolean);
  let node: JSONSchemaProps | undefined = root;
  for (const step of steps) {
    const isList = step.endsWith('[]');
    node = node?.properties?.[isList ? step.slice(0, -2) : step];
    if (isList) node = node?.items;
  }
  return node;
}

const kinds = ALL_KINDS.map((k) => ({ name: `${k.kind}`, k }));

describe('every CRD', () => {
  it.each(kinds)('$name has a structural schema', ({ k }) => {
    expect(rootSchemaErrors(schemaOf(k))).toEqual([]);
  });

  it.each(kinds)('$name is named <plural>.flotilla.io in category flotilla', ({ k }) => {
    expect(k.crd.metadata.name).toBe(`${k.crd.spec.names.plural}.flotilla.io`);
    expect(k.crd.spec.names.plural).toMatch(/^[a-z]+$/);
    expect(k.crd.spec.names.singular).toBe(k.kind.toLowerCase());
    expect(k.crd.spec.names.listKind).toBe(`${k.kind}List`);
    expect(k.crd.spec.names.categories).toContain('flotilla');
  });

  it.each(kinds)('$name has the status subresource exactly when it has a status', ({ k }) => {
    const version = k.crd.spec.versions[0];
    expect(version?.served && version.storage).toBe(true);
    expect(version?.subresources?.status !== undefined).toBe('status' in (schemaOf(k).properties ?? {}));
  });

  it.each(kinds)('$name has printer columns that point at fields of its schema, Age last', ({ k }) => {
    const columns = k.crd.spec.versions[0]?.additionalPrinterColumns ?? [];
    expect(columns.at(-1)?.name).toBe('Age');
    for (const column of columns.filter((c) => !c.jsonPath.startsWith('.metadata.'))) {
      expect(schemaAt(schemaOf(k), column.jsonPath), `${column.name}: ${column.jsonPath}`).toBeDefined();
    }
  });

  it.each(kinds)('$name constrains metadata.name to a DNS name', ({ k }) => {
    expect(schemaOf(k).properties?.['metadata']?.properties?.['name']?.pattern).toBeDefined();
  });
});

describe('the kinds together', () => {
  it('are eleven, with the scopes DESIGN.md gives them', () => {
    const clusterScoped = ALL_KINDS.filter((k) => !k.namespaced).map((k) => k.kind);
    expect(ALL_KINDS).toHaveLength(11);
    expect(clusterScoped).toEqual(['Content']);
  });

  it('have unique short names and plurals', () => {
    const names = ALL_KINDS.flatMap((k) => [k.plural, ...(k.crd.spec.names.shortNames ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('rootSchemaErrors', () => {
  const cases: { name: string; schema: JSONSchemaProps; want: string }[] = [
    { name: 'a node without a type is refused', schema: { type: 'object', properties: { a: {} } }, want: '.a: type is missing' },
    {
      name: 'a list-map key that is not required is refused',
      schema: {
        type: 'object',
        properties: {
          l: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['k'], items: { type: 'object', properties: { k: { type: 'string' } } } },
        },
      },
      want: '.l: map key k is not required',
    },
    { name: 'a set of objects is refused', schema: { type: 'object', properties: { s: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object' } } } }, want: '.s: set of non-scalars' },
    { name: 'anyOf other than int-or-string is refused', schema: { type: 'object', properties: { a: { type: 'string', anyOf: [{ type: 'string' }] } } }, want: '.a: anyOf/oneOf/allOf only for int-or-string' },
    {
      name: 'metadata constraints beyond name are refused',
      schema: { type: 'object', properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } } } },
      want: '.metadata: only name and generateName may be constrained, not labels',
    },
    { name: 'an enum value of the wrong type is refused', schema: { type: 'object', properties: { e: { type: 'string', enum: [1] } } }, want: '.e: enum values do not match type string' },
  ];
  it.each(cases)('$name', ({ schema, want }) => {
    expect(rootSchemaErrors(schema)).toContain(want);
  });
});
