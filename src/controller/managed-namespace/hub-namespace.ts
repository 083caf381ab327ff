/**
 * The hub's own copy of a managed namespace, as Fleet Manager keeps one: the Namespace with
 * the definition's labels, annotations and ownership label, and its RoleBindings, rendered
 * by the same function members get. A ClusterRoleBinding is never made on the hub: a
 * ClusterAdmin assignment is about member clusters, not the hub that governs them.
 * Whether the hub may take the namespace follows the adoption policy, as on a member; on
 * removal the delete policy decides between releasing it and deleting it.
 */
import type { KubeObject } from '../../api/meta.js';
import { LABELS } from '../../api/names.js';
import { renderManagedNamespace, type ManagedNamespaceDefinition } from '../../bundle/index.js';

/** The ownership label value, `<workspace>.<name>`, as src/bundle's renderer gives it. */
export function managedNamespaceOwner(workspace: string, name: string): string {
  return `${workspace}.${name}`;
}

export function hubNamespaceObjects(definition: ManagedNamespaceDefinition, workspace: string): KubeObject[] {
  const owner = managedNamespaceOwner(workspace, definition.name);
  return renderManagedNamespace(definition, { owner }).filter((o) => o.kind === 'Namespace' || o.kind === 'RoleBinding');
}

export type HubTakeover = { take: true } | { take: false; reason: 'ManagedByOther' | 'AdoptionNever'; message: string };

/** Whether the hub's namespace of that name may be written for this owner. */
export function hubTakeover(live: KubeObject | undefined, definition: ManagedNamespaceDefinition, owner: string): HubTakeover {
  if (!live) return { take: true };
  const liveOwner = live.metadata.labels?.[LABELS.managedNamespace];
  if (liveOwner === owner) return { take: true };
  const name = definition.name;
  if (liveOwner !== undefined) {
    return { take: false, reason: 'ManagedByOther', message: `the hub's namespace ${name} is managed by another managed namespace (${liveOwner})` };
  }
  if ((definition.adoptionPolicy ?? 'Never') === 'Never') {
    return { take: false, reason: 'AdoptionNever', message: `the hub already has a namespace ${name} that Flotilla does not manage; adoptionPolicy Never refuses to adopt it` };
  }
  return { take: true };
}

export type HubRemoval = { action: 'none' } | { action: 'delete' } | { action: 'release' };

/** What removing the definition does to the hub's namespace: never anything to one another owner manages. */
export function hubRemoval(live: KubeObject | undefined, owner: string, deletePolicy: string | undefined): HubRemoval {
  if (!live || live.metadata.labels?.[LABELS.managedNamespace] !== owner) return { action: 'none' };
  return deletePolicy === 'Delete' ? { action: 'delete' } : { action: 'release' };
}
