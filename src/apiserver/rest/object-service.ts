/**
 * The write semantics of one API server, shared by HTTP handlers and the server's own
 * controllers: uid and timestamps, optimistic concurrency, generation, the status
 * subresource, finalizers and deletionTimestamp, namespace existence, and no-op detection
 * (a write that changes nothing keeps its resourceVersion and sends no event).
 */
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../api/meta.js';
import type { UserInfo } from '../auth/user-info.js';
import { errors, StatusError } from '../status.js';
import { jsonOf, type ObjectStore } from '../storage/object-store.js';
import { groupVersion, resourceKey } from '../resource-type.js';
import type { ResourceHooks, Target, WriteContext } from './resource-hooks.js';
import { cloneJsonValue } from '../json-clone.js';
// JSON equality: isDeepStrictEqual also walks prototypes and was four times slower per write.
import { jsonEqual } from '../patch/json-value.js';

export type { Target } from './resource-hooks.js';

export interface WriteOptions {
  dryRun?: boolean;
  /** The field manager recorded in managedFields. */
  fieldManager?: string;
  fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
  /** Collects warnings for the client. */
  warnings?: string[];
  /** A create by server-side apply: managedFields are already recorded. */
  applying?: boolean;
  /** The requesting user, for hooks that decide by identity (RBAC escalation). */
  user?: UserInfo;
}

export interface DeleteOptions extends WriteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
}

export interface ObjectServiceDeps {
  store: ObjectStore;
  hooks: ResourceHooks;
  now: () => Date;
}

const targetOf = (t: Target, name?: string) => ({ group: t.resource.group, resource: t.resource.plural, kind: t.resource.kind, name });

export function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Everything of an object but metadata and status: what a generation counts. */
function specOf(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

/**
 * Whether deletion still waits on someone: metadata finalizers, or for a Namespace the
 * `spec.finalizers` its lifecycle controller clears once the namespace is empty.
 */
export function hasPendingFinalizers(t: Target, obj: KubeObject): boolean {
  if ((obj.metadata.finalizers ?? []).length) return true;
  if (t.resource.group === '' && t.resource.plural === 'namespaces') {
    return ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0;
  }
  return false;
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

/**
 * What a status update reads of its body: type meta, metadata (for the name, namespace and
 * resourceVersion checks) and status, copied; the rest is dropped by withStatus anyway, and
 * copying all of it (an agent sends its whole BundleDeployment) was a full copy per write.
 */
function statusUpdateOf(input: KubeObject): KubeObject {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const { apiVersion, kind, metadata, status } = input;
  const obj = { apiVersion, kind, metadata: cloneJsonValue(metadata) } as KubeObject;
  if (status !== undefined) obj.status = cloneJsonValue(status);
  return obj;
}

/**
 * A copy of `old` with `status` in place of its own (removed when undefined). Only what is
 * kept is copied: copying `old` whole and then replacing its status copied the status twice.
 */
export function withStatus(old: KubeObject, status: KubeObject['status']): KubeObject {
  const { status: _replaced, ...rest } = old;
  const next = cloneJsonValue(rest) as KubeObject;
  if (status !== undefined) next.status = status;
  return next;
}

export class ObjectService {
  constructor(private readonly deps: ObjectServiceDeps) {}

  /** The server's clock (injected), for writes computed outside this service such as apply. */
  now(): Date {
    return this.deps.now();
  }

  get(t: Target, name: string): KubeObject {
    const entry = this.deps.store.get(t.cluster, resourceKey(t.resource.group, t.resource.plural), t.namespace, name);
    if (!entry) throw errors.notFound(targetOf(t, name));
    return entry.obj;
  }

  /**
   * The object's JSON for a response: the stored serialisation when `obj` is the stored
   * object itself (a read, or what a write just committed, serialised once at commit), else
   * serialised now (a dry run, or an object that is not the stored one).
   */
  json(t: Target, obj: KubeObject): string {
    const entry = this.deps.store.get(t.cluster, resourceKey(t.resource.group, t.resource.plural), t.namespace, obj.metadata?.name ?? '');
    return entry?.obj === obj ? jsonOf(entry) : JSON.stringify(obj);
  }

  find(t: Target, name: string): KubeObject | undefined {
    return this.deps.store.get(t.cluster, resourceKey(t.resource.group, t.resource.plural), t.namespace, name)?.obj;
  }

  async create(t: Target, input: KubeObject, opts: WriteOptions = {}): Promise<KubeObject> {
    const obj = cloneJsonValue(input);
    this.checkTypeMeta(t, obj);
    obj.metadata ??= {};
    const meta = obj.metadata;
    if (t.resource.namespaced) {
      if (meta.namespace && meta.namespace !== t.namespace) {
        throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = t.namespace;
      this.checkNamespaceWritable(t);
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = this.generateName(t, meta.generateName);
    if (!meta.name) {
      throw errors.invalid(targetOf(t, ''), [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }]);
    }
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp(this.deps.now());
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (t.resource.tracksGeneration) meta.generation = 1;
    else delete meta.generation;
    if (t.resource.hasStatus && !opts.applying) delete obj.status;
    const ctx = this.context(t, opts.applying ? 'apply' : 'create', undefined, opts);
    await this.deps.hooks.beforeWrite(obj, ctx);
    if (this.find(t, meta.name)) throw errors.alreadyExists(targetOf(t, meta.name));
    if (opts.dryRun) return obj;
    const [entry] = await this.commit(t, meta.name, obj);
    return entry!;
  }

  /** Replaces an object (PUT), or its status with `subresource: 'status'`. */
  async update(t: Target, name: string, input: KubeObject, opts: WriteOptions & { subresource?: 'status' } = {}): Promise<KubeObject> {
    const old = this.get(t, name);
    const obj = opts.subresource === 'status' ? statusUpdateOf(input) : cloneJsonValue(input);
    this.checkTypeMeta(t, obj);
    obj.metadata ??= {};
    if (obj.metadata.name && obj.metadata.name !== name) {
      throw errors.badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (t.resource.namespaced && obj.metadata.namespace && obj.metadata.namespace !== t.namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) {
      throw errors.conflict(targetOf(t, name), 'the object has been modified; please apply your changes to the latest version and try again');
    }
    if (!rv && t.resource.crd) {
      throw errors.invalid(targetOf(t, name), [{ reason: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update', field: 'metadata.resourceVersion' }]);
    }
    const next = opts.subresource === 'status' ? this.withStatusOf(old, obj) : this.withMainOf(t, old, obj);
    return this.write(t, old, next, { ...opts, operation: opts.subresource === 'status' ? 'update-status' : 'update' });
  }

  /**
   * Writes `next` as the new state of `old` (already merged by the caller: patches and
   * apply come here too). Keeps what clients may not change, counts generation, and skips
   * writes that change nothing.
   */
  async write(t: Target, old: KubeObject, next: KubeObject, opts: WriteOptions & { operation: WriteContext['operation'] }): Promise<KubeObject> {
    const name = old.metadata.name!;
    const meta = next.metadata;
    meta.name = name;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (t.resource.namespaced) meta.namespace = t.namespace;
    else delete meta.namespace;
    if (old.metadata.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (t.resource.tracksGeneration) {
      const changed = !jsonEqual(specOf(old), specOf(next));
      meta.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0);
    }
    meta.resourceVersion = old.metadata.resourceVersion;
    const ctx = this.context(t, opts.operation, old, opts);
    await this.deps.hooks.beforeWrite(next, ctx);
    if (jsonEqual(next, old)) return old;
    const finalizersDone = meta.deletionTimestamp && !hasPendingFinalizers(t, next);
    if (opts.dryRun) return next;
    if (finalizersDone) {
      await this.commit(t, name, undefined);
      return next;
    }
    const [entry] = await this.commit(t, name, next);
    return entry!;
  }

  async delete(t: Target, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    const old = this.get(t, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw errors.conflict(targetOf(t, name), `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid ?? ''}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw errors.conflict(
        targetOf(t, name),
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion ?? ''}`,
      );
    }
    const next = cloneJsonValue(old);
    const finalizers = new Set(next.metadata.finalizers ?? []);
    if (opts.propagationPolicy === 'Orphan') finalizers.add('orphan');
    if (opts.propagationPolicy === 'Foreground') finalizers.add('foregroundDeletion');
    next.metadata.finalizers = [...finalizers];
    if (!next.metadata.finalizers.length) delete next.metadata.finalizers;
    await this.deps.hooks.beforeDelete(next, this.context(t, 'delete', old, opts));
    if (opts.dryRun) return next;
    if (hasPendingFinalizers(t, next)) {
      if (!next.metadata.deletionTimestamp) {
        next.metadata.deletionTimestamp = timestamp(this.deps.now());
        next.metadata.deletionGracePeriodSeconds = 0;
      }
      if (jsonEqual(next, old)) return old;
      const [entry] = await this.commit(t, name, next);
      return entry!;
    }
    await this.commit(t, name, undefined);
    return old;
  }

  private context(t: Target, operation: WriteContext['operation'], old: KubeObject | undefined, opts: WriteOptions): WriteContext {
    return {
      target: t,
      operation,
      old,
      fieldManager: opts.fieldManager,
      now: this.deps.now(),
      fieldValidation: opts.fieldValidation,
      warnings: opts.warnings ?? [],
      user: opts.user,
    };
  }

  private async commit(t: Target, name: string, obj: KubeObject | undefined): Promise<KubeObject[]> {
    const entries = await this.deps.store.commit([
      { cluster: t.cluster, resource: resourceKey(t.resource.group, t.resource.plural), namespace: t.namespace, name, obj },
    ]);
    return entries.map((e) => e.obj);
  }

  private withStatusOf(old: KubeObject, obj: KubeObject): KubeObject {
    return withStatus(old, obj.status);
  }

  private withMainOf(t: Target, old: KubeObject, obj: KubeObject): KubeObject {
    const next = obj;
    if (t.resource.hasStatus) {
      if (old.status === undefined) delete next.status;
      else next.status = cloneJsonValue(old.status);
    }
    return next;
  }

  private checkTypeMeta(t: Target, obj: KubeObject): void {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw errors.badRequest('the body of the request must be an object');
    const versions = t.resource.versions.map((v) => groupVersion(t.resource.group, v));
    if (obj.kind && obj.kind !== t.resource.kind) {
      throw errors.badRequest(`the kind of the object (${obj.kind}) does not match the kind of the resource (${t.resource.kind})`);
    }
    if (obj.apiVersion && !versions.includes(obj.apiVersion)) {
      throw errors.badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${versions[0] ?? ''})`);
    }
    obj.kind = t.resource.kind;
    obj.apiVersion = versions[0]!;
  }

  private checkNamespaceWritable(t: Target): void {
    const ns = this.deps.store.get(t.cluster, '/namespaces', '', t.namespace);
    if (!ns) throw errors.notFound({ group: '', resource: 'namespaces', name: t.namespace });
    if (ns.obj.metadata.deletionTimestamp) {
      throw new StatusError(403, 'Forbidden', `${t.resource.plural} "" is forbidden: unable to create new content in namespace ${t.namespace} because it is being terminated`, {
        group: t.resource.group,
        kind: t.resource.plural,
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${t.namespace} is being terminated`, field: 'metadata.namespace' }],
      });
    }
  }

  private generateName(t: Target, prefix: string): string {
    for (let i = 0; i < 8; i++) {
      const name = `${prefix}${randomSuffix()}`;
      if (!this.find(t, name)) return name;
    }
    throw new StatusError(409, 'AlreadyExists', `could not generate a unique name with prefix ${prefix}`);
  }
}
