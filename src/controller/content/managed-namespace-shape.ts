/**
 * Managed namespaces in their two shapes: fleet.yaml (src/bundle) lists role assignments as
 * `{role, users, groups}`, the Bundle spec (src/api) as one `{role, kind, name}` per subject,
 * and quantities in the spec may be numbers. A Bundle is written in the API's shape and read
 * back into the renderer's, so both conversions live here, next to each other.
 */
import type { ManagedNamespaceItem } from '../../api/bundle-options.js';
import type { RoleAssignment as ApiRoleAssignment } from '../../api/namespace-definition.js';
import type { ManagedNamespaceDefinition, RoleAssignment } from '../../bundle/index.js';

function toApiRoles(roles: readonly RoleAssignment[]): ApiRoleAssignment[] {
  return roles.flatMap((r) => [
    ...(r.users ?? []).map((name) => ({ role: r.role, kind: 'User' as const, name })),
    ...(r.groups ?? []).map((name) => ({ role: r.role, kind: 'Group' as const, name })),
  ]);
}

function fromApiRoles(roles: readonly ApiRoleAssignment[]): RoleAssignment[] {
  const byRole = new Map<string, RoleAssignment>();
  for (const r of roles) {
    const entry = byRole.get(r.role) ?? { role: r.role };
    byRole.set(r.role, entry);
    const list = r.kind === 'Group' ? (entry.groups ??= []) : (entry.users ??= []);
    list.push(r.name);
  }
  return [...byRole.values()];
}

/** fleet.yaml's definition as a Bundle spec item. */
export function toManagedNamespaceItem(def: ManagedNamespaceDefinition): ManagedNamespaceItem {
  const { roleAssignments, ...rest } = structuredClone(def);
  return { ...rest, ...(roleAssignments ? { roleAssignments: toApiRoles(roleAssignments) } : {}) };
}

function quantities<T extends object>(q: T | undefined): Record<string, string> | undefined {
  if (q === undefined) return undefined;
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)]));
}

/** A Bundle spec item as the renderer takes it. */
export function toManagedNamespaceDefinition(item: ManagedNamespaceItem): ManagedNamespaceDefinition {
  const { roleAssignments, resourceQuota, ...rest } = structuredClone(item);
  return {
    ...rest,
    ...(resourceQuota ? { resourceQuota: quantities(resourceQuota) } : {}),
    ...(roleAssignments ? { roleAssignments: fromApiRoles(roleAssignments) } : {}),
  };
}
