import { describe, expect, it } from 'vitest';
import { loadKubernetesSchemas } from '../openapi/index.js';
import { pruneUnknownBuiltinFields } from './unknown-fields.js';

const schemas = loadKubernetesSchemas();

const cases = [
  {
    name: 'a ConfigMap with only known fields loses nothing',
    schema: 'io.k8s.api.core.v1.ConfigMap',
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { x: 'y' } }, data: { any: 'key' } },
    unknown: [],
  },
  {
    name: 'a top-level field a ConfigMap does not have is dropped',
    schema: 'io.k8s.api.core.v1.ConfigMap',
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, spec: { x: 1 } },
    unknown: ['spec'],
  },
  {
    name: 'an unknown field inside a list item is named with its index',
    schema: 'io.k8s.api.apps.v1.Deployment',
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', annotations: { free: 'form' } },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c', image: 'i', imagee: 'typo' }] } } },
    },
    unknown: ['spec.template.spec.containers[0].imagee'],
  },
  {
    name: 'a misspelt metadata field is dropped',
    schema: 'io.k8s.api.core.v1.Namespace',
    object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', label: { a: 'b' } } },
    unknown: ['metadata.label'],
  },
];

describe('pruneUnknownBuiltinFields', () => {
  it.each(cases)('$name', ({ schema, object, unknown }) => {
    const copy = structuredClone(object) as Record<string, unknown>;
    expect(pruneUnknownBuiltinFields(schemas, schema, copy)).toEqual(unknown);
    expect(JSON.stringify(copy)).not.toMatch(/imagee|"spec":\{"x"|"label":/);
  });
});
