/**
 * authentication.k8s.io/v1: TokenRequest (`kubectl create token`), SelfSubjectReview
 * (`kubectl auth whoami`) and TokenReview. Field numbers are those of k8s.io/api's
 * authentication/v1/generated.proto; emptiness rules follow authentication/v1/types.go.
 */
import { f, keep, list, listOrNull, OBJECT_META, type MessageRegistry } from '../field-spec.js';

export const authenticationV1Messages: MessageRegistry = {
  'authentication.v1.TokenRequest': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'authentication.v1.TokenRequestSpec'),
    3: f('status', 'authentication.v1.TokenRequestStatus'),
  },
  'authentication.v1.TokenRequestSpec': {
    1: f('audiences', 'string', listOrNull),
    4: f('expirationSeconds', 'int64', keep),
    3: f('boundObjectRef', 'authentication.v1.BoundObjectReference'),
  },
  /** The .proto spells these fields `aPIVersion` and `uID`; their JSON names are the usual ones. */
  'authentication.v1.BoundObjectReference': {
    1: f('kind', 'string'),
    2: f('apiVersion', 'string'),
    3: f('name', 'string'),
    4: f('uid', 'string'),
  },
  'authentication.v1.TokenRequestStatus': {
    1: f('token', 'string', keep),
    2: f('expirationTimestamp', 'meta.v1.Time'),
  },
  'authentication.v1.SelfSubjectReview': {
    1: f('metadata', OBJECT_META),
    2: f('status', 'authentication.v1.SelfSubjectReviewStatus'),
  },
  'authentication.v1.SelfSubjectReviewStatus': {
    1: f('userInfo', 'authentication.v1.UserInfo'),
  },
  'authentication.v1.UserInfo': {
    1: f('username', 'string'),
    2: f('uid', 'string'),
    3: f('groups', 'string', list),
    4: f('extra', 'authentication.v1.ExtraValue', { map: 'string' }),
  },
  'authentication.v1.TokenReview': {
    1: f('metadata', OBJECT_META),
    2: f('spec', 'authentication.v1.TokenReviewSpec'),
    3: f('status', 'authentication.v1.TokenReviewStatus'),
  },
  'authentication.v1.TokenReviewSpec': {
    1: f('token', 'string'),
    2: f('audiences', 'string', list),
  },
  'authentication.v1.TokenReviewStatus': {
    1: f('authenticated', 'bool'),
    2: f('user', 'authentication.v1.UserInfo'),
    4: f('audiences', 'string', list),
    3: f('error', 'string'),
  },
};
