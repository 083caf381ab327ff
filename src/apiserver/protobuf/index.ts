/**
 * Kubernetes protobuf request bodies. client-go (and so kubectl's typed commands: `create
 * configmap|secret|namespace|role|deployment|…`, `create token`, `auth can-i`, `auth whoami`)
 * sends built-in kinds as `application/vnd.kubernetes.protobuf` and never falls back to JSON.
 * This folder turns such a body into the object Kubernetes' JSON encoding would give, driven
 * by compact wire descriptions of the built-in messages (`schemas/`) and one generic
 * wire-format reader. It only reads; answers stay JSON.
 */
export { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from './decode-object.js';
export { ProtobufDecodeError, UnsupportedProtobufKindError } from './errors.js';
export { builtinKinds } from './schemas/index.js';
