/**
 * A bound on managedFields growth: when more than ten managers have recorded updates, the
 * oldest are folded, per apiVersion, into one `ancient-changes` entry, as Kubernetes does,
 * so tools that each touch an object once do not make it grow without end.
 */
import { managerIdentity, type ManagerFields } from './managed-fields.js';

export const MAX_UPDATE_MANAGERS = 10;
export const ANCIENT_CHANGES = 'ancient-changes';

export function capUpdateManagers(managers: readonly ManagerFields[], max = MAX_UPDATE_MANAGERS): ManagerFields[] {
  const updaters = managers.filter((m) => m.operation === 'Update' && !m.fields.isEmpty());
  if (updaters.length <= max) return [...managers];
  const oldestFirst = [...updaters].sort(
    (a, b) => seconds(a.time) - seconds(b.time) || (managerIdentity(a) < managerIdentity(b) ? -1 : 1),
  );
  const result = new Map(managers.map((m) => [managerIdentity(m), m]));
  const firstByVersion = new Map<string, string>();
  let count = updaters.length;
  for (const m of oldestFirst) {
    if (count <= max) break;
    const first = firstByVersion.get(m.apiVersion);
    if (first === undefined) {
      firstByVersion.set(m.apiVersion, managerIdentity(m));
      continue;
    }
    const bucketId = managerIdentity({ manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: m.apiVersion });
    const bucket = result.get(bucketId) ?? (result.get(first) as ManagerFields);
    result.delete(first);
    result.delete(managerIdentity(m));
    // The bucket takes the time of the newer update folded into it.
    const merged: ManagerFields = { manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: m.apiVersion, fields: bucket.fields.union(m.fields) };
    if (m.time) merged.time = m.time;
    result.set(bucketId, merged);
    count--;
  }
  return [...result.values()];
}

function seconds(time: string | undefined): number {
  return time ? Math.floor(Date.parse(time) / 1000) : 0;
}
