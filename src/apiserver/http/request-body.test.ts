import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { MAX_NESTING_DEPTH } from '../validation/limits.js';
import { parseBody } from './request-body.js';

const YAML = 'application/apply-patch+yaml';
const nested = (depth: number) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;

interface Case {
  name: string;
  text: string;
  type: string;
}

// Whatever path parses it, a YAML body means what the YAML parser says it means.
const sameAsYaml: Case[] = [
  { name: 'a JSON object sent as YAML', text: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}', type: YAML },
  { name: 'a JSON object with escapes, numbers and null', text: '{"s":"a\\/b\\u00e9\\n","n":1.5e3,"i":-7,"z":null,"t":true,"l":[1,"x",{}]}', type: YAML },
  { name: 'a JSON object that repeats a key (the last wins)', text: '{"a":1,"b":2,"a":3}', type: YAML },
  { name: 'a JSON object after leading blank lines', text: '\n\n  {"a":{"b":[]}}\n', type: YAML },
  { name: 'a YAML flow mapping that is not strict JSON', text: '{a: 1, b: [x, y]}', type: YAML },
  { name: 'a block YAML document', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', type: 'application/yaml' },
];

describe('parseBody', () => {
  it.each(sameAsYaml)('$name parses as YAML reads it', ({ text, type }) => {
    expect(parseBody(Buffer.from(text), type)).toEqual(parseYaml(text, { uniqueKeys: false }));
  });

  it('a JSON body sent as YAML nested to the limit parses as JSON does (the YAML parser overflows its stack on it)', () => {
    const text = nested(MAX_NESTING_DEPTH - 1);
    // Compared as text: a deep equality 3,000 levels down can itself overflow the test's stack.
    expect(JSON.stringify(parseBody(Buffer.from(text), YAML))).toBe(text);
  });

  const refused = [
    { name: 'malformed YAML is a 400 worded as the YAML converter words it', text: '{a: [1, 2', type: YAML, message: /error converting YAML to JSON/ },
    { name: 'malformed JSON is a 400', text: '{"a":', type: 'application/json', message: /not valid JSON/ },
    { name: 'an empty body is a 400', text: '  \n', type: YAML, message: /body is empty/ },
    { name: 'JSON nested past the limit is a 400 before it is parsed', text: nested(MAX_NESTING_DEPTH), type: 'application/json', message: /exceeded max depth of 1000/ },
    { name: 'JSON nested 5,000 levels sent as YAML is a 400, not a stack overflow', text: nested(5000), type: YAML, message: /exceeded max depth of 1000/ },
    { name: 'a merge patch nested 5,000 levels is a 400', text: nested(5000), type: 'application/merge-patch+json', message: /exceeded max depth of 1000/ },
  ];
  it.each(refused)('$name', ({ text, type, message }) => {
    expect(() => parseBody(Buffer.from(text), type)).toThrow(message);
  });
});
