/**
 * The hub's objects as targeting's plain inputs (src/targeting): flattened, without status
 * or managed fields, so the controller keeps 100,000 Clusters small and resolution reads no
 * more than it needs. A Bundle's source files are left out: targeting never reads them.
 */
import type { Bundle } from '../../api/bundle.js';
import type { BundleNamespaceMapping } from '../../api/bundle-namespace-mapping.js';
import type { Cluster } from '../../api/cluster.js';
import type { ClusterGroup } from '../../api/cluster-group.js';
import type { GitRepo } from '../../api/git-repo.js';
import type { GitRepoRestriction } from '../../api/git-repo-restriction.js';
import type { KubeObject, ObjectMeta } from '../../api/meta.js';
import { LABELS } from '../../api/names.js';
import type { NamespaceMapping, Restriction, TargetBundle, TargetCluster, TargetGitRepo, TargetGroup, WorkspaceNamespace } from '../../targeting/index.js';

const EMPTY_LABELS = Object.freeze({});

function where(obj: { readonly metadata: ObjectMeta }): { name: string; namespace: string } {
  return { name: obj.metadata.name ?? '', namespace: obj.metadata.namespace ?? '' };
}

export function toTargetCluster(cluster: Cluster): TargetCluster {
  return {
    ...where(cluster),
    labels: cluster.metadata.labels ?? EMPTY_LABELS,
    ...(cluster.spec.paused ? { paused: true } : {}),
    ...(cluster.spec.templateValues ? { templateValues: cluster.spec.templateValues } : {}),
  };
}

export function toTargetGroup(group: ClusterGroup): TargetGroup {
  return { ...where(group), labels: group.metadata.labels ?? EMPTY_LABELS, ...(group.spec.selector ? { selector: group.spec.selector } : {}) };
}

export function toWorkspaceNamespace(namespace: KubeObject): WorkspaceNamespace {
  return { name: namespace.metadata.name ?? '', labels: namespace.metadata.labels ?? EMPTY_LABELS };
}

export function toNamespaceMapping(mapping: BundleNamespaceMapping): NamespaceMapping {
  const { bundleSelector, namespaceSelector } = mapping;
  return { ...where(mapping), ...(bundleSelector ? { bundleSelector } : {}), ...(namespaceSelector ? { namespaceSelector } : {}) };
}

export function toRestriction(restriction: GitRepoRestriction): Restriction {
  const { apiVersion: _v, kind: _k, metadata: _m, ...fields } = restriction;
  return { ...fields, ...where(restriction) };
}

export function toTargetGitRepo(gitRepo: GitRepo): TargetGitRepo {
  const { repo, targets, serviceAccount, targetNamespace, clientSecretName } = gitRepo.spec;
  return {
    ...where(gitRepo),
    repo,
    ...(targets ? { targets } : {}),
    ...(serviceAccount ? { serviceAccount } : {}),
    ...(targetNamespace ? { targetNamespace } : {}),
    ...(clientSecretName ? { clientSecretName } : {}),
  };
}

export function toTargetBundle(bundle: Bundle): TargetBundle {
  const { resources: _resources, ...spec } = bundle.spec;
  const labels = bundle.metadata.labels;
  const gitRepoName = labels?.[LABELS.repoName];
  return {
    ...spec,
    ...where(bundle),
    ...(labels ? { labels } : {}),
    ...(bundle.metadata.creationTimestamp ? { creationTimestamp: bundle.metadata.creationTimestamp } : {}),
    ...(gitRepoName ? { gitRepoName } : {}),
    // `where` put the workspace in `namespace`; the spec's namespace option keeps its own name.
    ...(spec.namespace ? { optionsNamespace: spec.namespace } : {}),
  };
}
