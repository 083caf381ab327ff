import { describe, expect, it } from 'vitest';
import { CompiledSchemaCache } from './compiled-schema-cache.js';

const schema = (type: string) => ({ type: 'object', properties: { spec: { type } } });

interface Case {
  name: string;
  /** Lookups in order: owner and schema object. */
  lookups: Array<[string, object]>;
  compiles: number;
}

const a = schema('string');
const cases: Case[] = [
  { name: 'the same schema object compiles once', lookups: [['uid/v1', a], ['uid/v1', a], ['uid/v1', a]], compiles: 1 },
  { name: 'an equal schema in a new object (the CRD was rewritten) compiles once', lookups: [['uid/v1', a], ['uid/v1', schema('string')]], compiles: 1 },
  { name: 'a changed schema of the same JSON length compiles again', lookups: [['uid/v1', schema('string')], ['uid/v1', schema('number')]], compiles: 2 },
  { name: 'another version of the CRD compiles its own schema', lookups: [['uid/v1', schema('string')], ['uid/v2', schema('number')]], compiles: 2 },
];

describe('CompiledSchemaCache', () => {
  it.each(cases)('$name', ({ lookups, compiles }) => {
    const compiled: string[] = [];
    const cache = new CompiledSchemaCache((s) => {
      compiled.push(JSON.stringify(s));
      return JSON.stringify(s);
    });
    for (const [owner, s] of lookups) expect(cache.get(owner, s)).toBe(JSON.stringify(s));
    expect(compiled).toHaveLength(compiles);
  });
});
