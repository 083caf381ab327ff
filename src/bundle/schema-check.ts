/**
 * Checks plain data against a FieldSpec (fleet-yaml-schema.ts) and reports, by key path,
 * every unknown key, every value of the wrong shape and every "not supported yet" key.
 * It copies what it accepts, so the result holds only keys the schema knows.
 */
import type { FieldSpec } from './fleet-yaml-schema.js';

export type SchemaPath = Array<string | number>;

export interface SchemaProblem {
  kind: 'UnknownField' | 'InvalidField' | 'NotSupported';
  path: SchemaPath;
  message: string;
}

export interface SchemaCheckHooks {
  /** Called for `managedNamespaces` values; returns what to keep. */
  managedNamespaces(value: unknown, path: SchemaPath): unknown;
}

/** Formats a key path as `a.b[0].c`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out === '' ? seg : `${out}.${seg}`), '');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a map' : `${typeof v} ${JSON.stringify(v)}`;
}

type ScalarSpec = Extract<FieldSpec, { type: 'string' | 'boolean' | 'integer' | 'intOrString' | 'enum' }>;

/** What is wrong with a scalar value, or undefined when it fits. */
function scalarProblem(value: unknown, spec: ScalarSpec): string | undefined {
  switch (spec.type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'integer':
      return Number.isInteger(value) ? undefined : 'must be a whole number';
    case 'intOrString':
      return Number.isInteger(value) || typeof value === 'string' ? undefined : 'must be a number or a percentage';
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? undefined : `must be one of ${spec.values.join(', ')}`;
  }
}

export class SchemaChecker {
  readonly problems: SchemaProblem[] = [];

  constructor(private readonly hooks: SchemaCheckHooks) {}

  /** Returns the accepted copy of `value`, or undefined when it is dropped. */
  check(value: unknown, spec: FieldSpec, path: SchemaPath): unknown {
    if (value === null || value === undefined) return undefined;
    switch (spec.type) {
      case 'stringMap':
        return this.checkStringMap(value, path);
      case 'freeForm':
        return isRecord(value) ? structuredClone(value) : this.invalid(path, `must be a map, not ${describe(value)}`);
      case 'list':
        return Array.isArray(value) ? value.map((item, i) => this.check(item, spec.items, [...path, i])) : this.invalid(path, `must be a list, not ${describe(value)}`);
      case 'object':
        return this.checkObject(value, spec.fields, path);
      case 'notSupported':
        this.problems.push({ kind: 'NotSupported', path, message: `${spec.feature} not supported yet by Flotilla; this key is ignored` });
        return undefined;
      case 'managedNamespaces':
        return this.hooks.managedNamespaces(value, path);
      default: {
        const problem = scalarProblem(value, spec);
        return problem === undefined ? value : this.invalid(path, `${problem}, not ${describe(value)}`);
      }
    }
  }

  private invalid(path: SchemaPath, message: string): undefined {
    this.problems.push({ kind: 'InvalidField', path, message });
    return undefined;
  }

  private checkStringMap(value: unknown, path: SchemaPath): Record<string, string> | undefined {
    if (!isRecord(value)) return this.invalid(path, `must be a map of strings, not ${describe(value)}`);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') out[k] = v;
      else this.invalid([...path, k], `must be a string, not ${describe(v)} (quote it in YAML)`);
    }
    return out;
  }

  private checkObject(value: unknown, fields: Readonly<Record<string, FieldSpec>>, path: SchemaPath): Record<string, unknown> | undefined {
    if (!isRecord(value)) return this.invalid(path, `must be a map, not ${describe(value)}`);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const spec = fields[key];
      if (spec === undefined) {
        this.problems.push({ kind: 'UnknownField', path: [...path, key], message: 'unknown key (neither Fleet nor Flotilla knows it)' });
        continue;
      }
      const accepted = this.check(v, spec, [...path, key]);
      if (accepted !== undefined) out[key] = accepted;
    }
    return out;
  }
}
