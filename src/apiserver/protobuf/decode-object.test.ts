import { describe, expect, it } from 'vitest';
import { StatusError } from '../status.js';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE, ProtobufDecodeError, UnsupportedProtobufKindError } from './index.js';
import { protobufBody, ProtobufWriter as W } from './protobuf-writer.js';

const configMap = new W().message(1, new W().string(1, 'settings').string(3, 'default')).message(2, new W().string(1, 'mode').string(2, 'fast'));

describe('decodeProtobufObject', () => {
  it.each([
    {
      name: 'the envelope\'s apiVersion and kind head the object',
      body: protobufBody({ apiVersion: 'v1', kind: 'ConfigMap', raw: configMap, contentType: PROTOBUF_MEDIA_TYPE }),
      expected: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'settings', namespace: 'default' }, data: { mode: 'fast' } },
    },
    {
      name: 'an object without metadata gets an empty one',
      body: protobufBody({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', raw: new W() }),
      expected: { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: {} },
    },
    {
      name: 'a LocalSubjectAccessReview is read as a SubjectAccessReview',
      body: protobufBody({
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'LocalSubjectAccessReview',
        raw: new W().message(2, new W().message(1, new W().string(1, 'team-a').string(2, 'get').string(5, 'pods')).string(3, 'alice')),
      }),
      expected: {
        kind: 'LocalSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: {},
        spec: { resourceAttributes: { namespace: 'team-a', verb: 'get', resource: 'pods' }, user: 'alice' },
      },
    },
  ])('$name', ({ body, expected }) => {
    expect(decodeProtobufObject(body)).toEqual(expected);
  });

  it.each([
    { name: 'a StatefulSet', apiVersion: 'apps/v1', kind: 'StatefulSet' },
    { name: 'a kind of an unknown group', apiVersion: 'example.com/v1', kind: 'Widget' },
    { name: 'a kind named like an Object method', apiVersion: 'v1', kind: 'toString' },
    { name: 'an apiVersion named like an Object method', apiVersion: 'constructor', kind: 'ConfigMap' },
  ])('$name is refused with 415 naming the kind', ({ apiVersion, kind }) => {
    const decode = () => decodeProtobufObject(protobufBody({ apiVersion, kind, raw: new W() }));
    expect(decode).toThrow(UnsupportedProtobufKindError);
    try {
      decode();
    } catch (err) {
      const status = (err as StatusError).toStatus();
      expect(status).toMatchObject({ code: 415, reason: 'UnsupportedMediaType', details: { kind } });
      expect(status.message).toContain(`cannot decode ${kind} (${apiVersion})`);
    }
  });

  it.each([
    { name: 'a JSON body', body: Buffer.from('{"kind":"ConfigMap"}'), error: 'does not start with the protobuf magic' },
    { name: 'an empty body', body: Buffer.alloc(0), error: 'does not start with the protobuf magic' },
    { name: 'a gzip-encoded object', body: protobufBody({ apiVersion: 'v1', kind: 'ConfigMap', raw: configMap, contentEncoding: 'gzip' }), error: 'content encoding "gzip"' },
    { name: 'an envelope holding JSON', body: protobufBody({ apiVersion: 'v1', kind: 'ConfigMap', raw: new TextEncoder().encode('{}'), contentType: 'application/json' }), error: 'content type "application/json"' },
    { name: 'a truncated object', body: protobufBody({ apiVersion: 'v1', kind: 'ConfigMap', raw: configMap.finish().subarray(0, 5) }), error: 'runs past the end' },
  ])('$name is a 400 decode error', ({ body, error }) => {
    const decode = () => decodeProtobufObject(body);
    expect(decode).toThrow(ProtobufDecodeError);
    expect(decode).toThrow(error);
    try {
      decode();
    } catch (err) {
      expect((err as StatusError).toStatus()).toMatchObject({ code: 400, reason: 'BadRequest' });
    }
  });
});
