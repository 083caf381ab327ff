/**
 * How the agent names an object it applied: apiVersion, kind, namespace and name, plus the
 * identity key used to compare objects across Contents. The key uses the API group, not the
 * version, so an object whose manifest moves from `v1beta1` to `v1` stays the same object
 * (and is not pruned and re-created).
 */
import type { KubeObject } from '../api/meta.js';
import { groupOf } from '../bundle/index.js';

export interface AppliedObjectRef {
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  name: string;
}

/** The ref of a manifest or live object. */
export function refOf(obj: KubeObject): AppliedObjectRef {
  const ref: AppliedObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '' };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  return ref;
}

/** `group/Kind/namespace/name`: equal for the same object whatever its apiVersion. */
export function refKey(ref: AppliedObjectRef): string {
  return `${groupOf(ref.apiVersion)}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** How messages name an object: `Deployment app/web`, or `Namespace app` when cluster-scoped. */
export function describeRef(ref: AppliedObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export function isNamespace(ref: AppliedObjectRef): boolean {
  return ref.kind === 'Namespace' && groupOf(ref.apiVersion) === '';
}

export function isCustomResourceDefinition(ref: AppliedObjectRef): boolean {
  return ref.kind === 'CustomResourceDefinition' && groupOf(ref.apiVersion) === 'apiextensions.k8s.io';
}
