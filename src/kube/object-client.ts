/**
 * Generic access to any kind, typed by a generic parameter: get, list (selectors,
 * pagination), create, update, status update, delete, merge/JSON patch, server-side apply
 * and watch. Kinds are found through discovery, so CRDs work as built-in kinds do; paths
 * are relative to the kubeconfig's server, so logical clusters under a prefix work too.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { formatRequirements, requirementsFromSelector } from '../api/label-selector.js';
import type { KubeList, KubeObject, LabelSelector } from '../api/meta.js';
import { groupVersionPath, ResourceDiscovery, type ResourceInfo, type TypeRef } from './discovery.js';
import { KubeHttpClient, type KubeHttpClientOptions, type QueryValue } from './http-client.js';
import { readWatchEvents, type WatchEvent } from './watch-stream.js';

export interface ObjectRef extends TypeRef {
  name: string;
  namespace?: string;
}

export interface SelectorOptions {
  /** Omit for all namespaces (or for a cluster-scoped kind). */
  namespace?: string;
  /** The string form (`app=web,tier!=db`) or a LabelSelector object. */
  labelSelector?: string | LabelSelector;
  fieldSelector?: string;
}

export interface ListOptions extends SelectorOptions {
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  signal?: AbortSignal;
}

export interface WriteOptions {
  fieldManager?: string;
  dryRun?: boolean;
  signal?: AbortSignal;
}

export type PatchType = 'merge' | 'json' | 'strategic';

export interface PatchOptions extends WriteOptions {
  type: PatchType;
  subresource?: 'status';
}

export interface ApplyOptions extends WriteOptions {
  fieldManager: string;
  /** Take ownership of fields another manager holds instead of failing with a conflict. */
  force?: boolean;
  subresource?: 'status';
}

export interface DeleteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  gracePeriodSeconds?: number;
  signal?: AbortSignal;
}

export interface WatchOptions extends SelectorOptions {
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface ObjectClientOptions extends KubeHttpClientOptions {
  /** The namespace for namespaced objects that name none; default the context's, else `default`. */
  defaultNamespace?: string;
}

const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = Object.freeze({
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
});

function selectorText(selector: string | LabelSelector | undefined): string | undefined {
  if (selector === undefined || typeof selector === 'string') return selector;
  return formatRequirements(requirementsFromSelector(selector));
}

export class ObjectClient {
  readonly discovery: ResourceDiscovery;

  constructor(
    readonly http: KubeHttpClient,
    private readonly defaultNamespace = 'default',
  ) {
    this.discovery = new ResourceDiscovery(http);
  }

  static async create(kc: KubeConfig, options: ObjectClientOptions = {}): Promise<ObjectClient> {
    const http = await KubeHttpClient.create(kc, options);
    const contextNamespace = kc.getContextObject(kc.getCurrentContext())?.namespace;
    return new ObjectClient(http, options.defaultNamespace ?? contextNamespace ?? 'default');
  }

  async get<T extends KubeObject>(ref: ObjectRef, options: { signal?: AbortSignal } = {}): Promise<T> {
    const path = await this.objectPath(ref, ref.namespace, ref.name);
    return this.http.requestJson<T>({ method: 'GET', path, signal: options.signal });
  }

  /** One page of a list. */
  async list<T extends KubeObject>(type: TypeRef, options: ListOptions = {}): Promise<KubeList<T>> {
    const info = await this.discovery.resolve(type);
    const query: Record<string, QueryValue> = {
      labelSelector: selectorText(options.labelSelector),
      fieldSelector: options.fieldSelector,
      limit: options.limit,
      continue: options.continue,
      resourceVersion: options.resourceVersion,
    };
    return this.http.requestJson<KubeList<T>>({ method: 'GET', path: collectionPath(info, options.namespace), query, signal: options.signal });
  }

  /** The pages of a list one at a time, so a reader that reduces them never holds the whole list. */
  async *listPages<T extends KubeObject>(type: TypeRef, options: Omit<ListOptions, 'limit' | 'continue'> & { pageSize?: number } = {}): AsyncGenerator<KubeList<T>> {
    let token: string | undefined;
    do {
      const page = await this.list<T>(type, { ...options, limit: options.pageSize ?? 500, continue: token });
      yield page;
      token = page.metadata.continue || undefined;
    } while (token);
  }

  /** Every page of a list, and the resourceVersion to watch from. */
  async listAll<T extends KubeObject>(type: TypeRef, options: Omit<ListOptions, 'limit' | 'continue'> & { pageSize?: number } = {}): Promise<{ items: T[]; resourceVersion: string }> {
    const items: T[] = [];
    let resourceVersion = '';
    for await (const page of this.listPages<T>(type, options)) {
      for (const item of page.items) items.push(item);
      // Every page of one list shares the first page's resourceVersion; keep the first.
      resourceVersion ||= page.metadata.resourceVersion ?? '';
    }
    return { items, resourceVersion };
  }

  async create<T extends KubeObject>(obj: T, options: WriteOptions = {}): Promise<T> {
    const info = await this.discovery.resolve(obj);
    const path = collectionPath(info, info.namespaced ? (obj.metadata.namespace ?? this.defaultNamespace) : undefined);
    return this.http.requestJson<T>({ method: 'POST', path, query: writeQuery(options), body: obj, signal: options.signal });
  }

  /** Replaces the object; fails with a conflict when its resourceVersion is stale. */
  async update<T extends KubeObject>(obj: T, options: WriteOptions = {}): Promise<T> {
    const path = await this.objectPath(obj, obj.metadata.namespace, requireName(obj));
    return this.http.requestJson<T>({ method: 'PUT', path, query: writeQuery(options), body: obj, signal: options.signal });
  }

  /** Replaces the status subresource only; spec changes in `obj` are ignored by the server. */
  async updateStatus<T extends KubeObject>(obj: T, options: WriteOptions = {}): Promise<T> {
    const path = (await this.objectPath(obj, obj.metadata.namespace, requireName(obj))) + '/status';
    return this.http.requestJson<T>({ method: 'PUT', path, query: writeQuery(options), body: obj, signal: options.signal });
  }

  async patch<T extends KubeObject>(ref: ObjectRef, patch: unknown, options: PatchOptions): Promise<T> {
    const path = (await this.objectPath(ref, ref.namespace, ref.name)) + (options.subresource ? `/${options.subresource}` : '');
    const contentType = PATCH_CONTENT_TYPES[options.type];
    return this.http.requestJson<T>({ method: 'PATCH', path, query: writeQuery(options), body: patch, contentType, signal: options.signal });
  }

  /** Server-side apply: the server merges `obj` as `fieldManager`'s intent and tracks ownership. */
  async apply<T extends KubeObject>(obj: KubeObject, options: ApplyOptions): Promise<T> {
    const path = (await this.objectPath(obj, obj.metadata.namespace, requireName(obj))) + (options.subresource ? `/${options.subresource}` : '');
    const query = { ...writeQuery(options), force: options.force ? true : undefined };
    return this.http.requestJson<T>({ method: 'PATCH', path, query, body: obj, contentType: 'application/apply-patch+yaml', signal: options.signal });
  }

  async delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<void> {
    const path = await this.objectPath(ref, ref.namespace, ref.name);
    const { signal, ...rest } = options;
    const body = Object.keys(rest).length ? { kind: 'DeleteOptions', apiVersion: 'v1', ...rest } : undefined;
    await this.http.request({ method: 'DELETE', path, body, signal });
  }

  /** Opens a watch; the iterator ends when the server closes the stream and throws when it breaks. */
  async watch<T extends KubeObject>(type: TypeRef, options: WatchOptions = {}): Promise<AsyncGenerator<WatchEvent<T>>> {
    const info = await this.discovery.resolve(type);
    const query: Record<string, QueryValue> = {
      watch: true,
      labelSelector: selectorText(options.labelSelector),
      fieldSelector: options.fieldSelector,
      resourceVersion: options.resourceVersion,
      allowWatchBookmarks: options.allowWatchBookmarks ? true : undefined,
      timeoutSeconds: options.timeoutSeconds,
    };
    const res = await this.http.stream({ method: 'GET', path: collectionPath(info, options.namespace), query, signal: options.signal });
    return readWatchEvents<T>(res);
  }

  /** Closes every connection of this client, open watches included. */
  close(): void {
    this.http.close();
  }

  private async objectPath(type: TypeRef, namespace: string | undefined, name: string): Promise<string> {
    const info = await this.discovery.resolve(type);
    return `${collectionPath(info, info.namespaced ? (namespace ?? this.defaultNamespace) : undefined)}/${encodeURIComponent(name)}`;
  }
}

function collectionPath(info: ResourceInfo, namespace: string | undefined): string {
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${groupVersionPath(info.apiVersion)}${ns}/${info.plural}`;
}

function requireName(obj: KubeObject): string {
  if (!obj.metadata.name) throw new TypeError(`a ${obj.kind} needs metadata.name here`);
  return obj.metadata.name;
}

function writeQuery(options: WriteOptions): Record<string, QueryValue> {
  return { fieldManager: options.fieldManager, dryRun: options.dryRun ? 'All' : undefined };
}
