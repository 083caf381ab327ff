/**
 * Serves one resource request: picks the verb from the method, path and query, and calls
 * the object service or the list and watch handlers. Patches and subresources other than
 * status are delegated to handlers registered by the server.
 */
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '../../api/meta.js';
import { duplicateFieldsOf, mediaType, parseBody, readBody } from '../http/request-body.js';
import { sendJson } from '../http/respond.js';
import type { ResourceRegistry } from '../resource-registry.js';
import { groupVersion, resourceKey, type ResourceType } from '../resource-type.js';
import { errors } from '../status.js';
import type { ObjectStore } from '../storage/object-store.js';
import { matchesQuery, parseListQuery } from './list-query.js';
import type { DeleteOptions, ObjectService, Target } from './object-service.js';
import { handleList, handleWatch, type WatchSettings } from './read-handlers.js';
import { handlePatch } from './patch-handler.js';
import { includeObjectOf, tableOf, wantsTable } from './table-output.js';
import type { TypeInfoCache } from '../admission/type-info-cache.js';
import { reportStrictDecodingErrors } from '../admission/validation-hook.js';
import type { WriteContext } from './resource-hooks.js';
import { type ExtensionHandler, type ResourcePath, type ResourceRequest } from './resource-request.js';

export type { ExtensionHandler, ResourcePath, ResourceRequest } from './resource-request.js';
export { readObject } from './resource-request.js';

export interface ResourceHandlerDeps {
  store: ObjectStore;
  service: ObjectService;
  watch: WatchSettings;
  extensions: ExtensionHandler[];
  types: TypeInfoCache;
}

export function resolveResource(registry: ResourceRegistry, path: ResourcePath): ResourceType {
  const resource = registry.lookup(path.group, path.version, path.plural);
  if (!resource) throw errors.pathNotFound();
  if (path.namespace !== undefined && !resource.namespaced) throw errors.pathNotFound();
  return resource;
}


function dryRunOf(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  if (values.some((v) => v !== 'All')) throw errors.badRequest(`invalid dry run value: ${values.join(',')}; supported: All`);
  return values.length > 0;
}

async function deleteOptionsOf(r: ResourceRequest): Promise<DeleteOptions> {
  const body = await readBody(r.req);
  const opts: DeleteOptions = {};
  if (body.length && body.toString().trim()) {
    const parsed = parseBody(body, mediaType(r.req)) as { propagationPolicy?: string; preconditions?: DeleteOptions['preconditions']; dryRun?: string[] };
    if (parsed.preconditions) opts.preconditions = parsed.preconditions;
    if (parsed.propagationPolicy) opts.propagationPolicy = parsed.propagationPolicy as DeleteOptions['propagationPolicy'];
    if (parsed.dryRun?.includes('All')) opts.dryRun = true;
  }
  const policy = r.query.get('propagationPolicy');
  if (policy) opts.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  if (opts.propagationPolicy && !['Orphan', 'Background', 'Foreground'].includes(opts.propagationPolicy)) {
    throw errors.badRequest(`propagationPolicy: Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  if (dryRunOf(r.query)) opts.dryRun = true;
  return opts;
}

/** The object as the client asked for it: the requested version's apiVersion. */
function asRequested(obj: KubeObject, r: ResourceRequest): KubeObject {
  const apiVersion = groupVersion(r.resource.group, r.path.version);
  return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
}

export async function handleResource(r: ResourceRequest, deps: ResourceHandlerDeps): Promise<void> {
  const { path, resource, query } = r;
  const target: Target = { cluster: r.cluster, resource, namespace: resource.namespaced ? (path.namespace ?? '') : '' };
  for (const ext of deps.extensions) if (await ext(r, target)) return;
  const method = r.req.method ?? 'GET';
  const manager = query.get('fieldManager') ?? managerFromUserAgent(r.req);
  const warnings: string[] = [];
  const fieldValidation = fieldValidationOf(query);
  const writeOpts = { dryRun: dryRunOf(query), fieldManager: manager, fieldValidation, warnings, user: r.user };
  const table = wantsTable(r.req) ? { includeObject: includeObjectOf(query) } : undefined;
  const reply = (code: number, obj: KubeObject) => {
    if (warnings.length) r.res.setHeader('Warning', warnings.map((w) => `299 - ${JSON.stringify(w)}`));
    if (table) sendJson(r.res, code, tableOf(resource, path.version, [asRequested(obj, r)], { includeObject: table.includeObject }));
    else sendJson(r.res, code, asRequested(obj, r) === obj ? deps.service.json(target, obj) : asRequested(obj, r));
  };
  if (path.subresource && path.subresource !== 'status') throw errors.pathNotFound();
  if (path.subresource === 'status' && (!resource.hasStatus || !path.name)) throw errors.pathNotFound();

  if (!path.name) {
    if (method === 'GET') {
      const q = parseListQuery(query, resource.kind);
      const ct = { cluster: r.cluster, resource, version: path.version, namespace: resource.namespaced ? path.namespace : undefined, table };
      if (q.watch) handleWatch(deps.store, ct, q, r.res, deps.watch);
      else await handleList(deps.store, ct, q, r.res);
      return;
    }
    if (method === 'POST') {
      if (resource.namespaced && path.namespace === undefined) throw errors.methodNotAllowed();
      reply(201, await deps.service.create(target, await readWrittenObject(r, writeOpts), writeOpts));
      return;
    }
    if (method === 'DELETE') {
      await deleteCollection(r, target, deps);
      return;
    }
    throw errors.methodNotAllowed();
  }

  const name = path.name;
  switch (method) {
    case 'GET':
      await deps.store.settled();
      reply(200, deps.service.get(target, name));
      return;
    case 'PUT': {
      const opts = { ...writeOpts, subresource: path.subresource === 'status' ? ('status' as const) : undefined };
      reply(200, await deps.service.update(target, name, await readWrittenObject(r, writeOpts), opts));
      return;
    }
    case 'PATCH':
      await handlePatch(r, target, deps.service, deps.types, writeOpts);
      return;
    case 'DELETE': {
      reply(200, await deps.service.delete(target, name, await deleteOptionsOf(r)));
      return;
    }
    default:
      throw errors.methodNotAllowed();
  }
}

async function deleteCollection(r: ResourceRequest, target: Target, deps: ResourceHandlerDeps): Promise<void> {
  const q = parseListQuery(r.query, r.resource.kind);
  const opts = await deleteOptionsOf(r);
  const key = resourceKey(r.resource.group, r.resource.plural);
  const namespace = r.resource.namespaced ? r.path.namespace : undefined;
  const victims = [...deps.store.entries(r.cluster, key, namespace)].map((e) => e.obj).filter((o) => matchesQuery(o, q));
  const items: KubeObject[] = [];
  for (const obj of victims) {
    const t = { ...target, namespace: obj.metadata.namespace ?? '' };
    items.push(await deps.service.delete(t, obj.metadata.name!, opts));
  }
  sendJson(r.res, 200, {
    kind: r.resource.listKind,
    apiVersion: groupVersion(r.resource.group, r.path.version),
    metadata: { resourceVersion: String(deps.store.resourceVersion) },
    items,
  });
}

/**
 * The body of a create or update, with the keys it repeats reported as the strict decoder
 * reports them (before validation, as Kubernetes decodes before it validates).
 */
async function readWrittenObject(r: ResourceRequest, opts: Pick<WriteContext, 'fieldValidation' | 'warnings'>): Promise<KubeObject> {
  const raw = await readBody(r.req);
  const type = mediaType(r.req);
  const body = parseBody(raw, type);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw errors.badRequest('the body of the request must be a JSON object');
  const report = { fieldValidation: opts.fieldValidation, warnings: opts.warnings, kind: r.resource.kind, version: r.path.version };
  reportStrictDecodingErrors(duplicateFieldsOf(raw, type), report);
  return body as KubeObject;
}

function fieldValidationOf(query: URLSearchParams): WriteContext['fieldValidation'] {
  const v = query.get('fieldValidation');
  if (v === null || v === '') return undefined;
  if (v === 'Ignore' || v === 'Warn' || v === 'Strict') return v;
  throw errors.badRequest(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
}

/** kubectl and client-go name the manager after the program, as Kubernetes does. */
function managerFromUserAgent(req: IncomingMessage): string | undefined {
  const ua = req.headers['user-agent'];
  if (!ua) return undefined;
  return ua.split('/')[0]?.slice(0, 128);
}
