/**
 * `x-kubernetes-embedded-resource` checks: an embedded object is a Kubernetes resource of
 * its own, so it needs apiVersion and kind, and its metadata is checked as ObjectMeta
 * (names as path segments, since an embedded object is not stored under its own name).
 */
import type { StatusCause } from '../status.js';
import { fieldError, fieldPath } from './field-errors.js';
import { isJsonObject, type JSONSchemaProps, type JsonObject } from './json-schema-props.js';
import { validateObjectMeta } from './metadata.js';
import { isDns1035Label, nameIsPathSegment } from './names.js';
import { walkWithSchema } from './schema-walk.js';

export function validateEmbeddedResources(value: unknown, schema: JSONSchemaProps | undefined, path = ''): StatusCause[] {
  const causes: StatusCause[] = [];
  walkWithSchema(value, schema, path, (node, s, p) => {
    if (s['x-kubernetes-embedded-resource'] && isJsonObject(node)) causes.push(...validateEmbeddedResource(node, p));
  });
  return causes;
}

function validateEmbeddedResource(obj: JsonObject, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!('apiVersion' in obj)) causes.push(fieldError.required(fieldPath.child(path, 'apiVersion'), 'must not be empty'));
  if (!('kind' in obj)) causes.push(fieldError.required(fieldPath.child(path, 'kind'), 'must not be empty'));
  if ('apiVersion' in obj) causes.push(...validateApiVersion(obj.apiVersion, fieldPath.child(path, 'apiVersion')));
  if ('kind' in obj) causes.push(...validateKind(obj.kind, fieldPath.child(path, 'kind')));
  if (isJsonObject(obj.metadata)) {
    const meta = obj.metadata;
    // Kubernetes fills in a name so that a nameless embedded object passes the name check.
    const named = { ...meta, name: typeof meta.name === 'string' && meta.name ? meta.name : 'fakename' };
    const namespaced = typeof meta.namespace === 'string' && meta.namespace.length > 0;
    causes.push(...validateObjectMeta(named, { namespaced, validateName: nameIsPathSegment, path: fieldPath.child(path, 'metadata') }));
  }
  return causes;
}

function validateApiVersion(value: unknown, path: string): StatusCause[] {
  if (typeof value !== 'string') return [fieldError.invalid(path, value, 'must be a string')];
  if (!value) return [fieldError.invalid(path, value, 'must not be empty')];
  if (value.split('/').length > 2) return [fieldError.invalid(path, value, `unexpected GroupVersion string: ${value}`)];
  return [];
}

function validateKind(value: unknown, path: string): StatusCause[] {
  if (typeof value !== 'string') return [fieldError.invalid(path, value, 'must be a string')];
  if (!value) return [fieldError.invalid(path, value, 'must not be empty')];
  const errs = isDns1035Label(value.toLowerCase());
  return errs.length ? [fieldError.invalid(path, value, `may have mixed case, but should otherwise match: ${errs.join(',')}`)] : [];
}
