/**
 * authorization.k8s.io/v1: the access reviews `kubectl auth can-i` sends. Field numbers are
 * those of k8s.io/api's authorization/v1/generated.proto; emptiness rules follow
 * authorization/v1/types.go. ResourceAttributes' field and label selector attributes (fields
 * 8 and 9, added in Kubernetes 1.31) are not described and so are skipped.
 */
import { f, keep, list, listOrNull, OBJECT_META, type MessageRegistry } from '../field-spec.js';

export const authorizationV1Messages: MessageRegistry = {
  'authorization.v1.SelfSubjectAccessReview': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'authorization.v1.SelfSubjectAccessReviewSpec'),
    3: f('status', 'authorization.v1.SubjectAccessReviewStatus'),
  },
  'authorization.v1.SelfSubjectAccessReviewSpec': {
    1: f('resourceAttributes', 'authorization.v1.ResourceAttributes'),
    2: f('nonResourceAttributes', 'authorization.v1.NonResourceAttributes'),
  },
  'authorization.v1.SubjectAccessReview': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'authorization.v1.SubjectAccessReviewSpec'),
    3: f('status', 'authorization.v1.SubjectAccessReviewStatus'),
  },
  'authorization.v1.SubjectAccessReviewSpec': {
    1: f('resourceAttributes', 'authorization.v1.ResourceAttributes'),
    2: f('nonResourceAttributes', 'authorization.v1.NonResourceAttributes'),
    3: f('user', 'string'),
    4: f('groups', 'string', list),
    5: f('extra', 'authorization.v1.ExtraValue', { map: 'string' }),
    6: f('uid', 'string'),
  },
  'authorization.v1.ResourceAttributes': {
    1: f('namespace', 'string'),
    2: f('verb', 'string'),
    3: f('group', 'string'),
    4: f('version', 'string'),
    5: f('resource', 'string'),
    6: f('subresource', 'string'),
    7: f('name', 'string'),
  },
  'authorization.v1.NonResourceAttributes': {
    1: f('path', 'string'),
    2: f('verb', 'string'),
  },
  'authorization.v1.SubjectAccessReviewStatus': {
    1: f('allowed', 'bool', keep),
    4: f('denied', 'bool'),
    2: f('reason', 'string'),
    3: f('evaluationError', 'string'),
  },
  'authorization.v1.SelfSubjectRulesReview': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'authorization.v1.SelfSubjectRulesReviewSpec'),
    3: f('status', 'authorization.v1.SubjectRulesReviewStatus'),
  },
  'authorization.v1.SelfSubjectRulesReviewSpec': {
    1: f('namespace', 'string'),
  },
  'authorization.v1.SubjectRulesReviewStatus': {
    1: f('resourceRules', 'authorization.v1.ResourceRule', listOrNull),
    2: f('nonResourceRules', 'authorization.v1.NonResourceRule', listOrNull),
    3: f('incomplete', 'bool', keep),
    4: f('evaluationError', 'string'),
  },
  'authorization.v1.ResourceRule': {
    1: f('verbs', 'string', listOrNull),
    2: f('apiGroups', 'string', list),
    3: f('resources', 'string', list),
    4: f('resourceNames', 'string', list),
  },
  'authorization.v1.NonResourceRule': {
    1: f('verbs', 'string', listOrNull),
    2: f('nonResourceURLs', 'string', list),
  },
};
