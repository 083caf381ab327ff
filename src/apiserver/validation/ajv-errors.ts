/**
 * Translates ajv's errors into the causes Kubernetes gives for the same schema violations,
 * word for word: kube-openapi's messages (`spec.replicas in body must be of type integer:
 * "string"`) wrapped in apiextensions' field errors (`Invalid value`, `Required value`,
 * `Unsupported value`, `Too long`, `Too many`).
 */
import type { ErrorObject } from 'ajv';
import type { StatusCause } from '../status.js';
import { fieldError, fieldPath } from './field-errors.js';
import { isJsonObject, jsonTypeOf } from './json-schema-props.js';

/** Converts ajv's JSON pointer into Kubernetes' path, using the data to tell indexes from keys. */
export function kubernetesPath(root: unknown, pointer: string): string {
  if (!pointer) return '';
  let path = '';
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path = fieldPath.index(path, Number(segment));
      node = node[Number(segment)];
    } else {
      path = fieldPath.child(path, segment);
      node = isJsonObject(node) ? node[segment] : undefined;
    }
  }
  return path;
}

const COMBINATORS = new Set(['anyOf', 'oneOf', 'not']);
const NAMING_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

/**
 * Whether an error comes from inside an anyOf, oneOf or not branch. Kubernetes reports
 * only that the combinator failed, not why each branch did.
 */
function insideCombinator(error: ErrorObject): boolean {
  const segments = error.schemaPath.replace(/^#\//, '').split('/');
  return segments.some(
    (s, i) => COMBINATORS.has(s) && i < segments.length - 1 && !NAMING_KEYWORDS.has(segments[i - 1] ?? ''),
  );
}

export function ajvErrorsToCauses(errors: readonly ErrorObject[], root: unknown): StatusCause[] {
  return errors.filter((e) => !insideCombinator(e)).map((e) => toCause(e, kubernetesPath(root, e.instancePath)));
}

const num = (v: unknown): number => (typeof v === 'number' ? v : -1);

type Translate = (e: ErrorObject, path: string, params: Record<string, unknown>) => StatusCause;

const inBody = (path: string, text: string) => `${path} in body ${text}`;

const BOUNDS: Record<string, string> = {
  maximum: 'should be less than or equal to',
  exclusiveMaximum: 'should be less than',
  minimum: 'should be greater than or equal to',
  exclusiveMinimum: 'should be greater than',
  multipleOf: 'should be a multiple of',
};

const bound: Translate = (e, path, p) => fieldError.invalid(path, e.data, inBody(path, `${BOUNDS[e.keyword] ?? ''} ${String(p.limit ?? p.multipleOf)}`));

const TRANSLATIONS: Record<string, Translate> = {
  type: (e, path, p) => {
    const expected = ([] as unknown[]).concat(p.type).filter((t) => t !== 'null').join(',');
    const actual = jsonTypeOf(e.data);
    return fieldError.typeInvalid(path, actual, inBody(path, `must be of type ${expected}: ${JSON.stringify(actual)}`));
  },
  required: (_e, path, p) => fieldError.required(fieldPath.child(path, String(p.missingProperty))),
  enum: (e, path, p) =>
    fieldError.notSupported(
      path,
      e.data,
      (Array.isArray(p.allowedValues) ? p.allowedValues : []).map((v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))),
    ),
  format: (e, path, p) => fieldError.typeInvalid(path, e.data, inBody(path, `must be of type ${String(p.format)}: ${JSON.stringify(e.data)}`)),
  pattern: (e, path, p) => fieldError.invalid(path, e.data, inBody(path, `should match '${String(p.pattern)}'`)),
  maxLength: (_e, path, p) => fieldError.tooLong(path, num(p.limit)),
  minLength: (e, path, p) => fieldError.invalid(path, e.data, inBody(path, `should be at least ${num(p.limit)} chars long`)),
  maximum: bound,
  exclusiveMaximum: bound,
  minimum: bound,
  exclusiveMinimum: bound,
  multipleOf: bound,
  maxItems: (e, path, p) => fieldError.tooMany(path, Array.isArray(e.data) ? e.data.length : -1, num(p.limit)),
  minItems: (e, path, p) =>
    fieldError.invalid(path, Array.isArray(e.data) ? e.data.length : 0, inBody(path, `should have at least ${num(p.limit)} items`)),
  maxProperties: (e, path, p) => fieldError.tooMany(path, isJsonObject(e.data) ? Object.keys(e.data).length : -1, num(p.limit)),
  minProperties: (_e, path, p) => fieldError.invalid(path, num(p.limit), inBody(path, `should have at least ${num(p.limit)} properties`)),
  uniqueItems: (_e, path) => fieldError.invalid(path, '', inBody(path, "shouldn't contain duplicates")),
  additionalProperties: (_e, path, p) =>
    fieldError.invalid(path, p.additionalProperty, inBody(fieldPath.child(path, String(p.additionalProperty)), 'is a forbidden property')),
  anyOf: (_e, path) => fieldError.invalid(path, '', `${JSON.stringify(path)} must validate at least one schema (anyOf)`),
  oneOf: (_e, path, p) => {
    const passing = Array.isArray(p.passingSchemas) ? p.passingSchemas.length : 0;
    const found = passing ? `Found ${passing} valid alternatives` : 'Found none valid';
    return fieldError.invalid(path, '', `${JSON.stringify(path)} must validate one and only one schema (oneOf). ${found}`);
  },
  not: (_e, path) => fieldError.invalid(path, '', `${JSON.stringify(path)} must not validate the schema (not)`),
};

function toCause(e: ErrorObject, path: string): StatusCause {
  const translate = TRANSLATIONS[e.keyword];
  const params = e.params as Record<string, unknown>;
  return translate ? translate(e, path, params) : fieldError.invalid(path, e.data ?? '', e.message ?? e.keyword);
}
