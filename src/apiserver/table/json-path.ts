/**
 * The JSONPath subset Kubernetes accepts in a CRD's `additionalPrinterColumns[].jsonPath`:
 * fields (`.a.b`, `['a.b']`), indexes (`[0]`, `[-1]`), wildcards (`[*]`) and filters
 * comparing a relative path with a literal (`[?(@.type=="Ready")]`). Parsed once per column,
 * evaluated per object.
 */

type Literal = string | number | boolean;
type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; path: string[]; op: '==' | '!='; value: Literal };

export interface JsonPath {
  readonly source: string;
  readonly steps: readonly Step[];
}

const FIELD = /^\.([A-Za-z0-9_$-]+)/;
const QUOTED = /^\[\s*'([^']*)'\s*\]|^\[\s*"([^"]*)"\s*\]/;
const INDEX = /^\[\s*(-?\d+)\s*\]/;
const WILDCARD = /^\[\s*\*\s*\]|^\.\*/;
const FILTER = /^\[\s*\?\(\s*@((?:\.[A-Za-z0-9_$-]+)+)\s*(==|!=)\s*("[^"]*"|'[^']*'|-?\d+(?:\.\d+)?|true|false)\s*\)\s*\]/;

function literal(text: string): Literal {
  if (text.startsWith('"') || text.startsWith("'")) return text.slice(1, -1);
  if (text === 'true' || text === 'false') return text === 'true';
  return Number(text);
}

function nextStep(rest: string): [Step, number] | undefined {
  let m = FILTER.exec(rest);
  if (m) return [{ kind: 'filter', path: (m[1] ?? '').slice(1).split('.'), op: m[2] as '==' | '!=', value: literal(m[3] ?? '') }, m[0].length];
  m = WILDCARD.exec(rest);
  if (m) return [{ kind: 'wildcard' }, m[0].length];
  m = INDEX.exec(rest);
  if (m) return [{ kind: 'index', index: Number(m[1]) }, m[0].length];
  m = QUOTED.exec(rest);
  if (m) return [{ kind: 'field', name: m[1] ?? m[2] ?? '' }, m[0].length];
  m = FIELD.exec(rest);
  if (m) return [{ kind: 'field', name: m[1] ?? '' }, m[0].length];
  return undefined;
}

/** Parses a printer-column path; `{...}` around it and a leading `$` are accepted as Kubernetes does. */
export function parseJsonPath(source: string): JsonPath {
  let rest = source.trim();
  if (rest.startsWith('{') && rest.endsWith('}')) rest = rest.slice(1, -1).trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  const steps: Step[] = [];
  while (rest.length > 0) {
    const next = nextStep(rest);
    if (!next) throw new Error(`unsupported JSONPath ${JSON.stringify(source)} at ${JSON.stringify(rest)}`);
    steps.push(next[0]);
    rest = rest.slice(next[1]);
  }
  return { source, steps };
}

function child(value: unknown, name: string): unknown {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

function matches(item: unknown, step: Extract<Step, { kind: 'filter' }>): boolean {
  const got = step.path.reduce<unknown>((v, name) => child(v, name), item);
  if (got === undefined) return false;
  const equal = got === step.value;
  return step.op === '==' ? equal : !equal;
}

function apply(values: unknown[], step: Step): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (step.kind === 'field') {
      const c = child(v, step.name);
      if (c !== undefined) out.push(c);
    } else if (!Array.isArray(v)) {
      if (step.kind === 'wildcard' && v && typeof v === 'object') out.push(...Object.values(v));
    } else if (step.kind === 'index') {
      const i = step.index < 0 ? v.length + step.index : step.index;
      if (i >= 0 && i < v.length) out.push(v[i]);
    } else if (step.kind === 'wildcard') {
      out.push(...v);
    } else {
      out.push(...v.filter((item) => matches(item, step)));
    }
  }
  return out;
}

/** Every value the path reaches in `root`; empty when it reaches none. */
export function evaluateJsonPath(path: JsonPath, root: unknown): unknown[] {
  return path.steps.reduce<unknown[]>((values, step) => apply(values, step), [root]);
}

/** A value as Kubernetes' JSONPath printer writes it: strings bare, everything else as JSON. */
export function formatJsonPathValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
