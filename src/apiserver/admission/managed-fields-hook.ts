/**
 * Records field ownership in `metadata.managedFields` for every ordinary write (create,
 * update, patch), as Kubernetes does, so server-side apply later knows who owns what.
 * Apply requests record their own ownership and are left alone here.
 */
import type { KubeObject } from '../../api/meta.js';
import { recordUpdate } from '../patch/index.js';
import type { ResourceHook, WriteContext } from '../rest/resource-hooks.js';
import type { TypeInfoCache } from './type-info-cache.js';

export class ManagedFieldsHook implements ResourceHook {
  constructor(private readonly types: TypeInfoCache) {}

  beforeWrite(obj: KubeObject, ctx: WriteContext): void {
    if (ctx.operation === 'apply' || ctx.operation === 'apply-status' || ctx.operation === 'delete') return;
    const version = obj.apiVersion.split('/').pop() ?? '';
    const updated = recordUpdate({
      old: ctx.old,
      updated: obj,
      manager: ctx.fieldManager ?? 'unknown',
      subresource: ctx.operation.endsWith('status') ? 'status' : undefined,
      apiVersion: obj.apiVersion,
      now: ctx.now,
      typeInfo: this.types.for(ctx.target.resource, version),
    });
    if (updated.metadata.managedFields) obj.metadata.managedFields = updated.metadata.managedFields;
    else delete obj.metadata.managedFields;
  }
}
