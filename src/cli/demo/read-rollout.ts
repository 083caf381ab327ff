/**
 * Reads what the demo's rollout view needs from the hub: the GitRepos, the BundleDeployments
 * in each member's cluster namespace and the workspace's ManagedNamespaces.
 */
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { GitRepo } from '../../api/git-repo.js';
import { API_VERSION } from '../../api/group.js';
import type { ManagedNamespace } from '../../api/managed-namespace.js';
import { clusterNamespaceName } from '../../api/names.js';
import { isNotFound } from '../../kube/api-error.js';
import type { ObjectClient } from '../../kube/object-client.js';
import type { RolloutInput } from './rollout-state.js';

export interface RolloutScope {
  workspace: string;
  gitRepoNames: readonly string[];
  clusters: readonly string[];
}

async function gitRepoOf(client: ObjectClient, namespace: string, name: string): Promise<GitRepo | undefined> {
  try {
    return await client.get<GitRepo>({ apiVersion: API_VERSION, kind: 'GitRepo', namespace, name });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function readRollout(client: ObjectClient, scope: RolloutScope): Promise<RolloutInput> {
  const [gitRepos, deployments, namespaces] = await Promise.all([
    Promise.all(scope.gitRepoNames.map(async (name) => ({ name, object: await gitRepoOf(client, scope.workspace, name) }))),
    Promise.all(
      scope.clusters.map(async (cluster) => {
        const namespace = clusterNamespaceName(scope.workspace, cluster);
        const { items } = await client.listAll<BundleDeployment>({ apiVersion: API_VERSION, kind: 'BundleDeployment' }, { namespace });
        return items.map((deployment) => ({ cluster, deployment }));
      }),
    ),
    client.listAll<ManagedNamespace>({ apiVersion: API_VERSION, kind: 'ManagedNamespace' }, { namespace: scope.workspace }),
  ]);
  return { clusters: scope.clusters, gitRepos, deployments: deployments.flat(), managedNamespaces: namespaces.items };
}
