/**
 * How a write moves field ownership between managers, shared by apply and update: fields the
 * write changed are taken from every other manager (for an apply, only when forced; else
 * they are conflicts), and fields it removed are no longer owned by anyone.
 */
import type { Conflict } from './conflict.js';
import { compareValues } from './compare.js';
import { formatFieldPath } from './field-path.js';
import { FieldSet } from './field-set.js';
import type { JsonValue } from './json-value.js';
import { trackedFields, type ManagerFields } from './managed-fields.js';
import type { TypeNode } from './type-info.js';

export interface FieldChanges {
  /** Fields added or given a new value. */
  changed: FieldSet;
  removed: FieldSet;
}

export function fieldChanges(before: JsonValue, after: JsonValue, node: TypeNode): FieldChanges {
  const c = compareValues(before, after, node);
  return { changed: trackedFields(c.added.union(c.modified)), removed: trackedFields(c.removed) };
}

/** Fields of `others` the change would overwrite, but for those `allowed` to be taken. */
export function findConflicts(others: readonly ManagerFields[], changes: FieldChanges, allowed?: FieldSet): Conflict[] {
  return others.flatMap((m) =>
    m.fields
      .intersection(changes.changed)
      .difference(allowed ?? new FieldSet())
      .paths()
      .map((path) => {
        const conflict: Conflict = {
          field: formatFieldPath(path),
          manager: m.manager,
          operation: m.operation,
          apiVersion: m.apiVersion,
        };
        if (m.subresource) conflict.subresource = m.subresource;
        return conflict;
      }),
  );
}

/** Others without the fields the change took over or removed. */
export function releaseFields(others: readonly ManagerFields[], changes: FieldChanges): ManagerFields[] {
  return others.map((m) => ({ ...m, fields: m.fields.difference(changes.changed).difference(changes.removed) }));
}

export function unionOf(managers: readonly ManagerFields[]): FieldSet {
  return managers.reduce((acc, m) => acc.union(m.fields), new FieldSet());
}
