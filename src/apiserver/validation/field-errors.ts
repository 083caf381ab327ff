/**
 * Field errors as Kubernetes reports them inside a 422 Invalid Status: each cause has the
 * error type as `reason` (FieldValueInvalid, FieldValueRequired, ...), the field path as
 * `field`, and a message that starts with the type's words ("Invalid value", "Required
 * value") followed by the bad value and a detail. Everything in this folder builds its
 * causes here so that every message is worded the same way.
 */
import type { StatusCause } from '../status.js';

/** The field error types of k8s.io/apimachinery's field package, with the words each prints. */
const TYPE_WORDS = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
} as const;

export type FieldErrorType = keyof typeof TYPE_WORDS;

/** Field paths as Kubernetes prints them: `spec.items[0].name`, `metadata.labels`. */
export const fieldPath = {
  child: (parent: string, name: string): string => (parent ? `${parent}.${name}` : name),
  index: (parent: string, i: number): string => `${parent}[${i}]`,
  /** A map key, as Kubernetes prints keys of maps it walks (`properties[spec]`). */
  key: (parent: string, key: string): string => `${parent}[${key}]`,
};

/**
 * Prints a bad value the way Kubernetes does: numbers and booleans bare, strings quoted,
 * null as `null`, and anything else as JSON with sorted keys (Go marshals maps sorted).
 */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Types whose message leaves the bad value out, as Kubernetes' ErrorBody does. */
const OMITS_VALUE: ReadonlySet<FieldErrorType> = new Set([
  'FieldValueRequired',
  'FieldValueForbidden',
  'FieldValueTooLong',
  'InternalError',
]);

const NO_VALUE = Symbol('no value');

function cause(type: FieldErrorType, field: string, value: unknown, detail: string): StatusCause {
  let message: string = TYPE_WORDS[type];
  if (!OMITS_VALUE.has(type) && value !== NO_VALUE) message += `: ${formatValue(value)}`;
  if (detail) message += `: ${detail}`;
  const out: StatusCause = { reason: type, message };
  if (field) out.field = field;
  return out;
}

/** Builders named after Kubernetes' field.Invalid, field.Required, ... */
export const fieldError = {
  invalid: (field: string, value: unknown, detail: string) => cause('FieldValueInvalid', field, value, detail),
  typeInvalid: (field: string, value: unknown, detail: string) => cause('FieldValueTypeInvalid', field, value, detail),
  required: (field: string, detail = '') => cause('FieldValueRequired', field, '', detail),
  forbidden: (field: string, detail: string) => cause('FieldValueForbidden', field, '', detail),
  duplicate: (field: string, value: unknown) => cause('FieldValueDuplicate', field, value, ''),
  notFound: (field: string, value: unknown) => cause('FieldValueNotFound', field, value, ''),
  notSupported: (field: string, value: unknown, supported: readonly string[]) =>
    cause(
      'FieldValueNotSupported',
      field,
      value,
      supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '',
    ),
  /** `Too long: may not be more than N bytes`, the wording since Kubernetes 1.31. */
  tooLong: (field: string, maxLength: number) =>
    cause('FieldValueTooLong', field, '', maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long'),
  tooMany: (field: string, actual: number, max: number) =>
    cause('FieldValueTooMany', field, actual >= 0 ? actual : NO_VALUE, max >= 0 ? `must have at most ${max} items` : 'has too many items'),
  internal: (field: string, detail: string) => cause('InternalError', field, '', detail),
};

/** One line per cause, as `kubectl` shows them: `spec.replicas: Invalid value: ...`. */
export function causeText(c: StatusCause): string {
  return c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? '');
}
