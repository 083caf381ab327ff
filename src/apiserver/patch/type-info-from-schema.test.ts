import { describe, expect, it } from 'vitest';
import { typeInfoFromSchema, type StructuralSchema } from './type-info-from-schema.js';
import { isMapEntry, listKeysOf, listTypeOf, memberType, patchMetaAt, type TypeNode } from './type-info.js';

const schema: StructuralSchema = {
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
          items: { type: 'object', properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } } },
        },
        args: { type: 'array', items: { type: 'string' } },
        selector: { type: 'object', 'x-kubernetes-map-type': 'atomic', additionalProperties: { type: 'string' } },
        values: { type: 'object', additionalProperties: { type: 'string' } },
        raw: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  },
};

const root = typeInfoFromSchema(schema).root;
const spec = memberType(root, 'spec');
const at = (name: string): TypeNode => memberType(spec, name);

describe('typeInfoFromSchema', () => {
  it.each([
    { name: 'x-kubernetes-list-type set makes a set', node: at('hosts'), type: 'set' },
    { name: 'x-kubernetes-list-type map makes a map-list', node: at('ports'), type: 'map' },
    { name: 'a list without a list type is atomic', node: at('args'), type: 'atomic' },
  ])('$name', ({ node, type }) => {
    expect(listTypeOf(node)).toBe(type);
  });

  it('map-list keys and their defaults come from the schema', () => {
    expect(listKeysOf(at('ports'))).toEqual(['port', 'protocol']);
    expect(at('ports').keyDefaults).toEqual({ protocol: 'TCP' });
  });

  it('x-kubernetes-map-type atomic is read', () => {
    expect(patchMetaAt(typeInfoFromSchema(schema), ['spec', 'selector'])).toEqual({ mapType: 'atomic' });
  });

  it.each([
    { name: 'a declared property is a field, not a map entry', node: spec, member: 'values', entry: false },
    { name: 'an additionalProperties member is a map entry', node: at('values'), member: 'anything', entry: true },
    { name: 'a member of a preserve-unknown-fields object is a map entry', node: at('raw'), member: 'x', entry: true },
  ])('$name', ({ node, member, entry }) => {
    expect(isMapEntry(node, member)).toBe(entry);
  });

  it('metadata is always the standard ObjectMeta, whatever the schema says', () => {
    expect(listTypeOf(memberType(memberType(root, 'metadata'), 'finalizers'))).toBe('set');
  });
});
