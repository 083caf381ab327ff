/**
 * The wire descriptions of the built-in kinds the server decodes from protobuf: every message
 * by name, and which message a top-level apiVersion and kind is. Each file of this folder
 * covers one API group version and says which `generated.proto` its numbers come from.
 */
import type { MessageRegistry } from '../field-spec.js';
import { appsV1Messages } from './apps-v1.js';
import { authenticationV1Messages } from './authentication-v1.js';
import { authorizationV1Messages } from './authorization-v1.js';
import { batchV1Messages } from './batch-v1.js';
import { corePodMessages } from './core-v1-pod.js';
import { coreV1Messages } from './core-v1.js';
import { metaV1Messages } from './meta-v1.js';
import { rbacV1Messages } from './rbac-v1.js';

export const builtinMessages: MessageRegistry = Object.freeze({
  ...metaV1Messages,
  ...coreV1Messages,
  ...corePodMessages,
  ...rbacV1Messages,
  ...authorizationV1Messages,
  ...authenticationV1Messages,
  ...appsV1Messages,
  ...batchV1Messages,
});

/** apiVersion → kind → message name, for the objects a request body may hold. */
export const builtinKinds: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  v1: {
    ConfigMap: 'core.v1.ConfigMap',
    Secret: 'core.v1.Secret',
    Namespace: 'core.v1.Namespace',
    ServiceAccount: 'core.v1.ServiceAccount',
    ResourceQuota: 'core.v1.ResourceQuota',
    Service: 'core.v1.Service',
    Pod: 'core.v1.Pod',
  },
  'rbac.authorization.k8s.io/v1': {
    Role: 'rbac.v1.Role',
    ClusterRole: 'rbac.v1.ClusterRole',
    RoleBinding: 'rbac.v1.RoleBinding',
    ClusterRoleBinding: 'rbac.v1.ClusterRoleBinding',
  },
  'authorization.k8s.io/v1': {
    SelfSubjectAccessReview: 'authorization.v1.SelfSubjectAccessReview',
    SelfSubjectRulesReview: 'authorization.v1.SelfSubjectRulesReview',
    SubjectAccessReview: 'authorization.v1.SubjectAccessReview',
    // A LocalSubjectAccessReview has SubjectAccessReview's fields and numbers.
    LocalSubjectAccessReview: 'authorization.v1.SubjectAccessReview',
  },
  'authentication.k8s.io/v1': {
    TokenRequest: 'authentication.v1.TokenRequest',
    SelfSubjectReview: 'authentication.v1.SelfSubjectReview',
    TokenReview: 'authentication.v1.TokenReview',
  },
  'apps/v1': {
    Deployment: 'apps.v1.Deployment',
  },
  'batch/v1': {
    Job: 'batch.v1.Job',
    CronJob: 'batch.v1.CronJob',
  },
});

export function messageForKind(apiVersion: string, kind: string): string | undefined {
  const kinds = Object.hasOwn(builtinKinds, apiVersion) ? builtinKinds[apiVersion] : undefined;
  return kinds && Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
}
