/**
 * Field ownership for ordinary writes (create, update, and patches other than apply): the
 * writing manager gains every field the write added or changed, taking it from whoever
 * owned it (updates never conflict), and removed fields leave every manager's set.
 */
import type { KubeObject } from '../../api/meta.js';
import {
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  isManagedFieldsReset,
  managerIdentity,
  setManagedFields,
  withoutManagedFieldsView,
  type ManagerFields,
} from './managed-fields.js';
import type { JsonObject } from './json-value.js';
import { capUpdateManagers } from './cap-update-managers.js';
import { fieldChanges, releaseFields } from './ownership.js';
import { emptyObject, type TypeInfo } from './type-info.js';

export interface RecordUpdateOptions {
  /** The stored object before the write; undefined for a create. */
  old: KubeObject | undefined;
  /** The object about to be stored. */
  updated: KubeObject;
  /** The `fieldManager` query parameter, or the name derived from the User-Agent. */
  manager: string;
  operation?: 'Update';
  subresource?: string;
  apiVersion: string;
  now: Date;
  typeInfo: TypeInfo;
}

/**
 * The updated object with its managedFields brought up to date. The result has its own
 * top level and metadata but shares everything else with `updated`.
 */
export function recordUpdate(options: RecordUpdateOptions): KubeObject {
  // A create compares with the empty object of the kind, as Kubernetes does.
  const before = options.old ? withoutManagedFieldsView(options.old) : emptyObject(options.typeInfo.root);
  const after = withoutManagedFieldsView(options.updated);
  const changes = fieldChanges(before, after, options.typeInfo.root);
  const self = { manager: options.manager, operation: 'Update' as const, apiVersion: options.apiVersion, subresource: options.subresource };
  const selfId = managerIdentity(self);
  const managers = releaseFields(startingManagers(options), { changed: changes.changed, removed: changes.removed });
  if (changes.changed.isEmpty()) return setManagedFields(after, encodeManagedFields(managers));

  const previous = managers.find((m) => managerIdentity(m) === selfId);
  const mine: ManagerFields = {
    manager: options.manager,
    operation: 'Update',
    apiVersion: options.apiVersion,
    time: formatTime(options.now),
    fields: (previous?.fields ?? changes.changed).union(changes.changed),
  };
  if (options.subresource) mine.subresource = options.subresource;
  return setManagedFields(after as JsonObject, encodeManagedFields(capUpdateManagers([...managers.filter((m) => m !== previous), mine])));
}

/**
 * The managers before this write: those the client sent if it sent any (`[{}]` clears
 * them), else those stored, as Kubernetes lets a client reset managedFields on update.
 */
function startingManagers(options: RecordUpdateOptions): ManagerFields[] {
  const sent = options.updated.metadata.managedFields;
  if (isManagedFieldsReset(sent)) return [];
  if (sent && sent.length > 0) return decodeManagedFields(sent);
  return decodeManagedFields(options.old?.metadata.managedFields);
}
