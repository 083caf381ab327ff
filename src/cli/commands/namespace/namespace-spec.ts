/**
 * The ManagedNamespace spec a CLI command writes, as pure functions of the stored spec and
 * the flags' changes, checked against the same validation the controller applies before
 * anything is written:
 * - `create` is the whole new definition (as `az fleet namespace create` upserts): what no
 *   flag gives is reset to its default; role assignments, managed by their own commands, stay;
 * - `update` changes only what the flags give; a map or member list given replaces the old;
 * - `role-assignment create|delete` add or remove one role for one user or group.
 */
import {
  DEFAULT_ADOPTION_POLICY,
  DEFAULT_DELETE_POLICY,
  NAMESPACE_ROLES,
  type NamespaceRole,
  type RoleAssignment,
  type RoleSubjectKind,
} from '../../../api/namespace-definition.js';
import type { ManagedNamespaceSpec } from '../../../api/managed-namespace.js';
import { validateManagedNamespace } from '../../../bundle/index.js';
import { definitionInput } from '../../../controller/managed-namespace/index.js';
import { ArgumentError } from '../../output/label-arguments.js';
import { enumFlag, type DefinitionChanges } from './namespace-flags.js';

const FLAG_OF_PATH: Readonly<Record<string, string>> = {
  name: 'NAME',
  'resourceQuota.cpuRequests': '--cpu-requests',
  'resourceQuota.cpuLimits': '--cpu-limits',
  'resourceQuota.memoryRequests': '--memory-requests',
  'resourceQuota.memoryLimits': '--memory-limits',
  'networkPolicy.ingress': '--ingress-policy',
  'networkPolicy.egress': '--egress-policy',
  adoptionPolicy: '--adoption-policy',
  deletePolicy: '--delete-policy',
};

function flagOf(path: ReadonlyArray<string | number>): string {
  const joined = path.join('.');
  if (FLAG_OF_PATH[joined]) return FLAG_OF_PATH[joined];
  if (path[0] === 'labels') return '--labels';
  if (path[0] === 'annotations') return '--annotations';
  if (path[0] === 'roleAssignments') return 'role assignment';
  return joined;
}

/** Throws an ArgumentError naming the flag of each problem, when the definition would not be accepted. */
export function checkDefinition(name: string, spec: ManagedNamespaceSpec): void {
  const { issues } = validateManagedNamespace(definitionInput(name, spec));
  if (issues.length === 0) return;
  throw new ArgumentError(issues.map((i) => `${flagOf(i.path)}: ${i.message}`).join('\n'));
}

export function createSpec(changes: DefinitionChanges, stored: ManagedNamespaceSpec | undefined): ManagedNamespaceSpec {
  return {
    ...structuredClone(changes),
    adoptionPolicy: changes.adoptionPolicy ?? DEFAULT_ADOPTION_POLICY,
    deletePolicy: changes.deletePolicy ?? DEFAULT_DELETE_POLICY,
    ...(stored?.roleAssignments ? { roleAssignments: structuredClone(stored.roleAssignments) } : {}),
  };
}

export function updateSpec(stored: ManagedNamespaceSpec, changes: DefinitionChanges): ManagedNamespaceSpec {
  const next: ManagedNamespaceSpec = { ...structuredClone(stored), ...structuredClone(changes) };
  if (changes.resourceQuota) next.resourceQuota = { ...stored.resourceQuota, ...changes.resourceQuota };
  if (changes.networkPolicy) next.networkPolicy = { ...stored.networkPolicy, ...changes.networkPolicy };
  if (changes.memberClusterNames) {
    delete next.clusterSelector;
    delete next.clusterGroup;
  }
  return next;
}

export interface RoleSubject {
  role: NamespaceRole;
  kind: RoleSubjectKind;
  name: string;
}

/** `--role` and exactly one of `--user` / `--group`. */
export function roleSubject(flags: { role: string; user?: string; group?: string }): RoleSubject {
  const role = enumFlag('--role', flags.role, NAMESPACE_ROLES);
  if ((flags.user === undefined) === (flags.group === undefined)) throw new ArgumentError('give exactly one of --user or --group');
  return flags.user !== undefined ? { role, kind: 'User', name: flags.user } : { role, kind: 'Group', name: flags.group ?? '' };
}

const same = (a: RoleAssignment, b: RoleSubject) => a.role === b.role && a.kind === b.kind && a.name === b.name;

/** The spec with the assignment added; unchanged (`added: false`) when it is already there. */
export function addRoleAssignment(stored: ManagedNamespaceSpec, subject: RoleSubject): { spec: ManagedNamespaceSpec; changed: boolean } {
  const list = stored.roleAssignments ?? [];
  if (list.some((a) => same(a, subject))) return { spec: stored, changed: false };
  return { spec: { ...structuredClone(stored), roleAssignments: [...structuredClone(list), { ...subject }] }, changed: true };
}

export function removeRoleAssignment(stored: ManagedNamespaceSpec, subject: RoleSubject): { spec: ManagedNamespaceSpec; changed: boolean } {
  const list = stored.roleAssignments ?? [];
  const kept = list.filter((a) => !same(a, subject));
  if (kept.length === list.length) return { spec: stored, changed: false };
  const spec = structuredClone(stored);
  if (kept.length > 0) spec.roleAssignments = structuredClone(kept);
  else delete spec.roleAssignments;
  return { spec, changed: true };
}
