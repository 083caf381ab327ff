/**
 * Apply conflicts: a field another manager owns whose value the apply would change. Worded
 * and shaped as Kubernetes reports them, a 409 Conflict whose causes name each field.
 */
import { StatusError, type StatusCause } from '../status.js';
import type { ManagedOperation } from './managed-fields.js';

export interface Conflict {
  /** The field as Kubernetes prints it: `.spec.replicas`, `.data.key`. */
  field: string;
  manager: string;
  operation: ManagedOperation;
  apiVersion: string;
  subresource?: string;
}

/** `"kubectl"` for an applier; `"kube-controller-manager" using apps/v1` for an updater. */
export function describeManager(c: Omit<Conflict, 'field'>): string {
  let text = JSON.stringify(c.manager);
  if (c.subresource) text += ` with subresource ${JSON.stringify(c.subresource)}`;
  if (c.operation === 'Update') text += ` using ${c.apiVersion}`;
  return text;
}

export function conflictMessage(conflicts: readonly Conflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only) {
    return `Apply failed with 1 conflict: conflict with ${describeManager(only)}: ${only.field}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const who = describeManager(c);
    byManager.set(who, [...(byManager.get(who) ?? []), c.field]);
  }
  const lines = [...byManager.keys()].sort().flatMap((who) => [
    `conflicts with ${who}:`,
    ...(byManager.get(who) ?? []).map((field) => `- ${field}`),
  ]);
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** The 409 a client receives; `details.causes` name every field and its manager. */
export function conflictError(conflicts: readonly Conflict[]): StatusError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${describeManager(c)}`,
    field: c.field,
  }));
  return new StatusError(409, 'Conflict', conflictMessage(conflicts), { causes });
}
