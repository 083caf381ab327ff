/**
 * Patch types and server-side apply as pure functions, for the API server's REST layer:
 * RFC 6902 JSON patch, RFC 7386 merge patch, Kubernetes strategic merge patch for built-in
 * kinds, and server-side apply with field ownership recorded in `metadata.managedFields`
 * (also for ordinary writes, through recordUpdate). Data in, data out: no I/O, no clock
 * (callers pass `now`), inputs never changed. Failures are PatchError (toStatusError gives
 * the Status Kubernetes answers with) or, for apply, a list of conflicts (conflictError).
 */
export { applyJsonPatch, decodeJsonPatch, type JsonPatchOperation } from './json-patch.js';
export { applyMergePatch, applyObjectMergePatch } from './merge-patch.js';
export { applyStrategicMergePatch, type StrategicMergeOptions } from './strategic-merge-patch.js';
export { PatchError, REJECTED_MESSAGE, type PatchErrorCode } from './patch-error.js';
export type { JsonObject, JsonValue } from './json-value.js';

export {
  DEFAULT_TYPE_INFO,
  patchMetaAt,
  patchMetaLookup,
  type ListType,
  type MapType,
  type PatchMeta,
  type PatchMetaLookup,
  type TypeInfo,
  type TypeNode,
} from './type-info.js';
export { typeInfoFromSchema, type StructuralSchema } from './type-info-from-schema.js';
export { BUILTIN_KINDS, builtinPatchMeta, builtinTypeInfo, groupKind } from './builtin-patch-meta.js';

export { apply, BEFORE_FIRST_APPLY, type ApplyOptions, type ApplyResult } from './server-side-apply.js';
export type { IgnoredFields } from './ignored-fields.js';
export { LAST_APPLIED_ANNOTATION } from './last-applied.js';
export { ANCIENT_CHANGES, MAX_UPDATE_MANAGERS } from './cap-update-managers.js';
export { recordUpdate, type RecordUpdateOptions } from './record-update.js';
export { conflictError, conflictMessage, describeManager, type Conflict } from './conflict.js';
export { FieldSet, type FieldsV1 } from './field-set.js';
export { fieldSetOf } from './field-set-of.js';
export { formatFieldPath } from './field-path.js';
export { decodeManagedFields, encodeManagedFields, formatTime, type ManagerFields } from './managed-fields.js';
