/**
 * Per-resource behaviour layered on the generic write path: defaults and status a
 * resource sets for itself (Namespaces, CRDs), validation, and managedFields. Each hook
 * receives the object about to be written and may change it or throw a StatusError.
 */
import type { KubeObject } from '../../api/meta.js';
import type { UserInfo } from '../auth/user-info.js';
import type { ResourceType } from '../resource-type.js';

/** Where a write goes: a logical cluster, a resource and a namespace. */
export interface Target {
  cluster: string;
  resource: ResourceType;
  /** '' for cluster-scoped resources. */
  namespace: string;
}

export interface WriteContext {
  target: Target;
  operation: 'create' | 'update' | 'update-status' | 'patch' | 'patch-status' | 'apply' | 'apply-status' | 'delete';
  old: KubeObject | undefined;
  fieldManager: string | undefined;
  now: Date;
  /** How unknown fields are treated (`fieldValidation`): Kubernetes' default is Warn. */
  fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
  /** Warnings for the client, sent as `Warning` headers. */
  warnings: string[];
  /** Who asked for the write; undefined for the server's own controllers. */
  user?: UserInfo;
}

export interface ResourceHook {
  /** Runs before create and update; may mutate `obj`. */
  beforeWrite?(obj: KubeObject, ctx: WriteContext): void | Promise<void>;
  /** Runs before a delete; may add finalizers or a deletionTimestamp to `obj`. */
  beforeDelete?(obj: KubeObject, ctx: WriteContext): void | Promise<void>;
}

/** Hooks that apply to every resource run first, then the resource's own. */
export class ResourceHooks {
  private readonly byResource = new Map<string, ResourceHook[]>();
  private readonly everywhere: ResourceHook[] = [];

  add(hook: ResourceHook, resourceKey?: string): void {
    if (resourceKey === undefined) {
      this.everywhere.push(hook);
      return;
    }
    const list = this.byResource.get(resourceKey) ?? [];
    list.push(hook);
    this.byResource.set(resourceKey, list);
  }

  async beforeWrite(obj: KubeObject, ctx: WriteContext): Promise<void> {
    for (const hook of this.hooksFor(ctx)) await hook.beforeWrite?.(obj, ctx);
  }

  async beforeDelete(obj: KubeObject, ctx: WriteContext): Promise<void> {
    for (const hook of this.hooksFor(ctx)) await hook.beforeDelete?.(obj, ctx);
  }

  private hooksFor(ctx: WriteContext): ResourceHook[] {
    const key = `${ctx.target.resource.group}/${ctx.target.resource.plural}`;
    return [...(this.byResource.get(key) ?? []), ...this.everywhere];
  }
}
