import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, parseJsonPath } from './json-path.js';

const obj = {
  metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'shop' } },
  spec: { replicas: 3, containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }] },
  status: {
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'Stalled', status: 'False' },
    ],
    done: false,
  },
};

describe('JSONPath subset', () => {
  const cases = [
    { name: 'a dotted path reaches a nested field', path: '.spec.replicas', out: [3] },
    { name: 'an index picks one list element', path: '.spec.containers[0].image', out: ['nginx'] },
    { name: 'a negative index counts from the end', path: '.spec.containers[-1].name', out: ['b'] },
    { name: 'a wildcard reaches every element', path: '.spec.containers[*].image', out: ['nginx', 'redis'] },
    { name: 'a filter selects the condition of a type', path: '.status.conditions[?(@.type=="Ready")].status', out: ['True'] },
    { name: 'a not-equal filter selects the others', path: ".status.conditions[?(@.type!='Ready')].type", out: ['Stalled'] },
    { name: 'a quoted key reaches a label with dots and slashes', path: ".metadata.labels['app.kubernetes.io/name']", out: ['shop'] },
    { name: 'braces and a leading $ are accepted', path: '{$.metadata.name}', out: ['web'] },
    { name: 'a false value is a result, not a miss', path: '.status.done', out: [false] },
    { name: 'a missing field yields no result', path: '.spec.paused', out: [] },
    { name: 'an index past the end yields no result', path: '.spec.containers[5].name', out: [] },
  ];
  it.each(cases)('$name', ({ path, out }) => {
    expect(evaluateJsonPath(parseJsonPath(path), obj)).toEqual(out);
  });

  const bad = [
    { name: 'a function call is rejected', path: '.spec.containers.length()' },
    { name: 'an unterminated bracket is rejected', path: '.spec.containers[0' },
  ];
  it.each(bad)('$name', ({ path }) => {
    expect(() => parseJsonPath(path)).toThrow(/unsupported JSONPath/);
  });
});
