/**
 * Validation for the embedded API server, as pure functions over plain data: object names
 * and metadata, CustomResourceDefinitions and the custom resources their schemas describe
 * (pruning, defaulting, validation), and request and object size limits. Every failure is a
 * list of Status causes worded as Kubernetes words them; the REST layer wraps them in a
 * 422 Invalid (`errors.invalid` in ../status.ts) or answers the StatusError returned.
 */
export { causeText, fieldError, fieldPath, formatValue, type FieldErrorType } from './field-errors.js';
export {
  generateName,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPathSegmentPrefix,
  MAX_GENERATED_NAME_PREFIX_LENGTH,
  nameIsDns1035Label,
  nameIsDnsLabel,
  nameIsDnsSubdomain,
  nameIsPathSegment,
  nameRuleFor,
  nameValidatorFor,
  type GenerateNameOptions,
  type NameRule,
  type NameValidator,
} from './names.js';
export {
  TOTAL_ANNOTATION_SIZE_LIMIT_BYTES,
  validateAnnotations,
  validateFinalizers,
  validateLabels,
  validateObjectMeta,
  validateOwnerReferences,
  type ObjectMetaOptions,
} from './metadata.js';
export type { JSONSchemaProps } from './json-schema-props.js';
export { compileCrdSchema, type AdmitResult, type CrdSchema } from './crd-schema.js';
export { pruneUnknownFields, type PruneOptions } from './schema-pruning.js';
export { applyDefaults, pruneNonNullableNulls } from './schema-defaulting.js';
export type {
  CustomResourceColumnDefinition,
  CustomResourceDefinition,
  CustomResourceDefinitionNames,
  CustomResourceDefinitionSpec,
  CustomResourceDefinitionVersion,
} from './crd-types.js';
export { defaultCrd, validateCrd } from './crd.js';
export { crdServedResources, type CrdServedResources, type ServedVersion } from './crd-served-resources.js';
export {
  checkNestingDepth,
  checkObjectSize,
  checkRequestBodySize,
  jsonNestingDepth,
  MAX_NESTING_DEPTH,
  MAX_OBJECT_BYTES,
  MAX_REQUEST_BODY_BYTES,
  requestEntityTooLarge,
} from './limits.js';
