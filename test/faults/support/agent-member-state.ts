/**
 * What a member holds, in a form a case can compare before and after a fault: each object's
 * uid (a deleted and re-created object gets a new one) and resourceVersion (any write
 * changes it), by name. Equal snapshots mean nothing was deleted and nothing changed; a
 * server's write count (writesOf) says whether anything was applied again all the same.
 */
import type { KubeObject } from '../../../src/api/meta.js';
import { parseRequestMetrics, type RequestCounts } from '../../../src/apiserver/request-metrics.js';
import type { ObjectClient } from '../../../src/kube/object-client.js';

export interface MemberObjectState {
  uid: string;
  resourceVersion: string;
  data: unknown;
}

export type MemberSnapshot = Record<string, MemberObjectState>;

/** The objects of one kind in one namespace (optionally selected by label), by name. */
export async function memberSnapshot(client: ObjectClient, type: { apiVersion: string; kind: string; namespace: string; labelSelector?: string }): Promise<MemberSnapshot> {
  const { items } = await client.listAll<KubeObject>({ apiVersion: type.apiVersion, kind: type.kind }, { namespace: type.namespace, ...(type.labelSelector ? { labelSelector: type.labelSelector } : {}) });
  const snapshot: MemberSnapshot = {};
  for (const item of items) {
    snapshot[item.metadata.name ?? ''] = { uid: item.metadata.uid ?? '', resourceVersion: item.metadata.resourceVersion ?? '', data: item.data ?? item.spec };
  }
  return snapshot;
}

/** `count` ConfigMaps `<prefix>-<i>` as one YAML stream, each with `value`. */
export function configMapsYaml(prefix: string, count: number, value: string): string {
  return Array.from({ length: count }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${prefix}-${i}\ndata:\n  value: "${value}"\n`).join('---\n');
}

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

/** Writes a server has received so far (its request counts: create, update, patch, delete), dry runs included. */
export function writesOf(counts: RequestCounts): number {
  return Object.entries(counts.byVerb).reduce((sum, [verb, n]) => sum + (WRITE_VERBS.has(verb) ? n : 0), 0);
}

export interface ValueHistory {
  /** Every `data.value` the object held, in order, from when recording began. */
  values(): string[];
  stop(): void;
}

/** Records each value one ConfigMap takes on the member (a watch from now), to prove it never went back. */
export async function recordConfigMapValues(client: ObjectClient, ref: { namespace: string; name: string }): Promise<ValueHistory> {
  const controller = new AbortController();
  const current = await client.get<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', ...ref });
  const seen: string[] = [String((current.data as Record<string, string> | undefined)?.value)];
  const events = await client.watch<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: ref.namespace, fieldSelector: `metadata.name=${ref.name}`, resourceVersion: current.metadata.resourceVersion, signal: controller.signal });
  void (async () => {
    try {
      for await (const event of events) {
        if (event.type === 'ADDED' || event.type === 'MODIFIED') seen.push(String((event.object.data as Record<string, string> | undefined)?.value));
      }
    } catch {
      // Stopped.
    }
  })();
  return { values: () => [...seen], stop: () => controller.abort() };
}

export interface MemberEventLog {
  /** Name → uid of every object added since recording began. */
  readonly added: Map<string, string>;
  /** Names of objects deleted since recording began. */
  readonly deleted: string[];
  stop(): void;
}

/** Records the adds and deletes of one kind in one namespace on the member, from now on (a watch). */
export async function recordMemberEvents(client: ObjectClient, type: { apiVersion: string; kind: string; namespace: string }): Promise<MemberEventLog> {
  const controller = new AbortController();
  const { resourceVersion } = (await client.list({ apiVersion: type.apiVersion, kind: type.kind }, { namespace: type.namespace, limit: 1 })).metadata;
  const events = await client.watch<KubeObject>({ apiVersion: type.apiVersion, kind: type.kind }, { namespace: type.namespace, resourceVersion, signal: controller.signal });
  const log = { added: new Map<string, string>(), deleted: [] as string[], stop: () => controller.abort() };
  void (async () => {
    try {
      for await (const event of events) {
        if (event.type === 'ADDED') log.added.set(event.object.metadata.name ?? '', event.object.metadata.uid ?? '');
        if (event.type === 'DELETED') log.deleted.push(event.object.metadata.name ?? '');
      }
    } catch {
      // Stopped.
    }
  })();
  return log;
}

/** A server's request counts as its `/metrics` endpoint reports them (for a server in another process). */
export async function scrapeRequestCounts(client: ObjectClient): Promise<RequestCounts> {
  const { body } = await client.http.request({ method: 'GET', path: '/metrics' });
  return parseRequestMetrics(body);
}
