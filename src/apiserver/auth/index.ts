/**
 * Authentication, TLS material and authorization for the embedded API server, as library
 * code the server wires into its request path: PKI on disk, bearer-token authentication
 * (admin, static token file, ServiceAccount JWTs), request attributes, RBAC evaluation (over an
 * index of bindings by subject, so its cost does not grow with unrelated grants) and
 * aggregation, the escalation check on RBAC writes, impersonation, the default policy, the
 * review APIs' answers and the ServiceAccount token issuer.
 * Everything here is pure except pki, admin-token and private-file, which own the data directory.
 */
export { loadOrCreateAdminToken, adminTokenFile } from './admin-token.js';
export { reviewAccess, reviewAttributes, reviewedUser } from './access-review.js';
export type { AccessReviewSpec, AccessReviewStatus, NonResourceAttributes, ResourceAttributes, ReviewCheck } from './access-review.js';
export { aggregateClusterRoles, aggregatedRules } from './aggregation.js';
export { defaultClusterRoleBindings, defaultClusterRoles, aggregateLabels } from './default-rbac.js';
export { checkBindingEscalation, checkRoleEscalation, compactRules, compactString } from './escalation.js';
export type { BindingWrite, EscalationDecision, RoleWrite } from './escalation.js';
export { isImpersonationHeader, parseImpersonation } from './impersonation.js';
export type { HeaderValues, ImpersonationRequest } from './impersonation.js';
export { labelSelectorMatches } from './label-selector.js';
export { loadOrCreateServiceAccountKeys, loadOrCreateServingPki, pkiFiles, servingCertUsable } from './pki.js';
export type { PkiOptions, ServiceAccountKeys, ServingPki } from './pki.js';
export { ruleAllows } from './policy-rule.js';
export { authorize, forbiddenError, forbiddenMessage, fullAuthority, rulesFor } from './rbac.js';
export type { Decision, NonResourceRule, ResourceRule, SubjectRulesReviewStatus } from './rbac.js';
export { indexedPolicy, RbacIndex } from './rbac-index.js';
export type { RbacListField } from './rbac-index.js';
export { rbacApiVersion, rbacGroup } from './rbac-objects.js';
export type {
  AggregationRule,
  ClusterRole,
  ClusterRoleBinding,
  PolicyRule,
  RbacLookup,
  RbacPolicy,
  Role,
  RoleBinding,
  RoleRef,
  Subject,
} from './rbac-objects.js';
export { parseRequestInfo, stripClusterPrefix } from './request-info.js';
export type { RequestAttributes, RequestInfo, RequestInfoResult, RequestInput } from './request-info.js';
export { rulesForUser, subjectMatches } from './role-resolution.js';
export { breakdownRule, covers, ruleCovers } from './rule-covers.js';
export { issueServiceAccountToken, keyId, verifyServiceAccountToken } from './service-account-token.js';
export type { IssueOptions, KubernetesClaims, ServiceAccountClaims } from './service-account-token.js';
export { parseTokenFile, TokenFileError } from './token-file.js';
export { createTokenIssuer, DEFAULT_ISSUER } from './token-issuer.js';
export type { TokenGrant, TokenIssuer, TokenIssuerOptions } from './token-issuer.js';
export type { StaticToken, TokenFile } from './token-file.js';
export { adminUser, bearerToken, createAuthenticator, generateToken } from './tokens.js';
export type {
  AuthenticationResult,
  Authenticator,
  AuthenticatorOptions,
  AuthMethod,
  CredentialLookup,
  RejectReason,
  ServiceAccountVerification,
} from './tokens.js';
export {
  anonymousUser,
  parseServiceAccountUsername,
  serviceAccountGroups,
  serviceAccountUsername,
  wellKnown,
} from './user-info.js';
export type { UserInfo } from './user-info.js';
