/**
 * Carries out one churn operation against the real hub or the real git repositories, and
 * says whether it was accepted. A refused write is not an error of the system under test:
 * re-creating a ManagedNamespace or GitRepo whose deletion is still finishing (its finalizer
 * waits for the controllers, which a fault may have stopped) answers AlreadyExists, and the
 * operation is skipped, leaving the model as it was.
 */
import type { GitRepo } from '../../../src/api/git-repo.js';
import { API_VERSION } from '../../../src/api/group.js';
import type { ManagedNamespace } from '../../../src/api/managed-namespace.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../../src/kube/api-error.js';
import { commitFiles, type RepoFile } from '../../support/git-repo.js';
import { ASSIGNMENTS, type ChurnOp, type GitRepoModel, type MnsModel, type Tree } from './churn-model.js';
import { CONFIGMAP_NAMESPACE, NOTE_ANNOTATION, WORKSPACE, configMapName } from './churn-expectation.js';
import type { ChurnWorld } from './churn-world.js';

/** Every GitRepo polls this often, whichever controller (in-process or the child process) runs. */
export const POLLING_INTERVAL = '1s';

export function mnsSpec(spec: MnsModel): ManagedNamespace['spec'] {
  return {
    labels: { ...spec.labels },
    annotations: { [NOTE_ANNOTATION]: spec.note },
    ...(spec.quota ? { resourceQuota: { ...spec.quota } } : {}),
    ...(spec.ingress ? { networkPolicy: { ingress: spec.ingress } } : {}),
    // Always: a namespace kept by an earlier definition of the same name is taken over again.
    adoptionPolicy: 'Always',
    deletePolicy: spec.deletePolicy,
    roleAssignments: spec.assignments.flatMap((i) => {
      const a = ASSIGNMENTS[i];
      return a ? [{ ...a }] : [];
    }),
    memberClusterNames: [...spec.members],
  };
}

export function gitRepoSpec(world: ChurnWorld, name: string, spec: GitRepoModel): GitRepo['spec'] {
  return {
    repo: world.repoUrl(name),
    branch: spec.branch,
    paths: [...spec.paths],
    pollingInterval: POLLING_INTERVAL,
    targets: spec.members.map((clusterName) => ({ clusterName })),
  };
}

export function treeFiles(gitRepo: string, tree: Tree): Record<string, RepoFile> {
  const files: Record<string, RepoFile> = {};
  for (const [path, cms] of Object.entries(tree)) {
    for (const [key, value] of Object.entries(cms)) {
      const name = configMapName(gitRepo, path, key);
      files[`${path}/${key}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${CONFIGMAP_NAMESPACE}\ndata:\n  value: "${value}"\n`;
    }
  }
  return files;
}

const ref = (kind: string, name: string) => ({ apiVersion: API_VERSION, kind, namespace: WORKSPACE, name });

async function create(world: ChurnWorld, kind: string, name: string, spec: unknown): Promise<boolean> {
  try {
    await world.hub.create({ apiVersion: API_VERSION, kind, metadata: { name, namespace: WORKSPACE }, spec } as KubeObject);
    return true;
  } catch (err) {
    if (isAlreadyExists(err)) return false;
    throw err;
  }
}

/** Replaces the spec; retried on a conflict with the controllers or the outside writer. */
async function replaceSpec(world: ChurnWorld, kind: string, name: string, spec: unknown): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    let current: KubeObject;
    try {
      current = await world.hub.get(ref(kind, name));
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
    if (current.metadata.deletionTimestamp) return false;
    try {
      await world.hub.update({ ...current, spec });
      return true;
    } catch (err) {
      if (!isConflict(err) || attempt >= 5) throw err;
    }
  }
}

async function remove(world: ChurnWorld, kind: string, name: string): Promise<boolean> {
  try {
    await world.hub.delete(ref(kind, name));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return true;
}

/** Carries the operation out; false when the hub refused it as described above. */
export async function executeOp(world: ChurnWorld, op: ChurnOp): Promise<boolean> {
  switch (op.kind) {
    case 'mns-create':
      return create(world, 'ManagedNamespace', op.name, mnsSpec(op.spec));
    case 'mns-update':
      return replaceSpec(world, 'ManagedNamespace', op.name, mnsSpec(op.spec));
    case 'mns-delete':
      return remove(world, 'ManagedNamespace', op.name);
    case 'gitrepo-create':
      return create(world, 'GitRepo', op.name, gitRepoSpec(world, op.name, op.spec));
    case 'gitrepo-update':
      return replaceSpec(world, 'GitRepo', op.name, gitRepoSpec(world, op.name, op.spec));
    case 'gitrepo-delete':
      return remove(world, 'GitRepo', op.name);
    case 'git-commit':
      await commitFiles(world.repoPath(op.repo), { branch: op.branch, files: treeFiles(op.repo, op.tree), replace: true, message: `churn ${op.branch}` });
      return true;
  }
}
