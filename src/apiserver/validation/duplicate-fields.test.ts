import { describe, expect, it } from 'vitest';
import { duplicateFieldErrors, duplicateFields, duplicateYamlKeys } from './duplicate-fields.js';

describe('duplicateFields (JSON)', () => {
  const cases = [
    { name: 'a body without repeated keys has no duplicates', text: '{"kind":"ConfigMap","data":{"a":"1","b":"2"}}', paths: [] },
    { name: 'a repeated top-level key is named by itself', text: '{"kind":"ConfigMap","kind":"Secret"}', paths: ['kind'] },
    { name: 'a repeated nested key is named by its dotted path', text: '{"metadata":{"labels":{"a":"1","a":"2"}}}', paths: ['metadata.labels.a'] },
    { name: 'a key inside a list item carries the item index', text: '{"spec":{"containers":[{"name":"a"},{"name":"b","name":"c"}]}}', paths: ['spec.containers[1].name'] },
    { name: 'a key given three times is reported twice', text: '{"data":{"x":1,"x":2,"x":3}}', paths: ['data.x', 'data.x'] },
    { name: 'the same key in sibling objects is not a duplicate', text: '{"a":{"k":1},"b":{"k":2}}', paths: [] },
    { name: 'keys are compared decoded, so an escaped spelling repeats the key', text: '{"data":{"a":"1","\\u0061":"2"}}', paths: ['data.a'] },
    { name: 'quotes, braces and commas inside strings do not confuse the scanner', text: '{"a":"x\\"},{\\"a\\":","b":[1,"]",{"c":true}],"a":null}', paths: ['a'] },
    { name: 'whitespace between tokens is allowed', text: ' {\n "a" : [ 1 , 2 ] ,\n "b" : { } ,\n "a" : 3\n} ', paths: ['a'] },
    { name: 'a top-level array names items by index', text: '[{"a":1,"a":2}]', paths: ['[0].a'] },
  ];
  it.each(cases)('$name', ({ text, paths }) => {
    expect(duplicateFields(text)).toEqual(paths);
  });
});

describe('duplicateYamlKeys', () => {
  const cases = [
    { name: 'a YAML document without repeated keys has none', text: 'kind: ConfigMap\ndata:\n  a: "1"\n', keys: [] },
    {
      name: 'a repeated key is found with its path and line',
      text: 'kind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "1"\n  a: "2"\n',
      keys: [{ path: 'data.a', key: 'a', line: 6 }],
    },
    {
      name: 'keys in list items carry the item index',
      text: 'spec:\n  containers:\n  - name: a\n    image: x\n    image: y\n',
      keys: [{ path: 'spec.containers[0].image', key: 'image', line: 5 }],
    },
    {
      name: 'every document of a multi-document stream is checked',
      text: 'a: 1\n---\nb: 1\nb: 2\n',
      keys: [{ path: 'b', key: 'b', line: 4 }],
    },
  ];
  it.each(cases)('$name', ({ text, keys }) => {
    expect(duplicateYamlKeys(text)).toEqual(keys);
  });
});

describe('duplicateFieldErrors', () => {
  const cases = [
    { name: 'JSON bodies give one Kubernetes message per repeated key', text: '{"data":{"a":"1","a":"2","b":"1","b":"2"}}', type: 'application/json', errors: ['duplicate field "data.a"', 'duplicate field "data.b"'] },
    {
      name: 'YAML bodies give the converter error naming every line',
      text: 'data:\n  a: "1"\n  a: "2"\n  b: "1"\n  b: "2"\n',
      type: 'application/yaml',
      errors: ['error converting YAML to JSON: yaml: unmarshal errors:\n  line 3: key "a" already set in map\n  line 5: key "b" already set in map'],
    },
    { name: 'a YAML body without repeated keys gives nothing', text: 'data:\n  a: "1"\n', type: 'application/yaml', errors: [] },
    { name: 'protobuf bodies cannot repeat keys and give nothing', text: 'k8s\0', type: 'application/vnd.kubernetes.protobuf', errors: [] },
  ];
  it.each(cases)('$name', ({ text, type, errors }) => {
    expect(duplicateFieldErrors(text, type)).toEqual(errors);
  });
});
