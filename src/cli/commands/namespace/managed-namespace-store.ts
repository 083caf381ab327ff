/**
 * Reading and writing ManagedNamespaces on the hub for the CLI: get one (or nothing), refuse
 * to change a record that came from git (its fleet.yaml is its source), and write a spec
 * (create with the `cli` source label, or replace the stored spec guarded by its
 * resourceVersion so a concurrent change is not overwritten).
 */
import { API_VERSION } from '../../../api/group.js';
import type { ManagedNamespace, ManagedNamespaceSpec } from '../../../api/managed-namespace.js';
import { LABELS } from '../../../api/well-known.js';
import { SOURCE_CLI, isFromGit } from '../../../controller/managed-namespace/index.js';
import { isConflict, isNotFound } from '../../../kube/api-error.js';
import type { ObjectClient } from '../../../kube/object-client.js';
import { ArgumentError } from '../../output/label-arguments.js';

export const MANAGED_NAMESPACE_RESOURCE = 'managednamespace.flotilla.io';
const FIELD_MANAGER = 'flotilla-cli';

export interface NamespaceRef {
  name: string;
  workspace: string;
}

export async function findManagedNamespace(client: ObjectClient, ref: NamespaceRef): Promise<ManagedNamespace | undefined> {
  try {
    return await client.get<ManagedNamespace>({ apiVersion: API_VERSION, kind: 'ManagedNamespace', name: ref.name, namespace: ref.workspace });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function requireManagedNamespace(client: ObjectClient, ref: NamespaceRef): Promise<ManagedNamespace> {
  const found = await findManagedNamespace(client, ref);
  if (!found) throw new ArgumentError(`ManagedNamespace "${ref.name}" not found in namespace ${ref.workspace}`);
  return found;
}

/** Throws when the record came from git: the CLI only reads those. */
export function refuseGitRecord(mns: ManagedNamespace | undefined): void {
  if (!mns || !isFromGit(mns)) return;
  const repo = mns.metadata.labels?.[LABELS.repoName] ?? '';
  throw new ArgumentError(`ManagedNamespace "${mns.metadata.name ?? ''}" comes from git (GitRepo ${repo}); change it in its fleet.yaml, the CLI only reads it`);
}

/** Creates the record, or replaces the stored one's spec; returns `created` or `configured`, or `unchanged`. */
export async function writeSpec(client: ObjectClient, ref: NamespaceRef, spec: ManagedNamespaceSpec, stored: ManagedNamespace | undefined): Promise<'created' | 'configured' | 'unchanged'> {
  if (!stored) {
    const mns: ManagedNamespace = {
      apiVersion: API_VERSION,
      kind: 'ManagedNamespace',
      metadata: { name: ref.name, namespace: ref.workspace, labels: { [LABELS.managedNamespaceSource]: SOURCE_CLI } },
      spec,
    };
    await client.create(mns, { fieldManager: FIELD_MANAGER });
    return 'created';
  }
  if (JSON.stringify(stored.spec) === JSON.stringify(spec)) return 'unchanged';
  await client.update<ManagedNamespace>({ ...stored, spec }, { fieldManager: FIELD_MANAGER });
  return 'configured';
}

const ATTEMPTS = 5;

/**
 * Runs a read-modify-write again when the write lost a race (the controller writes the
 * status, which moves the resourceVersion), as kubectl's edits do; each attempt reads anew.
 */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isConflict(err) || attempt >= ATTEMPTS) throw err;
    }
  }
}
