/**
 * `decodeProtobufObject`: a whole request body in Kubernetes protobuf, turned into the object
 * its JSON encoding would be. Pure: bytes in, object out, errors as Status errors.
 */
import type { KubeObject } from '../../api/meta.js';
import { decodeMessage, type DecodeContext } from './decode-message.js';
import { readEnvelope } from './envelope.js';
import { ProtobufDecodeError, UnsupportedProtobufKindError } from './errors.js';
import { builtinMessages, messageForKind } from './schemas/index.js';

/** The media type client-go sends typed objects in. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

// No built-in kind holds a RawExtension, so an embedded object cannot nest; describing a kind
// that does (a List, a WatchEvent) would call for a depth limit on this recursion.
const ctx: DecodeContext = { registry: builtinMessages, decodeEmbeddedObject: decodeProtobufObject };

export function decodeProtobufObject(body: Uint8Array): KubeObject {
  const envelope = readEnvelope(body);
  const { apiVersion, kind } = envelope;
  if (envelope.contentEncoding) {
    throw new ProtobufDecodeError(`content encoding "${envelope.contentEncoding}" is not supported`);
  }
  if (envelope.contentType && envelope.contentType !== PROTOBUF_MEDIA_TYPE) {
    throw new ProtobufDecodeError(`the envelope's content type "${envelope.contentType}" is not ${PROTOBUF_MEDIA_TYPE}`);
  }
  const messageName = messageForKind(apiVersion, kind);
  if (!messageName) throw new UnsupportedProtobufKindError(apiVersion, kind);
  const { metadata, ...rest } = decodeMessage(envelope.raw, messageName, ctx);
  return { kind, apiVersion, metadata: (metadata ?? {}) as KubeObject['metadata'], ...rest };
}
