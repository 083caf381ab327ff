/**
 * A custom resource version's structural schema, compiled once and applied to objects as
 * Kubernetes applies it: unknown fields pruned, non-nullable nulls dropped, defaults set,
 * then validation by the OpenAPI schema (ajv), list types and embedded resources.
 *
 * At the root, apiVersion, kind and metadata are always kept; metadata keeps only the
 * ObjectMeta fields, and the schema may constrain only `metadata.name` and
 * `metadata.generateName` (crd.ts refuses schemas that try more). The rest of ObjectMeta is
 * checked by metadata.ts, which the REST layer calls for every kind.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { StatusCause } from '../status.js';
import { ajvErrorsToCauses } from './ajv-errors.js';
import { validateEmbeddedResources } from './embedded-resources.js';
import type { JSONSchemaProps } from './json-schema-props.js';
import { validateListTypes } from './list-types.js';
import { toAjvSchema } from './openapi-to-ajv.js';
import { applyDefaults, pruneNonNullableNulls } from './schema-defaulting.js';
import { addKubernetesFormats } from './schema-formats.js';
import { pruneUnknownFields } from './schema-pruning.js';
import { cloneJsonValue } from '../json-clone.js';

export interface AdmitResult<T> {
  /** A pruned and defaulted copy of the input; the input itself is left alone. */
  object: T;
  /** Paths of the fields the schema does not declare, which were dropped. */
  prunedFields: string[];
  /** Every schema violation; empty when the object is valid. */
  causes: StatusCause[];
}

export interface CrdSchema {
  readonly schema: JSONSchemaProps;
  /** Validates as it stands (no pruning or defaulting); causes in Kubernetes' words. */
  validate(object: unknown): StatusCause[];
  /** Drops undeclared fields in place and returns their paths. */
  prune(object: unknown): string[];
  /** Drops non-nullable nulls without defaults, then applies defaults, in place. */
  applyDefaults(object: unknown): void;
  /** What a create or update does: copy, prune, default, validate. */
  admit<T>(object: T): AdmitResult<T>;
}

/**
 * Compiles one version's `openAPIV3Schema`. Throws when ajv cannot compile it (for example
 * a `pattern` that is not a valid regular expression); crd.ts reports that as a CRD error.
 */
export function compileCrdSchema(schema: JSONSchemaProps): CrdSchema {
  const validateFn = newAjv().compile(toAjvSchema(schema));
  const validate = (object: unknown): StatusCause[] => [
    ...runAjv(validateFn, object),
    ...validateListTypes(object, schema),
    ...validateEmbeddedResources(object, withoutRootEmbedding(schema)),
  ];
  const prune = (object: unknown) => pruneUnknownFields(object, schema, { isResourceRoot: true });
  const defaults = (object: unknown) => {
    pruneNonNullableNulls(object, schema);
    applyDefaults(object, schema);
  };
  return {
    schema,
    validate,
    prune,
    applyDefaults: defaults,
    admit<T>(object: T): AdmitResult<T> {
      const copy = cloneJsonValue(object);
      const prunedFields = prune(copy);
      defaults(copy);
      return { object: copy, prunedFields, causes: validate(copy) };
    },
  };
}

/** A fresh ajv per schema: no module-level instance, and nothing shared between CRDs. */
function newAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    verbose: true,
    // Kubernetes patterns are Go regular expressions; without the u flag more of them compile.
    unicodeRegExp: false,
    validateFormats: true,
  });
  addKubernetesFormats(ajv);
  return ajv;
}

function runAjv(validateFn: ValidateFunction, object: unknown): StatusCause[] {
  if (validateFn(object)) return [];
  return ajvErrorsToCauses(validateFn.errors ?? [], object);
}

/** The root is a resource already checked as one; only nested embedded resources need the check. */
function withoutRootEmbedding(schema: JSONSchemaProps): JSONSchemaProps {
  if (!schema['x-kubernetes-embedded-resource']) return schema;
  return { ...schema, 'x-kubernetes-embedded-resource': false };
}
