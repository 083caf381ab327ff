/**
 * ObjectMeta checks as Kubernetes runs them on create and update: name or generateName,
 * namespace presence, labels, annotations (keys and the 256 KiB total), finalizers and
 * owner references. Metadata arrives from clients as parsed JSON, so each field's shape is
 * checked before its content.
 */
import type { StatusCause } from '../status.js';
import { fieldError, fieldPath } from './field-errors.js';
import { isQualifiedName, isValidLabelValue, nameIsDnsLabel, type NameValidator } from './names.js';

/** Kubernetes' limit on the summed length of all annotation keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

export interface ObjectMetaOptions {
  /** Whether the kind lives in a namespace: then a namespace is required, else forbidden. */
  namespaced: boolean;
  /** How this kind's names are checked (see names.ts, `nameValidatorFor`). */
  validateName: NameValidator;
  /** Where the metadata sits; `metadata` for a top-level object. */
  path?: string;
}

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Validates an object's metadata as Kubernetes' ValidateObjectMeta does. */
export function validateObjectMeta(meta: unknown, options: ObjectMetaOptions): StatusCause[] {
  const path = options.path ?? 'metadata';
  if (!isDict(meta)) return [fieldError.invalid(path, meta ?? null, 'must be an object')];
  return [
    ...validateNames(meta, options, path),
    ...validateNamespace(meta.namespace, options.namespaced, fieldPath.child(path, 'namespace')),
    ...validateGeneration(meta.generation, fieldPath.child(path, 'generation')),
    ...validateLabels(meta.labels, fieldPath.child(path, 'labels')),
    ...validateAnnotations(meta.annotations, fieldPath.child(path, 'annotations')),
    ...validateOwnerReferences(meta.ownerReferences, fieldPath.child(path, 'ownerReferences')),
    ...validateFinalizers(meta.finalizers, fieldPath.child(path, 'finalizers')),
  ];
}

function validateNames(meta: Dict, options: ObjectMetaOptions, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const generateName = str(meta.generateName);
  if (generateName) {
    for (const msg of options.validateName(generateName, { prefix: true }))
      causes.push(fieldError.invalid(fieldPath.child(path, 'generateName'), generateName, msg));
  }
  const name = str(meta.name);
  if (!name) {
    causes.push(fieldError.required(fieldPath.child(path, 'name'), 'name or generateName is required'));
  } else {
    for (const msg of options.validateName(name)) causes.push(fieldError.invalid(fieldPath.child(path, 'name'), name, msg));
  }
  return causes;
}

function validateNamespace(namespace: unknown, namespaced: boolean, path: string): StatusCause[] {
  const ns = str(namespace);
  if (!namespaced) return ns ? [fieldError.forbidden(path, 'not allowed on this type')] : [];
  if (!ns) return [fieldError.required(path)];
  return nameIsDnsLabel(ns).map((msg) => fieldError.invalid(path, ns, msg));
}

function validateGeneration(generation: unknown, path: string): StatusCause[] {
  if (typeof generation === 'number' && generation < 0)
    return [fieldError.invalid(path, generation, 'must be greater than or equal to 0')];
  return [];
}

/** Label keys are qualified names and values are at most 63 characters; errors name `metadata.labels`. */
export function validateLabels(labels: unknown, path = 'metadata.labels'): StatusCause[] {
  if (labels === undefined || labels === null) return [];
  if (!isDict(labels)) return [fieldError.invalid(path, labels, 'must be a map of string keys to string values')];
  const causes: StatusCause[] = [];
  for (const key of Object.keys(labels).sort()) {
    const value = labels[key];
    for (const msg of isQualifiedName(key)) causes.push(fieldError.invalid(path, key, msg));
    if (typeof value !== 'string') {
      causes.push(fieldError.invalid(path, value ?? null, 'must be a string'));
      continue;
    }
    for (const msg of isValidLabelValue(value)) causes.push(fieldError.invalid(path, value, msg));
  }
  return causes;
}

/** Annotation keys are qualified names in any case; all keys and values together fit in 256 KiB. */
export function validateAnnotations(annotations: unknown, path = 'metadata.annotations'): StatusCause[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isDict(annotations)) return [fieldError.invalid(path, annotations, 'must be a map of string keys to string values')];
  const causes: StatusCause[] = [];
  let total = 0;
  for (const key of Object.keys(annotations).sort()) {
    const value = annotations[key];
    for (const msg of isQualifiedName(key.toLowerCase())) causes.push(fieldError.invalid(path, key, msg));
    if (typeof value !== 'string') causes.push(fieldError.invalid(path, value ?? null, 'must be a string'));
    // Kubernetes counts bytes (Go's len), not UTF-16 units.
    total += Buffer.byteLength(key) + Buffer.byteLength(str(value));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) causes.push(fieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return causes;
}

const FINALIZER_ORPHAN = 'orphan';
const FINALIZER_FOREGROUND = 'foregroundDeletion';

export function validateFinalizers(finalizers: unknown, path = 'metadata.finalizers'): StatusCause[] {
  if (finalizers === undefined || finalizers === null) return [];
  if (!Array.isArray(finalizers)) return [fieldError.invalid(path, finalizers, 'must be a list of strings')];
  const causes: StatusCause[] = [];
  for (const f of finalizers) {
    if (typeof f !== 'string') {
      causes.push(fieldError.invalid(path, f ?? null, 'must be a string'));
      continue;
    }
    for (const msg of isQualifiedName(f)) causes.push(fieldError.invalid(path, f, msg));
  }
  if (finalizers.includes(FINALIZER_ORPHAN) && finalizers.includes(FINALIZER_FOREGROUND))
    causes.push(
      fieldError.invalid(path, finalizers, `finalizer ${FINALIZER_ORPHAN} and ${FINALIZER_FOREGROUND} cannot be both set`),
    );
  return causes;
}

/** apiVersion's version part: what follows the last '/', or all of it for the core group. */
function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
}

function validateOwnerReference(ref: Dict, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const apiVersion = str(ref.apiVersion);
  if (!versionOf(apiVersion)) causes.push(fieldError.invalid(fieldPath.child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
  for (const key of ['kind', 'name', 'uid'] as const) {
    if (!str(ref[key])) causes.push(fieldError.invalid(fieldPath.child(path, key), str(ref[key]), 'must not be empty'));
  }
  // Events are not allowed to own anything: they are collected on their own schedule.
  if (apiVersion === 'v1' && ref.kind === 'Event')
    causes.push(fieldError.invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
  return causes;
}

/** Each reference names apiVersion, kind, name and uid; at most one is the controller. */
export function validateOwnerReferences(refs: unknown, path = 'metadata.ownerReferences'): StatusCause[] {
  if (refs === undefined || refs === null) return [];
  if (!Array.isArray(refs)) return [fieldError.invalid(path, refs, 'must be a list of owner references')];
  const causes: StatusCause[] = [];
  let firstController = '';
  for (const ref of refs) {
    if (!isDict(ref)) {
      causes.push(fieldError.invalid(path, ref ?? null, 'must be an object'));
      continue;
    }
    causes.push(...validateOwnerReference(ref, path));
    if (ref.controller !== true) continue;
    const current = `${str(ref.kind)}/${str(ref.name)}`;
    if (firstController)
      causes.push(
        fieldError.invalid(
          path,
          refs,
          `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
        ),
      );
    else firstController = current;
  }
  return causes;
}
