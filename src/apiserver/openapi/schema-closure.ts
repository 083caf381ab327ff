/**
 * Each group-version document must be self-contained: kubectl resolves `$ref`s only within
 * the document it downloaded. This collects the schemas a set of roots reaches.
 */
import type { JsonSchema } from './served-resource.js';
import type { SchemaMap } from './kubernetes-schemas.js';

const REF_PREFIX = '#/components/schemas/';

/** The named roots plus every schema they reference, transitively; unknown names are skipped. */
export function collectReferenced(schemas: SchemaMap, roots: Iterable<string>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const queue = [...roots];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (out[name]) continue;
    const schema = schemas[name];
    if (!schema) continue;
    out[name] = schema;
    queue.push(...refsIn(schema));
  }
  return out;
}

/** The component names a schema references anywhere inside it. */
export function refsIn(value: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(walk);
      return;
    }
    if (!v || typeof v !== 'object') return;
    for (const [key, child] of Object.entries(v)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(REF_PREFIX)) {
        found.push(child.slice(REF_PREFIX.length));
      } else {
        walk(child);
      }
    }
  };
  walk(value);
  return found;
}
