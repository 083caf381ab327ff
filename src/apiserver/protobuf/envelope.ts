/**
 * The envelope around every Kubernetes protobuf body: the magic `k8s\0`, then a
 * `runtime.Unknown` message naming the object's apiVersion and kind and holding its encoded
 * bytes. Field numbers are those of k8s.io/apimachinery's pkg/runtime/generated.proto
 * (Unknown: typeMeta 1, raw 2, contentEncoding 3, contentType 4; its TypeMeta: apiVersion 1,
 * kind 2).
 */
import { ProtobufDecodeError } from './errors.js';
import { hasProtobufMagic, PROTOBUF_MAGIC } from './well-known-types.js';
import { WireReader, WireType } from './wire-reader.js';

export interface ProtobufEnvelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readEnvelope(body: Uint8Array): ProtobufEnvelope {
  if (!hasProtobufMagic(body)) throw new ProtobufDecodeError('the body does not start with the protobuf magic "k8s\\x00"');
  const envelope: ProtobufEnvelope = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' };
  const reader = new WireReader(body, PROTOBUF_MAGIC.length);
  while (!reader.done) {
    const tag = reader.tag();
    if (tag.wireType !== WireType.lengthDelimited || tag.field > 4) {
      reader.skip(tag.wireType);
      continue;
    }
    const bytes = reader.bytes();
    if (tag.field === 1) readTypeMeta(bytes, envelope);
    else if (tag.field === 2) envelope.raw = bytes;
    else if (tag.field === 3) envelope.contentEncoding = text(bytes);
    else envelope.contentType = text(bytes);
  }
  return envelope;
}

function readTypeMeta(bytes: Uint8Array, into: ProtobufEnvelope): void {
  const reader = new WireReader(bytes);
  while (!reader.done) {
    const tag = reader.tag();
    if (tag.wireType !== WireType.lengthDelimited || (tag.field !== 1 && tag.field !== 2)) {
      reader.skip(tag.wireType);
      continue;
    }
    const value = text(reader.bytes());
    if (tag.field === 1) into.apiVersion = value;
    else into.kind = value;
  }
}

function text(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ProtobufDecodeError('the envelope holds a string that is not valid UTF-8');
  }
}
