/**
 * PATCH in its four forms: JSON patch (RFC 6902), merge patch (RFC 7386), strategic merge
 * patch (built-in kinds only; 415 for custom resources, as Kubernetes answers) and
 * server-side apply (`application/apply-patch+yaml`, which may also create the object).
 */
import type { KubeObject } from '../../api/meta.js';
import type { TypeInfoCache } from '../admission/type-info-cache.js';
import { mediaType, parseBody, readBody } from '../http/request-body.js';
import { sendJson } from '../http/respond.js';
import {
  apply,
  applyJsonPatch,
  applyObjectMergePatch,
  applyStrategicMergePatch,
  conflictError,
  PatchError,
  type JsonObject,
  type JsonValue,
} from '../patch/index.js';
import { groupVersion } from '../resource-type.js';
import { errors } from '../status.js';
import { withStatus, type ObjectService, type Target } from './object-service.js';
import type { ResourceRequest } from './resource-request.js';
import type { WriteContext } from './resource-hooks.js';
import { cloneJsonValue } from '../json-clone.js';

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

export interface PatchRequestOptions {
  dryRun: boolean;
  fieldManager: string | undefined;
  fieldValidation: WriteContext['fieldValidation'];
  warnings: string[];
}

function patched(type: string, old: KubeObject, body: unknown, r: ResourceRequest, types: TypeInfoCache): KubeObject {
  try {
    switch (type) {
      case 'application/json-patch+json':
        return applyJsonPatch(old as unknown as JsonValue, body) as unknown as KubeObject;
      case 'application/merge-patch+json':
        return applyObjectMergePatch(old as unknown as JsonObject, body) as unknown as KubeObject;
      default: {
        const typeInfo = types.for(r.resource, r.path.version);
        return applyStrategicMergePatch(old as unknown as JsonObject, body, { typeInfo }) as unknown as KubeObject;
      }
    }
  } catch (err) {
    if (err instanceof PatchError) throw err.toStatusError();
    throw err;
  }
}

/** Keeps what the patched part may not change: the main resource's status, or /status's rest. */
function scoped(old: KubeObject, next: KubeObject, r: ResourceRequest): KubeObject {
  if (r.path.subresource === 'status') {
    const out = withStatus(old, next.status);
    // Server-side apply records its ownership of the status fields it set.
    if (next.metadata?.managedFields) out.metadata.managedFields = next.metadata.managedFields;
    return out;
  }
  if (r.resource.hasStatus) {
    if (old.status === undefined) delete next.status;
    else next.status = cloneJsonValue(old.status);
  }
  return next;
}

export async function handlePatch(r: ResourceRequest, target: Target, service: ObjectService, types: TypeInfoCache, opts: PatchRequestOptions): Promise<void> {
  const type = mediaType(r.req);
  if (!PATCH_TYPES.includes(type)) throw errors.unsupportedMediaType(type);
  if (type === 'application/strategic-merge-patch+json' && r.resource.crd) throw errors.unsupportedMediaType(type);
  const name = r.path.name!;
  const body = parseBody(await readBody(r.req), type.includes('yaml') ? 'application/yaml' : 'application/json');
  const status = r.path.subresource === 'status';
  const writeOpts = { dryRun: opts.dryRun, fieldManager: opts.fieldManager, fieldValidation: opts.fieldValidation, warnings: opts.warnings, user: r.user };
  const apiVersion = groupVersion(r.resource.group, r.path.version);

  if (type === 'application/apply-patch+yaml') {
    if (!opts.fieldManager) throw errors.badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    const live = service.find(target, name);
    const result = apply({
      live,
      applied: body,
      manager: opts.fieldManager,
      force: r.query.get('force') === 'true',
      apiVersion,
      subresource: status ? 'status' : undefined,
      now: service.now(),
      typeInfo: types.for(r.resource, r.path.version),
      // What the request may not change is not owned by it either (no false conflicts there).
      ignoredFields: r.resource.hasStatus ? (status ? [['spec']] : [['status']]) : [],
    });
    if (!result.ok) throw conflictError(result.conflicts);
    const applied = result.object;
    if (!live) {
      if (status) throw errors.notFound({ group: r.resource.group, resource: r.resource.plural, name });
      applied.metadata = { ...applied.metadata, name };
      sendJson(r.res, 201, service.json(target, await service.create(target, applied, { ...writeOpts, applying: true })));
      return;
    }
    const next = scoped(live, applied, r);
    sendJson(r.res, 200, service.json(target, await service.write(target, live, next, { ...writeOpts, operation: status ? 'apply-status' : 'apply' })));
    return;
  }

  const old = service.get(target, name);
  const candidate = patched(type, old, body, r, types);
  // Checked before scoping: a /status patch keeps the stored metadata, and with it would never
  // see the resourceVersion its body was guarded with.
  if (candidate.metadata?.resourceVersion && candidate.metadata.resourceVersion !== old.metadata.resourceVersion) {
    throw errors.conflict({ group: r.resource.group, resource: r.resource.plural, name }, 'the object has been modified; please apply your changes to the latest version and try again');
  }
  const next = scoped(old, candidate, r);
  sendJson(r.res, 200, service.json(target, await service.write(target, old, next, { ...writeOpts, operation: status ? 'patch-status' : 'patch' })));
}
