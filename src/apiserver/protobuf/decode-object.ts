/**
 * `decodeProtobufObject`: a whole request body in Kubernetes protobuf, turned into the object
 * its JSON encoding would be. Pure: bytes in, object out, errors as Status errors.
 */
import type { KubeObject } from '../../api/meta.js';
import { decodeMessage, type DecodeContext } from './decode-message.js';
import { readEnvelope } from './envelope.js';
import { ProtobufDecodeError, UnsupportedProtobufKindError } from './errors.js';
import type { MessageRegistry } from './field-spec.js';
import { builtinMessages, messageForKind } from './schemas/index.js';

/** The media type client-go sends typed objects in. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** Objects may nest (a RawExtension holding protobuf); deeper than this is refused, not recursed. */
const MAX_NESTING = 16;

export function decodeProtobufObject(body: Uint8Array): KubeObject {
  return decodeAtDepth(body, 0, builtinMessages);
}

function decodeAtDepth(body: Uint8Array, depth: number, registry: MessageRegistry): KubeObject {
  if (depth > MAX_NESTING) throw new ProtobufDecodeError(`objects nested more than ${MAX_NESTING} deep`);
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
  const ctx: DecodeContext = {
    registry,
    decodeEmbeddedObject: (bytes) => decodeAtDepth(bytes, depth + 1, registry),
  };
  const { metadata, ...rest } = decodeMessage(envelope.raw, messageName, ctx);
  return { kind, apiVersion, metadata: (metadata ?? {}) as KubeObject['metadata'], ...rest };
}
