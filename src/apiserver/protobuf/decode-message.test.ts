import { describe, expect, it } from 'vitest';
import { decodeMessage, type DecodeContext } from './decode-message.js';
import { ProtobufDecodeError } from './errors.js';
import { f, list, type MessageRegistry } from './field-spec.js';
import { decodeProtobufObject } from './index.js';
import { protobufBody, ProtobufWriter as W } from './protobuf-writer.js';
import { builtinMessages } from './schemas/index.js';

/** Built-in messages plus a few shapes no built-in kind has (packed numbers, floats, RawExtension, MicroTime). */
const registry: MessageRegistry = {
  ...builtinMessages,
  'test.Holder': {
    1: f('values', 'int32', list),
    2: f('ratio', 'double'),
    3: f('weight', 'float'),
    4: f('big', 'uint64'),
    5: f('object', 'runtime.RawExtension'),
    6: f('eventTime', 'meta.v1.MicroTime'),
  },
};
const ctx: DecodeContext = { registry, decodeEmbeddedObject: decodeProtobufObject };

const time = (seconds: number, nanos = 0) => new W().varint(1, seconds).varint(2, nanos);
const entry = (key: string, value?: W | string) => {
  const w = new W().string(1, key);
  if (typeof value === 'string') w.string(2, value);
  else if (value) w.message(2, value);
  return w;
};
const quantity = (s: string) => new W().string(1, s);
const utf8 = (s: string) => new TextEncoder().encode(s);

const cases: Array<{ name: string; message: string; body: W; expected: Record<string, unknown> }> = [
  {
    name: 'zero scalars are left out unless the Go field keeps them',
    message: 'core.v1.ContainerPort',
    body: new W().string(1, '').varint(2, 0).varint(3, 0).string(4, '').string(5, ''),
    expected: { containerPort: 0 },
  },
  { name: 'a pointer bool that is false is kept', message: 'core.v1.ConfigMap', body: new W().varint(4, false), expected: { immutable: false } },
  {
    name: 'an absent list without omitempty is null, and empty strings inside a list stay',
    message: 'rbac.v1.PolicyRule',
    body: new W().string(2, '').string(3, 'pods'),
    expected: { verbs: null, apiGroups: [''], resources: ['pods'] },
  },
  {
    name: 'bytes map values are base64 and a missing map value is its zero',
    message: 'core.v1.Secret',
    body: new W().message(2, entry('password', 'hunter2')).message(2, entry('empty')).string(3, 'Opaque'),
    expected: { data: { password: Buffer.from('hunter2').toString('base64'), empty: '' }, type: 'Opaque' },
  },
  {
    name: 'a map key named __proto__ is an ordinary key',
    message: 'authentication.v1.UserInfo',
    body: new W().message(4, entry('__proto__', new W().string(1, 'x'))),
    expected: JSON.parse('{"extra":{"__proto__":["x"]}}') as Record<string, unknown>,
  },
  {
    name: 'quantities are their strings and an empty quantity is "0"',
    message: 'core.v1.ResourceQuotaSpec',
    body: new W().message(1, entry('cpu', quantity('1500m'))).message(1, entry('pods', new W())).string(2, 'NotBestEffort'),
    expected: { hard: { cpu: '1500m', pods: '0' }, scopes: ['NotBestEffort'] },
  },
  {
    name: 'an int-or-string is a number or a string by its type',
    message: 'apps.v1.RollingUpdateDeployment',
    body: new W().message(1, new W().varint(1, 0).varint(2, 2)).message(2, new W().varint(1, 1).string(3, '25%')),
    expected: { maxUnavailable: 2, maxSurge: '25%' },
  },
  {
    name: 'times are RFC 3339 in UTC to the second, and an empty time is null',
    message: 'meta.v1.ObjectMeta',
    body: new W().string(1, 'x').message(8, new W()).message(9, time(1700000000, 999_000_000)).varint(10, 30),
    expected: { name: 'x', creationTimestamp: null, deletionTimestamp: '2023-11-14T22:13:20Z', deletionGracePeriodSeconds: 30 },
  },
  {
    name: 'negative and zero pointer numbers are kept',
    message: 'apps.v1.DeploymentSpec',
    body: new W().varint(1, -1).varint(6, 0).varint(5, 0),
    expected: { replicas: -1, revisionHistoryLimit: 0 },
  },
  {
    name: 'an embedded struct puts its fields beside the parent\'s',
    message: 'core.v1.ConfigMapKeySelector',
    body: new W().message(1, new W().string(1, 'settings')).string(2, 'mode').varint(3, true),
    expected: { name: 'settings', key: 'mode', optional: true },
  },
  {
    name: 'a volume names its one source beside its name',
    message: 'core.v1.Volume',
    body: new W().string(1, 'config').message(2, new W().message(19, new W().message(1, new W().string(1, 'settings')).varint(3, 420))),
    expected: { name: 'config', configMap: { name: 'settings', defaultMode: 420 } },
  },
  {
    name: 'a container carries command, args, env from values and secrets, env sources, resources, mounts and a probe',
    message: 'core.v1.Container',
    body: new W()
      .string(1, 'app')
      .string(2, 'example.com/app:1.0')
      .string(3, '/app')
      .string(4, '--verbose')
      .message(7, new W().string(1, 'MODE').string(2, 'fast'))
      .message(7, new W().string(1, 'TOKEN').message(3, new W().message(4, new W().message(1, new W().string(1, 'creds')).string(2, 'token'))))
      .message(7, new W().string(1, 'EMPTY').string(2, ''))
      .message(19, new W().string(1, 'CFG_').message(2, new W().message(1, new W().string(1, 'settings'))))
      .message(8, new W().message(1, entry('memory', quantity('256Mi'))).message(2, entry('cpu', quantity('100m'))))
      .message(9, new W().string(1, 'data').string(3, '/data').varint(2, true))
      .message(11, new W().message(1, new W().message(2, new W().string(1, '/healthz').message(2, new W().varint(1, 1).string(3, 'http')))).varint(4, 10))
      .string(14, 'IfNotPresent'),
    expected: {
      name: 'app',
      image: 'example.com/app:1.0',
      command: ['/app'],
      args: ['--verbose'],
      env: [{ name: 'MODE', value: 'fast' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }, { name: 'EMPTY' }],
      envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'settings' } }],
      resources: { limits: { memory: '256Mi' }, requests: { cpu: '100m' } },
      volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }],
      readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
      imagePullPolicy: 'IfNotPresent',
    },
  },
  {
    name: 'fields the description does not name are skipped',
    message: 'core.v1.ConfigMap',
    body: new W().string(99, 'future').varint(98, 7).fixed32(97, 1).double(96, 2).message(2, entry('a', 'b')),
    expected: { data: { a: 'b' } },
  },
  {
    name: 'a message field sent twice is merged',
    message: 'core.v1.ConfigMap',
    body: new W().message(1, new W().string(1, 'x')).message(1, new W().string(3, 'default')),
    expected: { metadata: { name: 'x', namespace: 'default' } },
  },
  {
    name: 'managed fields hold their field set as JSON',
    message: 'meta.v1.ManagedFieldsEntry',
    body: new W().string(1, 'kubectl').string(2, 'Apply').string(6, 'FieldsV1').message(7, new W().bytesField(1, utf8('{"f:data":{".":{}}}'))),
    expected: { manager: 'kubectl', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {} } } },
  },
  {
    name: 'extra values of a user are string lists',
    message: 'authentication.v1.UserInfo',
    body: new W().string(1, 'alice').message(4, entry('scopes', new W().string(1, 'a').string(1, 'b'))),
    expected: { username: 'alice', extra: { scopes: ['a', 'b'] } },
  },
  {
    name: 'packed and unpacked numbers, doubles, floats and uint64s are read',
    message: 'test.Holder',
    body: new W().varint(1, 1).bytesField(1, new W().raw(Uint8Array.of(2, 0x7f)).finish()).double(2, 0.25).fixed32(3, 0x3fc00000).varint(4, 2n ** 40n),
    expected: { values: [1, 2, 127], ratio: 0.25, weight: 1.5, big: 2 ** 40 },
  },
  {
    name: 'a micro time keeps six fraction digits',
    message: 'test.Holder',
    body: new W().message(6, time(0, 1_500_000)),
    expected: { eventTime: '1970-01-01T00:00:00.001500Z' },
  },
  {
    name: 'a raw extension holding JSON is that JSON',
    message: 'test.Holder',
    body: new W().message(5, new W().bytesField(1, utf8('{"kind":"Foo","spec":{"a":1}}'))),
    expected: { object: { kind: 'Foo', spec: { a: 1 } } },
  },
  {
    name: 'a raw extension holding protobuf is the decoded object',
    message: 'test.Holder',
    body: new W().message(5, new W().bytesField(1, protobufBody({ apiVersion: 'v1', kind: 'ConfigMap', raw: new W().message(1, new W().string(1, 'inner')) }))),
    expected: { object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'inner' } } },
  },
  { name: 'an empty raw extension is null', message: 'test.Holder', body: new W().message(5, new W()), expected: { object: null } },
];

describe('decodeMessage', () => {
  it.each(cases)('$name', ({ message, body, expected }) => {
    expect(decodeMessage(body.finish(), message, ctx)).toEqual(expected);
  });

  it.each([
    { name: 'a string sent as a varint', message: 'core.v1.LocalObjectReference', body: new W().varint(1, 5), error: 'field 1 (name) of core.v1.LocalObjectReference has wire type 0, expected 2' },
    { name: 'a message sent as a varint', message: 'core.v1.ConfigMap', body: new W().varint(1, 5), error: 'field 1 (metadata) of core.v1.ConfigMap' },
    { name: 'a string that is not UTF-8', message: 'core.v1.LocalObjectReference', body: new W().bytesField(1, Uint8Array.of(0xff, 0xfe)), error: 'not valid UTF-8' },
    { name: 'a raw extension that is not JSON', message: 'test.Holder', body: new W().message(5, new W().bytesField(1, utf8('{nope'))), error: 'does not hold valid JSON' },
    { name: 'a message nobody described', message: 'test.Missing', body: new W(), error: 'no description of message test.Missing' },
  ])('$name is a decode error', ({ message, body, error }) => {
    const decode = () => decodeMessage(body.finish(), message, ctx);
    expect(decode).toThrow(ProtobufDecodeError);
    expect(decode).toThrow(error);
  });
});
