/**
 * `metadata.managedFields` read into per-manager field sets and written back as Kubernetes
 * writes them: one entry per manager identity, empty entries dropped, entries sorted
 * (Apply before Update, then by time, manager, apiVersion, subresource), each entry's keys in
 * the order of Kubernetes' ManagedFieldsEntry, and only tracked fields recorded.
 */
import type { KubeObject, ManagedFieldsEntry } from '../../api/meta.js';
import { fieldElement, type PathElement } from './field-path.js';
import { FieldSet } from './field-set.js';
import { cloneJson, isJsonObject, type JsonObject } from './json-value.js';

export type ManagedOperation = 'Apply' | 'Update';

export interface ManagerFields {
  manager: string;
  operation: ManagedOperation;
  apiVersion: string;
  subresource?: string;
  time?: string;
  fields: FieldSet;
}

/** Metadata fields that server-side apply tracks; name, namespace and the rest are not. */
const TRACKED_METADATA = ['labels', 'annotations', 'finalizers', 'ownerReferences'].map(fieldElement);
const UNTRACKED_ROOT = [fieldElement('apiVersion'), fieldElement('kind')];

const METADATA = fieldElement('metadata');

/**
 * The set without the fields Kubernetes never records as owned. Built from the set's nodes
 * (sharing its subtrees), not from a list of every path, since every write computes it.
 */
export function trackedFields(set: FieldSet): FieldSet {
  const members: PathElement[] = [];
  const children = new Map<PathElement, FieldSet>();
  for (const e of set.unorderedElements()) {
    if (UNTRACKED_ROOT.includes(e)) continue;
    // Of metadata only some fields are tracked, and metadata itself never is.
    const child = e === METADATA ? onlyElements(set.child(e), TRACKED_METADATA) : set.child(e);
    if (e !== METADATA && set.hasMember(e)) members.push(e);
    if (child && !child.isEmpty()) children.set(e, child);
  }
  return FieldSet.fromParts(members, children);
}

function onlyElements(set: FieldSet | undefined, elements: readonly PathElement[]): FieldSet | undefined {
  if (!set) return undefined;
  const children = new Map<PathElement, FieldSet>();
  for (const e of elements) {
    const child = set.child(e);
    if (child) children.set(e, child);
  }
  return FieldSet.fromParts(
    elements.filter((e) => set.hasMember(e)),
    children,
  );
}

/**
 * The key under which a manager's fields are kept. An applier keeps one entry whatever
 * apiVersion it applies with; an updater has one per apiVersion.
 */
export function managerIdentity(m: Pick<ManagerFields, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const apiVersion = m.operation === 'Apply' ? '' : m.apiVersion;
  return JSON.stringify([m.manager, m.operation, apiVersion, m.subresource ?? '']);
}

/** Reads entries; entries with the same identity are merged, keeping the latest time. */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): ManagerFields[] {
  const byIdentity = new Map<string, ManagerFields>();
  for (const entry of entries ?? []) {
    const decoded: ManagerFields = {
      manager: entry.manager ?? '',
      operation: entry.operation ?? 'Update',
      apiVersion: entry.apiVersion ?? '',
      fields: FieldSet.fromFieldsV1(entry.fieldsV1),
    };
    if (entry.subresource) decoded.subresource = entry.subresource;
    if (entry.time) decoded.time = entry.time;
    const id = managerIdentity(decoded);
    const seen = byIdentity.get(id);
    byIdentity.set(id, seen ? mergeEntries(seen, decoded) : decoded);
  }
  return [...byIdentity.values()];
}

function mergeEntries(a: ManagerFields, b: ManagerFields): ManagerFields {
  const later = (b.time ?? '') > (a.time ?? '') ? b : a;
  return { ...later, fields: a.fields.union(b.fields) };
}

/** Entries as Kubernetes writes them; undefined when no manager owns anything. */
export function encodeManagedFields(managers: readonly ManagerFields[]): ManagedFieldsEntry[] | undefined {
  const entries = managers
    .filter((m) => !m.fields.isEmpty())
    .sort(compareManagers)
    .map((m) => {
      const entry: ManagedFieldsEntry = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion };
      if (m.time) entry.time = m.time;
      entry.fieldsType = 'FieldsV1';
      entry.fieldsV1 = m.fields.toFieldsV1();
      if (m.subresource) entry.subresource = m.subresource;
      return entry;
    });
  return entries.length ? entries : undefined;
}

function compareManagers(p: ManagerFields, q: ManagerFields): number {
  const keys = (m: ManagerFields): string[] => [m.operation, m.time ?? '', m.manager, m.apiVersion, m.subresource ?? ''];
  const a = keys(p);
  const b = keys(q);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
  }
  return 0;
}

/** Kubernetes' timestamp form: RFC 3339 in UTC, whole seconds. */
export function formatTime(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `[{}]` is Kubernetes' way for a client to clear managedFields. */
export function isManagedFieldsReset(entries: readonly ManagedFieldsEntry[] | undefined): boolean {
  return !!entries && entries.length > 0 && entries.every((e) => Object.keys(e).length === 0);
}

/** A copy of the object's content without managedFields, which no patch may touch. */
export function withoutManagedFields(object: KubeObject): JsonObject {
  const copy = cloneJson(object as unknown as JsonObject);
  const metadata = copy['metadata'];
  if (isJsonObject(metadata)) delete metadata['managedFields'];
  return copy;
}

/**
 * The object without managedFields, sharing everything but the top level and metadata with
 * it: for reading (comparing versions), never for changing below metadata. A deep copy of
 * both versions on every write was a tenth of a hub's write cost.
 */
export function withoutManagedFieldsView(object: KubeObject): JsonObject {
  const view = { ...(object as unknown as JsonObject) };
  const metadata = view['metadata'];
  if (isJsonObject(metadata) && 'managedFields' in metadata) {
    const { managedFields: _dropped, ...rest } = metadata;
    view['metadata'] = rest;
  } else if (isJsonObject(metadata)) view['metadata'] = { ...metadata };
  return view;
}

export function setManagedFields(object: JsonObject, entries: ManagedFieldsEntry[] | undefined): KubeObject {
  const metadata: JsonObject = isJsonObject(object['metadata']) ? object['metadata'] : {};
  delete metadata['managedFields'];
  if (entries) metadata['managedFields'] = entries as unknown as JsonObject[];
  return { ...object, metadata } as unknown as KubeObject;
}
