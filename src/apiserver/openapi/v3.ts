/**
 * `/openapi/v3`: the index of group-versions and one OpenAPI 3.0 document per group-version,
 * holding the served resources' paths and every schema they reach (kubectl resolves `$ref`s
 * within one document only). Built-in kinds use Kubernetes' published schemas; custom kinds
 * their CRD's schema, wrapped as Kubernetes publishes it.
 *
 * Each document's URL in the index carries `?hash=` of its content, so clients (kubectl caches
 * documents on disk by that URL) fetch a document again only when it changed. The server
 * answers a hashed URL with `Cache-Control: public, immutable`.
 */
import { createHash } from 'node:crypto';
import { customResourceSchemas, customSchemaName, reverseGroup } from './crd-schema.js';
import { schemaNameForKind, type SchemaMap } from './kubernetes-schemas.js';
import { resourcePaths, type PathItem } from './paths.js';
import { collectReferenced, refsIn } from './schema-closure.js';
import type { JsonSchema, ServedResource } from './served-resource.js';

export interface OpenApiV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

export interface GroupVersionDocument {
  /** Upper-case hex SHA-512 of `json`, as kube-apiserver computes it. */
  hash: string;
  /** The document, serialised once so every request sends the same bytes. */
  json: string;
}

export interface OpenApiV3Documents {
  index: OpenApiV3Index;
  /** Keyed by the index path: `api/v1`, `apis/apps/v1`. */
  documents: ReadonlyMap<string, GroupVersionDocument>;
}

/** `api/v1` or `apis/<group>/<version>`: where a group-version's document lives under /openapi/v3/. */
export function documentPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

interface Entry {
  paths: Record<string, PathItem>;
  schemas: Record<string, JsonSchema>;
}

function entryFor(resource: ServedResource, builtins: SchemaMap): Entry | undefined {
  const { group, version, kind } = resource;
  const listKind = resource.listKind ?? `${kind}List`;
  if (resource.custom) {
    const schemas = customResourceSchemas(resource, builtins);
    const names = { schema: customSchemaName(group, version, kind), list: `${reverseGroup(group)}.${version}.${listKind}` };
    return { paths: resourcePaths(resource, names), schemas };
  }
  const schema = schemaNameForKind(builtins, { group, version, kind });
  const list = schemaNameForKind(builtins, { group, version, kind: listKind });
  // A built-in kind Kubernetes publishes no schema for is left out: kubectl then falls back to
  // its compiled-in knowledge of the kind instead of trusting an empty schema.
  if (!schema || !list) return undefined;
  return { paths: resourcePaths(resource, { schema, list }), schemas: {} };
}

function buildDocument(entries: Entry[], builtins: SchemaMap): Record<string, unknown> {
  const paths: Record<string, PathItem> = {};
  const own: Record<string, JsonSchema> = {};
  for (const e of entries) {
    Object.assign(paths, e.paths);
    Object.assign(own, e.schemas);
  }
  const pool: SchemaMap = { ...builtins, ...own };
  const roots = [...Object.keys(own), ...refsIn(paths)];
  const schemas = sortKeys(collectReferenced(pool, roots));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: sortKeys(paths),
    components: {
      schemas,
      securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    },
    security: [{ BearerToken: [] }],
  };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function sha512Hex(text: string): string {
  return createHash('sha512').update(text).digest('hex').toUpperCase();
}

/** Builds the index and the per-group-version documents for the served resources. */
export function buildOpenApiV3(resources: readonly ServedResource[], builtins: SchemaMap): OpenApiV3Documents {
  const byPath = new Map<string, Entry[]>();
  for (const resource of resources) {
    const entry = entryFor(resource, builtins);
    if (!entry) continue;
    const key = documentPath(resource.group, resource.version);
    byPath.set(key, [...(byPath.get(key) ?? []), entry]);
  }
  const documents = new Map<string, GroupVersionDocument>();
  const index: OpenApiV3Index = { paths: {} };
  for (const key of [...byPath.keys()].sort()) {
    const json = JSON.stringify(buildDocument(byPath.get(key) ?? [], builtins));
    const hash = sha512Hex(json);
    documents.set(key, { hash, json });
    index.paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  return { index, documents };
}

/**
 * Rebuilds the documents only when the served resources change (a CRD created, changed or
 * deleted): keyed by a hash of the resource list, so the server can call it on every request.
 */
export class OpenApiV3Cache {
  private key = '';
  private current: OpenApiV3Documents | undefined;
  private builtins: SchemaMap | undefined;

  constructor(private readonly loadBuiltins: () => SchemaMap) {}

  documentsFor(resources: readonly ServedResource[]): OpenApiV3Documents {
    const key = sha512Hex(JSON.stringify(resources));
    if (this.current && key === this.key) return this.current;
    this.builtins ??= this.loadBuiltins();
    this.current = buildOpenApiV3(resources, this.builtins);
    this.key = key;
    return this.current;
  }
}
