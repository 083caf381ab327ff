/**
 * src/agent/registration: how an agent joins a hub and remembers it. With a registration
 * token it creates a ClusterRegistration identified by its member's kube-system uid, waits
 * for the grant and takes its own hub token (register-cluster); it keeps that credential on
 * the member in Secret flotilla-agent of flotilla-system (agent-credential, credential-store),
 * so a restarted agent needs no token. The token's claims say where to register (token-claims).
 */
export { AGENT_SECRET_NAME, credentialFromSecret, credentialSecret, hubKubeConfig, type AgentCredential } from './agent-credential.js';
export { CredentialStore } from './credential-store.js';
export { RegistrationError, registerCluster, type RegisterOptions, type RegistrationFailureReason } from './register-cluster.js';
export { MalformedTokenError, tokenClaims, type TokenClaims } from './token-claims.js';
