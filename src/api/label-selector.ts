/**
 * Kubernetes label selectors, in both forms: the object form (`matchLabels` +
 * `matchExpressions`, as GitRepo targets, ClusterGroups and mappings hold them) and the string
 * form of `?labelSelector=` (`a=b,c!=d,e in (x,y),f notin (z),g,!h`, also `==`, `>` and `<`).
 * Both become one list of requirements that `matches` evaluates, so the API server and the
 * targeting code agree on every operator.
 *
 * Nil and empty: an empty selector (`{}`, or the string `""`) matches everything; a missing
 * (nil) object selector matches nothing. That is what Kubernetes' LabelSelectorAsSelector
 * does and what Rancher Fleet relies on (a BundleNamespaceMapping without a selector maps
 * nothing). `selectorMatches` applies that rule; callers that treat "unset" as "not a
 * criterion" (Fleet's target matchers) check for undefined themselves.
 */
import type { LabelSelector, Labels } from './meta.js';

export type RequirementOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

/** One condition on one label key; a selector is the AND of its requirements. */
export interface Requirement {
  readonly key: string;
  readonly operator: RequirementOperator;
  /** In/NotIn: the allowed or refused values; Gt/Lt: one integer; Exists/DoesNotExist: none. */
  readonly values: readonly string[];
}

/** A selector that could not be parsed or converted; `text` is the offending input. */
export class LabelSelectorError extends Error {
  constructor(
    message: string,
    readonly text: string,
    readonly position?: number,
  ) {
    super(position === undefined ? message : `${message} (at position ${position} of "${text}")`);
    this.name = 'LabelSelectorError';
  }
}

/** A field-level problem in an object selector, shaped like a Kubernetes Status cause. */
export interface LabelSelectorFieldError {
  readonly reason: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueForbidden' | 'FieldValueNotSupported';
  readonly field: string;
  readonly message: string;
}

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Problems with a label key (a qualified name: optional DNS-subdomain prefix, `/`, name of ≤63). */
export function labelKeyProblems(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2) return [`"${key}" has more than one "/"; a key is [prefix/]name`];
  const name = parts.length === 2 ? (parts[1] ?? '') : key;
  const problems: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') problems.push(`"${key}" has an empty prefix before "/"`);
    else if (prefix.length > 253) problems.push(`the prefix of "${key}" is longer than 253 characters`);
    else if (!DNS_SUBDOMAIN.test(prefix))
      problems.push(`the prefix of "${key}" must be a lower-case DNS subdomain (e.g. example.com)`);
  }
  if (name === '') problems.push(`"${key}" has an empty name part`);
  else if (name.length > 63) problems.push(`the name part of "${key}" is longer than 63 characters`);
  else if (!NAME_PART.test(name))
    problems.push(
      `the name part of "${key}" may hold only letters, digits, "-", "_" and ".", and must begin and end with a letter or digit`,
    );
  return problems;
}

/** Problems with a label value (empty, or ≤63 characters of the name alphabet). */
export function labelValueProblems(value: string): string[] {
  if (value.length > 63) return [`value "${value}" is longer than 63 characters`];
  if (!VALUE.test(value))
    return [
      `value "${value}" may hold only letters, digits, "-", "_" and ".", and must begin and end with a letter or digit`,
    ];
  return [];
}

/** Field errors of an object selector, with paths under `path` (e.g. `spec.selector`). */
export function validateLabelSelector(selector: LabelSelector, path = 'selector'): LabelSelectorFieldError[] {
  const errors: LabelSelectorFieldError[] = [];
  const invalid = (field: string, messages: string[]): void => {
    for (const message of messages) errors.push({ reason: 'FieldValueInvalid', field, message });
  };
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    invalid(`${path}.matchLabels`, labelKeyProblems(key));
    invalid(`${path}.matchLabels`, typeof value === 'string' ? labelValueProblems(value) : ['value must be a string']);
  }
  (selector.matchExpressions ?? []).forEach((expression, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    invalid(`${at}.key`, labelKeyProblems(expression.key ?? ''));
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errors.push({ reason: 'FieldValueRequired', field: `${at}.values`, message: `values must be given when the operator is ${expression.operator}` });
        values.forEach((v, j) => invalid(`${at}.values[${j}]`, labelValueProblems(v)));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errors.push({ reason: 'FieldValueForbidden', field: `${at}.values`, message: `values must be empty when the operator is ${expression.operator}` });
        break;
      default:
        errors.push({
          reason: 'FieldValueNotSupported',
          field: `${at}.operator`,
          message: `operator "${String(expression.operator)}" is not one of In, NotIn, Exists, DoesNotExist`,
        });
    }
  });
  return errors;
}

/** Requirements of a (non-nil) object selector; throws LabelSelectorError when it is invalid. */
export function requirementsFromSelector(selector: LabelSelector): Requirement[] {
  const errors = validateLabelSelector(selector);
  const first = errors[0];
  if (first) throw new LabelSelectorError(`${first.field}: ${first.message}`, JSON.stringify(selector));
  const requirements: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({
    key,
    operator: 'In',
    values: [value],
  }));
  for (const e of selector.matchExpressions ?? []) {
    requirements.push({ key: e.key, operator: e.operator, values: [...(e.values ?? [])] });
  }
  return requirements;
}

function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'In':
      return value !== undefined && r.values.includes(value);
    case 'NotIn':
      return value === undefined || !r.values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      // Kubernetes compares Gt/Lt as integers and fails the requirement when either side is not one.
      if (value === undefined || !/^-?\d+$/.test(value)) return false;
      const bound = Number(r.values[0]);
      return r.operator === 'Gt' ? Number(value) > bound : Number(value) < bound;
    }
  }
}

/** Whether labels satisfy every requirement; an empty list matches everything. */
export function matches(requirements: readonly Requirement[], labels: Labels | undefined): boolean {
  const own = labels ?? {};
  return requirements.every((r) => requirementMatches(r, own));
}

/** Object selector match with Kubernetes' nil rule: undefined matches nothing, `{}` everything. */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Labels | undefined): boolean {
  if (selector === undefined || selector === null) return false;
  return matches(requirementsFromSelector(selector), labels);
}

const OPERATOR_SYMBOLS = ['==', '!=', '=', '>', '<'] as const;
const SPECIAL = new Set(['!', '=', ',', '(', ')', '<', '>']);

/** A cursor over the string form; whitespace between tokens is insignificant. */
class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }
  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }
  peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }
  startsWith(s: string): boolean {
    this.skipSpace();
    return this.text.startsWith(s, this.pos);
  }
  identifier(): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] ?? '';
      if (/\s/.test(c) || SPECIAL.has(c)) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }
  fail(message: string): never {
    throw new LabelSelectorError(message, this.text, this.pos);
  }
}

function checkKey(cursor: Cursor, key: string): void {
  if (key === '') cursor.fail('expected a label key');
  const problem = labelKeyProblems(key)[0];
  if (problem) cursor.fail(`invalid label key: ${problem}`);
}

function checkValue(cursor: Cursor, value: string): void {
  const problem = labelValueProblems(value)[0];
  if (problem) cursor.fail(`invalid label value: ${problem}`);
}

/** Values of `in (...)`: comma-separated, an empty item (or `()`) meaning the empty value, as Kubernetes reads it. */
function parseValueSet(cursor: Cursor): string[] {
  if (cursor.peek() !== '(') cursor.fail('expected "(" after in/notin');
  cursor.pos++;
  const values: string[] = [];
  for (;;) {
    const value = cursor.identifier();
    checkValue(cursor, value);
    values.push(value);
    const next = cursor.peek();
    cursor.pos++;
    if (next === ')') return [...new Set(values)];
    if (next !== ',') cursor.fail('expected "," or ")" in a value list');
  }
}

function parseOperatorRequirement(cursor: Cursor, key: string): Requirement {
  const symbol = OPERATOR_SYMBOLS.find((s) => cursor.startsWith(s));
  if (symbol) {
    cursor.pos += symbol.length;
    const value = cursor.identifier();
    if (symbol === '>' || symbol === '<') {
      if (!/^-?\d+$/.test(value)) cursor.fail(`"${symbol}" needs an integer value, got "${value}"`);
      return { key, operator: symbol === '>' ? 'Gt' : 'Lt', values: [value] };
    }
    checkValue(cursor, value);
    return { key, operator: symbol === '!=' ? 'NotIn' : 'In', values: [value] };
  }
  const word = cursor.identifier();
  if (word === 'in' || word === 'notin') {
    return { key, operator: word === 'in' ? 'In' : 'NotIn', values: parseValueSet(cursor) };
  }
  return cursor.fail(`expected one of =, ==, !=, in, notin, >, < after "${key}", got "${word || cursor.peek()}"`);
}

function parseRequirement(cursor: Cursor): Requirement {
  if (cursor.peek() === '!' && !cursor.startsWith('!=')) {
    cursor.pos++;
    const key = cursor.identifier();
    checkKey(cursor, key);
    return { key, operator: 'DoesNotExist', values: [] };
  }
  const key = cursor.identifier();
  checkKey(cursor, key);
  if (cursor.atEnd() || cursor.peek() === ',') return { key, operator: 'Exists', values: [] };
  return parseOperatorRequirement(cursor, key);
}

/** Parses the string form; `""` (or only spaces) is the empty selector, which matches everything. */
export function parseLabelSelector(text: string): Requirement[] {
  const cursor = new Cursor(text);
  const requirements: Requirement[] = [];
  if (cursor.atEnd()) return requirements;
  for (;;) {
    requirements.push(parseRequirement(cursor));
    if (cursor.atEnd()) return requirements;
    if (cursor.peek() !== ',') cursor.fail('expected "," between requirements');
    cursor.pos++;
  }
}

/** The string form of requirements, e.g. for messages and `kubectl -l`. */
export function formatRequirements(requirements: readonly Requirement[]): string {
  return requirements
    .map((r) => {
      switch (r.operator) {
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        case 'Gt':
          return `${r.key}>${r.values[0] ?? ''}`;
        case 'Lt':
          return `${r.key}<${r.values[0] ?? ''}`;
        default: {
          const single = r.values.length === 1 ? r.values[0] : undefined;
          if (single !== undefined) return `${r.key}${r.operator === 'In' ? '=' : '!='}${single}`;
          return `${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${r.values.join(',')})`;
        }
      }
    })
    .join(',');
}
