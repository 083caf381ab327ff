/**
 * What Flotilla knows about Kubernetes' built-in kinds without asking a cluster: which are
 * cluster-scoped (for the namespace rules of rendering) and which API groups are built in
 * (for choosing strategic merge over JSON merge when patching, as Fleet does). Custom
 * resources are learned from the CustomResourceDefinitions in the bundle itself; any other
 * unknown kind is taken as namespaced, as most kinds are.
 */
import type { KubeObject } from '../api/meta.js';

/** `group/Kind` of every built-in cluster-scoped kind (core group is the empty string). */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy',
  'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment', 'storage.k8s.io/VolumeAttributesClass',
  'scheduling.k8s.io/PriorityClass',
  'node.k8s.io/RuntimeClass',
  'networking.k8s.io/IngressClass', 'networking.k8s.io/IPAddress', 'networking.k8s.io/ServiceCIDR',
  'policy/PodSecurityPolicy',
  'certificates.k8s.io/CertificateSigningRequest', 'certificates.k8s.io/ClusterTrustBundle',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'authentication.k8s.io/TokenReview', 'authentication.k8s.io/SelfSubjectReview',
  'authorization.k8s.io/SubjectAccessReview', 'authorization.k8s.io/SelfSubjectAccessReview',
  'authorization.k8s.io/SelfSubjectRulesReview',
  'resource.k8s.io/DeviceClass', 'resource.k8s.io/ResourceSlice',
  'flotilla.io/Content',
]);

/** Groups compiled into Kubernetes (and so into kubectl's strategic-merge schema). */
const BUILTIN_GROUPS: ReadonlySet<string> = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io',
  'storage.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io',
  'events.k8s.io', 'certificates.k8s.io', 'admissionregistration.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'extensions',
]);

export type Scope = 'Cluster' | 'Namespaced';

/** The group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** True for a built-in kind that Kubernetes patches with strategic merge (CRDs are patched with JSON merge). */
export function hasStrategicMergeSchema(apiVersion: string, kind: string): boolean {
  return BUILTIN_GROUPS.has(groupOf(apiVersion)) && kind !== 'CustomResourceDefinition';
}

/** Scopes declared by the CustomResourceDefinitions among `objects`, keyed `group/Kind`. */
export function crdScopes(objects: readonly KubeObject[]): Map<string, Scope> {
  const scopes = new Map<string, Scope>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition' || groupOf(o.apiVersion) !== 'apiextensions.k8s.io') continue;
    const spec = o.spec as { group?: unknown; scope?: unknown; names?: { kind?: unknown } } | undefined;
    if (typeof spec?.group !== 'string' || typeof spec.names?.kind !== 'string') continue;
    scopes.set(`${spec.group}/${spec.names.kind}`, spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced');
  }
  return scopes;
}

/** The scope of an object's kind: built-in table first, then the bundle's CRDs, else namespaced. */
export function scopeOf(object: KubeObject, customScopes: ReadonlyMap<string, Scope>): Scope {
  const key = `${groupOf(object.apiVersion)}/${object.kind}`;
  if (CLUSTER_SCOPED.has(key)) return 'Cluster';
  return customScopes.get(key) ?? 'Namespaced';
}
