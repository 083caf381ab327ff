/**
 * Server-side apply (`application/apply-patch+yaml`) as a pure function: merge the applied
 * configuration into the live object, remove what the manager stopped applying and nobody
 * else owns, refuse (or, forced, take over) fields other managers own with another value,
 * and record the manager's fields in `metadata.managedFields`.
 */
import type { KubeObject } from '../../api/meta.js';
import type { Conflict } from './conflict.js';
import { fieldSetOf } from './field-set-of.js';
import { isJsonObject, jsonEqual, type JsonObject } from './json-value.js';
import {
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  managerIdentity,
  setManagedFields,
  trackedFields,
  withoutManagedFields,
  type ManagerFields,
} from './managed-fields.js';
import { mergeApplied } from './merge-applied.js';
import { fieldChanges, findConflicts, releaseFields, unionOf } from './ownership.js';
import { malformed } from './patch-error.js';
import { pruneDropped } from './prune.js';
import { capUpdateManagers } from './cap-update-managers.js';
import { ignoredFieldSet, withoutIgnoredValues, type IgnoredFields } from './ignored-fields.js';
import type { TypeInfo, TypeNode } from './type-info.js';
import type { FieldSet } from './field-set.js';
import { fieldsStillAsLastApplied, MIGRATING_MANAGER, syncLastApplied } from './last-applied.js';

export interface ApplyOptions {
  /** The stored object, or undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The applied configuration, parsed from the request body. */
  applied: unknown;
  /** The `fieldManager` query parameter (required for apply). */
  manager: string;
  /** The `force` query parameter: take over conflicting fields instead of failing. */
  force?: boolean;
  /** The apiVersion the request was made with. */
  apiVersion: string;
  subresource?: string;
  now: Date;
  typeInfo: TypeInfo;
  /**
   * Fields this request may not change, e.g. `[['status']]` for the main resource of a kind
   * with a status subresource: their applied values are dropped, and their ownership is
   * neither taken nor pruned.
   */
  ignoredFields?: IgnoredFields;
}

export type ApplyResult =
  | { ok: true; object: KubeObject; changed: boolean }
  | { ok: false; conflicts: Conflict[] };

/** Whoever wrote an object that has no managedFields owns its fields under this name. */
export const BEFORE_FIRST_APPLY = 'before-first-apply';

export function apply(options: ApplyOptions): ApplyResult {
  const ignored = ignoredFieldSet(options.ignoredFields ?? []);
  const applied = withoutIgnoredValues(checkApplied(options.applied), options.ignoredFields ?? []);
  const root = options.typeInfo.root;
  const live = options.live ? withoutManagedFields(options.live) : undefined;
  const managers = existingManagers(options, live);
  const self = { manager: options.manager, operation: 'Apply' as const, apiVersion: options.apiVersion, subresource: options.subresource };
  const selfId = managerIdentity(self);
  const previous = managers.find((m) => managerIdentity(m) === selfId);
  const others = managers.filter((m) => m !== previous);

  const appliedFields = trackedFields(fieldSetOf(applied, root));
  const merged = mergeApplied(live ?? {}, applied, root) as JsonObject;
  if (previous) {
    const last = previous.fields.withoutSubtreesOf(ignored);
    pruneDropped(merged, { last, applied: appliedFields, others: unionOf(others) }, root);
  }

  const changes = fieldChanges(live ?? {}, merged, root);
  if (!options.force) {
    const conflicts = findConflicts(others, changes, migratable(options.manager, live, root));
    if (conflicts.length > 0) return { ok: false, conflicts };
  }
  if (options.manager === MIGRATING_MANAGER) syncLastApplied(merged, live, applied);

  const changed = !jsonEqual(live ?? {}, merged);
  const mine = applierEntry(self, appliedFields, previous, { changed, now: options.now });
  const object = setManagedFields(merged, encodeManagedFields(capUpdateManagers([...releaseFields(others, changes), mine])));
  return { ok: true, object, changed };
}

/** The applier's entry: what it applies now; its time moves unless the apply was a no-op. */
function applierEntry(
  self: Omit<ManagerFields, 'fields'>,
  fields: FieldSet,
  previous: ManagerFields | undefined,
  opts: { changed: boolean; now: Date },
): ManagerFields {
  const mine: ManagerFields = { ...self, fields };
  if (!self.subresource) delete mine.subresource;
  // A no-op apply keeps its time, as Kubernetes keeps timestamps when nothing else changed.
  const same = previous !== undefined && !opts.changed && jsonEqual(previous.fields.toFieldsV1(), fields.toFieldsV1());
  const time = same ? previous.time : formatTime(opts.now);
  if (time) mine.time = time;
  return mine;
}

/** What kubectl may take over from its own client-side apply without a conflict. */
function migratable(manager: string, live: JsonObject | undefined, root: TypeNode): FieldSet | undefined {
  return manager === MIGRATING_MANAGER && live ? fieldsStillAsLastApplied(live, root) : undefined;
}

function checkApplied(applied: unknown): JsonObject {
  if (!isJsonObject(applied)) throw malformed('the applied configuration must be an object');
  const metadata = applied['metadata'];
  if (isJsonObject(metadata) && metadata['managedFields'] !== undefined && metadata['managedFields'] !== null) {
    throw malformed('metadata.managedFields must be nil');
  }
  return applied;
}

function existingManagers(options: ApplyOptions, live: JsonObject | undefined): ManagerFields[] {
  const decoded = decodeManagedFields(options.live?.metadata.managedFields);
  if (!live || decoded.length > 0) return decoded;
  // An object written without field tracking: its fields belong to whoever wrote it, so an
  // applier changing them meets a conflict instead of silently taking them over.
  const fields = trackedFields(fieldSetOf(live, options.typeInfo.root));
  const apiVersion = typeof live['apiVersion'] === 'string' ? live['apiVersion'] : options.apiVersion;
  return [{ manager: BEFORE_FIRST_APPLY, operation: 'Update', apiVersion, time: formatTime(options.now), fields }];
}
