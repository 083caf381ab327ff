/**
 * What each member cluster must hold once the churn settles, computed from the churn model
 * alone (not from anything the controllers wrote), and the same projection of what a member
 * really holds, so the two compare as plain maps: key `Kind/namespace/name` → the fields
 * that matter (a namespace's labels, annotations and policies; a quota's limits; a network
 * policy's directions; a binding's role and subjects; a ConfigMap's data). Role bindings are
 * keyed by role and subjects rather than their hashed names.
 */
import type { KubeObject } from '../../../src/api/meta.js';
import { ANNOTATIONS, LABELS } from '../../../src/api/names.js';
import { memberClusterRoleName, type MemberRole } from '../../../src/bundle/index.js';
import { ASSIGNMENTS, type ChurnModel, type MnsModel } from './churn-model.js';

export const WORKSPACE = 'fleet-default';
export const NOTE_ANNOTATION = 'churn.test/note';
/** The namespace the git bundles' ConfigMaps go to. */
export const CONFIGMAP_NAMESPACE = 'default';

export type MemberState = Record<string, unknown>;

export const configMapName = (gitRepo: string, path: string, key: string) => `${gitRepo}-${path}-${key}`;

function bindingKey(namespace: string, role: string, subjects: readonly { kind?: string; name?: string }[]): string {
  const names = subjects.map((s) => `${s.kind ?? ''}:${s.name ?? ''}`).sort();
  return `RoleBinding/${namespace}/${role}(${names.join(',')})`;
}

function expectedNamespace(out: MemberState, name: string, spec: MnsModel): void {
  out[`Namespace//${name}`] = {
    labels: spec.labels,
    annotations: { [NOTE_ANNOTATION]: spec.note },
    owner: `${WORKSPACE}.${name}`,
    deletePolicy: spec.deletePolicy,
  };
  if (spec.quota) {
    const q = spec.quota;
    const hard = Object.fromEntries(
      [['requests.cpu', q.cpuRequests], ['limits.cpu', q.cpuLimits], ['requests.memory', q.memoryRequests], ['limits.memory', q.memoryLimits]].filter((e): e is [string, string] => e[1] !== undefined),
    );
    out[`ResourceQuota/${name}/flotilla-resource-quota`] = { hard };
  }
  if (spec.ingress) out[`NetworkPolicy/${name}/flotilla-network-policy`] = { policyTypes: ['Ingress'], rules: spec.ingress };
  for (const index of spec.assignments) {
    const a = ASSIGNMENTS[index];
    if (!a) continue;
    out[bindingKey(name, memberClusterRoleName(a.role as MemberRole), [{ kind: a.kind, name: a.name }])] = {};
  }
}

/** Bundle names (also the BundleDeployment names) a member must have. */
export function expectedBundles(model: ChurnModel, member: string): string[] {
  const out: string[] = [];
  for (const [name, spec] of model.mns) if (spec.members.includes(member)) out.push(`mns-${name}`);
  for (const [name, spec] of model.gitRepos) {
    if (!spec.members.includes(member)) continue;
    const tree = model.trees.get(name)?.[spec.branch] ?? {};
    for (const path of spec.paths) if (tree[path]) out.push(`${name}-${path}`);
  }
  return out.sort();
}

/** Bundles the hub must hold for a GitRepo (whatever its targets). */
export function expectedGitRepoBundles(model: ChurnModel, gitRepo: string): string[] {
  const spec = model.gitRepos.get(gitRepo);
  if (!spec) return [];
  const tree = model.trees.get(gitRepo)?.[spec.branch] ?? {};
  return spec.paths.filter((p) => tree[p]).map((p) => `${gitRepo}-${p}`).sort();
}

export function expectedMemberState(model: ChurnModel, member: string): MemberState {
  const out: MemberState = {};
  for (const [name, spec] of model.mns) if (spec.members.includes(member)) expectedNamespace(out, name, spec);
  for (const [name, spec] of model.gitRepos) {
    if (!spec.members.includes(member)) continue;
    const tree = model.trees.get(name)?.[spec.branch] ?? {};
    for (const path of spec.paths) {
      for (const [key, v] of Object.entries(tree[path] ?? {})) out[`ConfigMap/${CONFIGMAP_NAMESPACE}/${configMapName(name, path, key)}`] = { data: { value: v } };
    }
  }
  return out;
}

const isOwnKey = (key: string) => key.startsWith('flotilla.io/') || key === 'kubernetes.io/metadata.name';
const withoutOwnKeys = (map: Record<string, string> | undefined) => Object.fromEntries(Object.entries(map ?? {}).filter(([k]) => !isOwnKey(k)));

function networkRules(spec: { ingress?: unknown[] }): string {
  const rules = spec.ingress ?? [];
  if (rules.length === 0) return 'DenyAll';
  return JSON.stringify(rules) === '[{}]' ? 'AllowAll' : 'AllowSameNamespace';
}

/** The projection of one live object Flotilla deployed, keyed as expectedMemberState keys it. */
export function projectLive(kind: string, o: KubeObject): [string, unknown] {
  const ns = o.metadata.namespace ?? '';
  const name = o.metadata.name ?? '';
  const labels = o.metadata.labels ?? {};
  switch (kind) {
    case 'Namespace':
      return [
        `Namespace//${name}`,
        { labels: withoutOwnKeys(labels), annotations: withoutOwnKeys(o.metadata.annotations), owner: labels[LABELS.managedNamespace], deletePolicy: o.metadata.annotations?.[ANNOTATIONS.deletePolicy] },
      ];
    case 'ResourceQuota':
      return [`ResourceQuota/${ns}/${name}`, { hard: (o.spec as { hard?: unknown } | undefined)?.hard }];
    case 'NetworkPolicy': {
      const spec = (o.spec ?? {}) as { policyTypes?: string[]; ingress?: unknown[] };
      return [`NetworkPolicy/${ns}/${name}`, { policyTypes: spec.policyTypes, rules: networkRules(spec) }];
    }
    case 'RoleBinding': {
      const roleRef = o.roleRef as { name?: string } | undefined;
      return [bindingKey(ns, roleRef?.name ?? '', (o.subjects as { kind?: string; name?: string }[] | undefined) ?? []), {}];
    }
    default:
      return [`${kind}/${ns}/${name}`, { data: o.data }];
  }
}

/** The kinds a member is searched for objects Flotilla deployed. */
export const DEPLOYED_KINDS = [
  { apiVersion: 'v1', kind: 'Namespace' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'ResourceQuota' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
] as const;
