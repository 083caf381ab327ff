/**
 * Writes and removes the hub's copy of a managed namespace (see hub-namespace.ts for what it
 * is): server-side apply of the Namespace and its RoleBindings as `flotilla-controller`,
 * deletion of RoleBindings the definition no longer has, and on removal either releasing
 * the namespace (ownership label, policy annotations and role bindings removed; the
 * namespace and the rest stay) or deleting it.
 */
import type { KubeObject } from '../../api/meta.js';
import { ANNOTATIONS, LABELS } from '../../api/names.js';
import type { ManagedNamespaceDefinition } from '../../bundle/index.js';
import { isNotFound } from '../../kube/api-error.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { FIELD_MANAGER } from '../field-manager.js';
import { hubNamespaceObjects, hubRemoval, hubTakeover, managedNamespaceOwner } from './hub-namespace.js';

const RBAC = 'rbac.authorization.k8s.io/v1';

export interface HubProblem {
  reason: string;
  message: string;
}

async function getOrUndefined(client: ObjectClient, ref: { apiVersion: string; kind: string; name: string; namespace?: string }, signal?: AbortSignal): Promise<KubeObject | undefined> {
  try {
    return await client.get<KubeObject>(ref, { signal });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

async function ownedRoleBindings(client: ObjectClient, namespace: string, owner: string, signal?: AbortSignal): Promise<KubeObject[]> {
  const list = await client.listAll<KubeObject>({ apiVersion: RBAC, kind: 'RoleBinding' }, { namespace, labelSelector: `${LABELS.managedNamespace}=${owner}`, signal });
  return list.items;
}

async function deleteIgnoringGone(client: ObjectClient, obj: KubeObject, signal?: AbortSignal): Promise<void> {
  try {
    await client.delete({ apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '', namespace: obj.metadata.namespace }, { signal });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** Puts the hub's namespace in step with the definition; returns why it could not, if it could not. */
export async function writeHubNamespace(client: ObjectClient, definition: ManagedNamespaceDefinition, workspace: string, signal?: AbortSignal): Promise<HubProblem | undefined> {
  const owner = managedNamespaceOwner(workspace, definition.name);
  const live = await getOrUndefined(client, { apiVersion: 'v1', kind: 'Namespace', name: definition.name }, signal);
  const takeover = hubTakeover(live, definition, owner);
  if (!takeover.take) return { reason: takeover.reason, message: takeover.message };
  if (live?.metadata.deletionTimestamp) return { reason: 'HubNamespaceTerminating', message: `the hub's namespace ${definition.name} is being deleted; waiting to create it again` };
  const desired = hubNamespaceObjects(definition, workspace);
  for (const obj of desired) await client.apply(obj, { fieldManager: FIELD_MANAGER, force: true, signal });
  const keep = new Set(desired.filter((o) => o.kind === 'RoleBinding').map((o) => o.metadata.name));
  for (const rb of await ownedRoleBindings(client, definition.name, owner, signal)) {
    if (!keep.has(rb.metadata.name)) await deleteIgnoringGone(client, rb, signal);
  }
  return undefined;
}

/** Applies the delete policy to the hub's namespace; a namespace another owner manages is left alone. */
export async function removeHubNamespace(client: ObjectClient, options: { name: string; workspace: string; deletePolicy?: string; signal?: AbortSignal }): Promise<void> {
  const { name, signal } = options;
  const owner = managedNamespaceOwner(options.workspace, name);
  const live = await getOrUndefined(client, { apiVersion: 'v1', kind: 'Namespace', name }, signal);
  const removal = hubRemoval(live, owner, options.deletePolicy);
  if (removal.action === 'none' || !live) return;
  if (removal.action === 'delete') {
    await deleteIgnoringGone(client, live, signal);
    return;
  }
  for (const rb of await ownedRoleBindings(client, name, owner, signal)) await deleteIgnoringGone(client, rb, signal);
  const patch = {
    metadata: {
      labels: { [LABELS.managedNamespace]: null },
      annotations: { [ANNOTATIONS.adoptionPolicy]: null, [ANNOTATIONS.deletePolicy]: null },
    },
  };
  await client.patch({ apiVersion: 'v1', kind: 'Namespace', name }, patch, { type: 'merge', fieldManager: FIELD_MANAGER, signal });
}
