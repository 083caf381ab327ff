/**
 * src/controller/registration: how member clusters join a workspace on the hub. A
 * ClusterRegistrationToken becomes a ServiceAccount credential that can only create
 * ClusterRegistrations (token-access, token-controller) and is revoked at expiry; a
 * ClusterRegistration is granted a Cluster (grant-decision), its cluster namespace and an
 * agent ServiceAccount with exactly DESIGN.md's agent grants (agent-access), and a result
 * Secret only the registering token can read (registration-result, registration-controller);
 * a Cluster whose agent stops sending heartbeats is marked with AgentConnected=False
 * (agent-liveness, liveness-monitor); a deleted Cluster's agent loses its hub access
 * (access-revoker). Decisions are pure; start-registration composes the rest.
 */
export { AccessRevoker, type AccessRevokerOptions } from './access-revoker.js';
export { AGENT_CONNECTED, agentConnectedCondition, agentLiveness, type AgentLiveness } from './agent-liveness.js';
export { agentAccessObjects, agentSubject, agentUserName, clusterNamespaceObject, contentReaderClusterRole, type AgentIdentity } from './agent-access.js';
export { decideGrant, type GrantDecision, type RefusalReason } from './grant-decision.js';
export { REGISTRATION_FIELD_MANAGER } from './hub-writes.js';
export { LIVENESS_FIELD_MANAGER, LivenessMonitor, type LivenessMonitorOptions } from './liveness-monitor.js';
export { RegistrationController, type RegistrationControllerOptions } from './registration-controller.js';
export * from './registration-names.js';
export { RESULT_KEYS, hubKubeconfigText, resultSecret, type HubEndpoint, type ResultSecretInput } from './registration-result.js';
export { hubEndpointOf, startRegistration, type RegistrationOptions, type RunningRegistration } from './start-registration.js';
export { registrationReaderObjects, tokenAccessObjects } from './token-access.js';
export { TokenController, type TokenControllerOptions } from './token-controller.js';
export { rfc3339, tokenExpiry, type TokenExpiry } from './token-expiry.js';
