/**
 * Whether a ManagedNamespace (or a fleet.yaml item mirrored as one) may be rendered, decided
 * before anything is written: the definition must pass src/bundle's validation (names,
 * reserved names, quantities, requests not above limits, enums) and a ClusterAdmin role
 * assignment needs a GitRepoRestriction of the workspace that allows it, because it grants
 * a whole member cluster. Pure: the restrictions are passed in.
 */
import type { GitRepoRestrictionFields } from '../../api/git-repo-restriction.js';
import type { ManagedNamespaceSpec } from '../../api/managed-namespace.js';
import { validateManagedNamespace, type ManagedNamespaceDefinition } from '../../bundle/index.js';
import { toManagedNamespaceDefinition } from '../content/index.js';

/** Why a definition was not accepted; the reasons of the `Accepted` condition. */
export type RefusalReason = 'InvalidDefinition' | 'ClusterAdminNotAllowed';

export type Acceptance =
  | { accepted: true; definition: ManagedNamespaceDefinition }
  | { accepted: false; reason: RefusalReason; message: string };

export interface AcceptInput {
  name: string;
  spec: ManagedNamespaceSpec;
  /** The GitRepoRestrictions of the ManagedNamespace's workspace. */
  restrictions: readonly GitRepoRestrictionFields[];
}

/** The definition fields of a spec, without placement, in the renderer's shape. */
export function definitionInput(name: string, spec: ManagedNamespaceSpec): ManagedNamespaceDefinition {
  const { memberClusterNames: _members, clusterSelector: _selector, clusterGroup: _group, ...definition } = spec;
  return toManagedNamespaceDefinition({ ...definition, name });
}

/** True when some restriction of the workspace sets `allowClusterAdminRoleAssignments: true`. */
export function clusterAdminAllowed(restrictions: readonly GitRepoRestrictionFields[]): boolean {
  return restrictions.some((r) => r.allowClusterAdminRoleAssignments === true);
}

function grantsClusterAdmin(definition: ManagedNamespaceDefinition): boolean {
  return (definition.roleAssignments ?? []).some((a) => a.role === 'ClusterAdmin');
}

export function acceptDefinition(input: AcceptInput): Acceptance {
  const validation = validateManagedNamespace(definitionInput(input.name, input.spec));
  if (!validation.definition) {
    const message = validation.issues.map((i) => `${i.path.join('.') || 'spec'}: ${i.message}`).join('; ');
    return { accepted: false, reason: 'InvalidDefinition', message };
  }
  if (grantsClusterAdmin(validation.definition) && !clusterAdminAllowed(input.restrictions)) {
    return {
      accepted: false,
      reason: 'ClusterAdminNotAllowed',
      message: 'a ClusterAdmin role assignment grants the whole member cluster; it needs a GitRepoRestriction of the workspace with allowClusterAdminRoleAssignments: true',
    };
  }
  return { accepted: true, definition: validation.definition };
}
