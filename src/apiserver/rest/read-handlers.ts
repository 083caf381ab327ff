/**
 * GET of collections: list (with selectors, pagination and resourceVersion semantics) and
 * watch (newline-delimited events, each flushed as it happens). A watcher that stops
 * reading is cut off once its backlog passes a limit, so it never holds up writes or others.
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../api/meta.js';
import { errors, StatusError } from '../status.js';
import { jsonOf, TooOldResourceVersionError, type ObjectStore, type StoreEvent, type StoredEntry } from '../storage/object-store.js';
import { groupVersion, resourceKey, type ResourceType } from '../resource-type.js';
import { decodeContinue, encodeContinue, matchesQuery, type ListQuery } from './list-query.js';
import { tableOf } from './table-output.js';
import type { IncludeObject } from '../table/index.js';

export interface CollectionTarget {
  cluster: string;
  resource: ResourceType;
  version: string;
  /** undefined: all namespaces (or a cluster-scoped resource). */
  namespace: string | undefined;
  /** Answer in kubectl's Table form, with this much of each object. */
  table?: { includeObject: IncludeObject };
}

export interface WatchSettings {
  /** Bytes a watcher may fall behind before it is closed. */
  maxBacklogBytes: number;
  bookmarkIntervalMs: number;
}

const keyOf = (obj: KubeObject) => `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;

/** The object as the client asked for it: same data, the requested version's apiVersion. */
function serialise(entry: StoredEntry, apiVersion: string): string {
  if (entry.obj.apiVersion === apiVersion) return jsonOf(entry);
  return JSON.stringify({ ...entry.obj, apiVersion });
}

function checkResourceVersion(q: ListQuery, current: number): void {
  if (q.resourceVersion === undefined || q.resourceVersion === '' || q.resourceVersion === '0') return;
  const rv = Number(q.resourceVersion);
  if (!Number.isInteger(rv) || rv < 0) throw errors.badRequest(`invalid resource version: ${q.resourceVersion}`);
  if (rv > current) {
    throw new StatusError(504, 'Timeout', `Too large resource version: ${rv}, current: ${current}`, {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    });
  }
  if (q.resourceVersionMatch === 'Exact' && rv !== current) {
    throw errors.gone(`too old resource version: ${rv} (${current})`);
  }
}

export async function handleList(store: ObjectStore, t: CollectionTarget, q: ListQuery, res: ServerResponse): Promise<void> {
  await store.settled();
  const current = store.resourceVersion;
  checkResourceVersion(q, current);
  let listRv = current;
  let start = '';
  if (q.continueToken) {
    const token = decodeContinue(q.continueToken);
    listRv = token.rv;
    start = token.start;
  }
  const key = resourceKey(t.resource.group, t.resource.plural);
  // Each entry's key built once: building it in the sort's comparator was most of a list's cost.
  const keyed: Array<{ key: string; entry: StoredEntry }> = [];
  for (const entry of store.entries(t.cluster, key, t.namespace)) {
    if (!matchesQuery(entry.obj, q)) continue;
    const at = keyOf(entry.obj);
    if (!start || at > start) keyed.push({ key: at, entry });
  }
  keyed.sort((a, b) => (a.key < b.key ? -1 : 1));
  const matched = keyed.map((k) => k.entry);
  const page = q.limit !== undefined && matched.length > q.limit ? matched.slice(0, q.limit) : matched;
  const meta: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (page.length < matched.length) {
    meta.continue = encodeContinue({ rv: listRv, start: keyed[page.length - 1]!.key });
    if (!q.labels.length && !q.fields.length) meta.remainingItemCount = matched.length - page.length;
  }
  const apiVersion = groupVersion(t.resource.group, t.version);
  if (t.table) {
    const objects = page.map((e) => (e.obj.apiVersion === apiVersion ? e.obj : { ...e.obj, apiVersion }));
    const table = JSON.stringify(tableOf(t.resource, t.version, objects, { includeObject: t.table.includeObject, listMeta: meta }));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(table) });
    res.end(table);
    return;
  }
  const head = `{"kind":${JSON.stringify(t.resource.listKind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(meta)},"items":[`;
  const body = head + page.map((e) => serialise(e, apiVersion)).join(',') + ']}';
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** How one store event looks to a watcher with selectors, or undefined to skip it. */
function eventFor(event: StoreEvent, q: ListQuery): StoreEvent['type'] | undefined {
  const now = event.type !== 'DELETED' && matchesQuery(event.entry.obj, q);
  const before = event.prev !== undefined && matchesQuery(event.prev, q);
  if (event.type === 'DELETED') return before ? 'DELETED' : undefined;
  if (event.type === 'ADDED') return now ? 'ADDED' : undefined;
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  return before ? 'DELETED' : undefined;
}

export function handleWatch(store: ObjectStore, t: CollectionTarget, q: ListQuery, res: ServerResponse, settings: WatchSettings): void {
  const apiVersion = groupVersion(t.resource.group, t.version);
  const key = resourceKey(t.resource.group, t.resource.plural);
  const current = store.resourceVersion;
  checkResourceVersion({ ...q, resourceVersionMatch: undefined }, current);
  const fromStart = q.resourceVersion === undefined || q.resourceVersion === '' || q.resourceVersion === '0';
  const fromRv = fromStart ? current : Number(q.resourceVersion);

  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  let closed = false;
  const timers: Array<NodeJS.Timeout | undefined> = [undefined, undefined];
  let stop: (() => void) | undefined;
  const close = () => {
    if (closed) return;
    closed = true;
    stop?.();
    for (const timer of timers) clearTimeout(timer);
    res.end();
  };
  const send = (line: string) => {
    if (closed) return;
    if (res.writableLength > settings.maxBacklogBytes) {
      // A client this far behind would hold memory without bound: cut it off, it will relist.
      closed = true;
      stop?.();
      for (const timer of timers) clearTimeout(timer);
      res.destroy();
      return;
    }
    res.write(line + '\n');
  };
  let headersSent = false;
  const encode = (entry: StoredEntry): string => {
    if (!t.table) return serialise(entry, apiVersion);
    const obj = entry.obj.apiVersion === apiVersion ? entry.obj : { ...entry.obj, apiVersion };
    const table = tableOf(t.resource, t.version, [obj], { includeObject: t.table.includeObject, headers: !headersSent });
    headersSent = true;
    return JSON.stringify(table);
  };
  const bookmark = (annotations?: Record<string, string>) => {
    const metadata: Record<string, unknown> = { resourceVersion: String(store.resourceVersion) };
    if (annotations) metadata.annotations = annotations;
    send(JSON.stringify({ type: 'BOOKMARK', object: { kind: t.resource.kind, apiVersion, metadata } }));
  };

  if (fromStart && q.sendInitialEvents !== false) {
    for (const entry of store.entries(t.cluster, key, t.namespace)) {
      const rv = Number(entry.obj.metadata.resourceVersion);
      if (rv <= fromRv && matchesQuery(entry.obj, q)) send(`{"type":"ADDED","object":${encode(entry)}}`);
    }
    if (q.sendInitialEvents && q.allowWatchBookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  }
  try {
    stop = store.watch(t.cluster, key, t.namespace, fromRv, (event) => {
      const type = eventFor(event, q);
      if (type) send(`{"type":"${type}","object":${encode(event.entry)}}`);
    });
  } catch (err) {
    if (!(err instanceof TooOldResourceVersionError)) throw err;
    send(JSON.stringify({ type: 'ERROR', object: errors.gone(err.message).toStatus() }));
    close();
    return;
  }
  res.on('close', close);
  if (q.timeoutSeconds !== undefined) {
    // A last BOOKMARK as the watch times out (kube-apiserver sends one just before the deadline):
    // the client restarts from now, not from a periodic bookmark up to an interval old, which
    // a busy server's history may no longer reach.
    const expire = () => {
      if (q.allowWatchBookmarks) bookmark();
      close();
    };
    timers[0] = setTimeout(expire, q.timeoutSeconds * 1000);
  }
  if (q.allowWatchBookmarks) {
    const tick = () => {
      bookmark();
      timers[1] = setTimeout(tick, settings.bookmarkIntervalMs).unref();
    };
    timers[1] = setTimeout(tick, settings.bookmarkIntervalMs).unref();
  }
}
