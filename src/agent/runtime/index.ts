/**
 * src/agent/runtime: the agent process around the apply engine. connectAgent finds or
 * obtains the hub credential (src/agent/registration) and runs a ClusterAgent: an informer
 * on its own cluster namespace's BundleDeployments, Content fetched by name
 * (content-source), the apply engine, status written back only when it changed
 * (status-change), objects of BundleDeployments that name a service account applied as
 * that account (impersonating-clients), and a coalesced heartbeat on its Cluster
 * (heartbeat). Many agents in one process (simulation) are many ClusterAgents, each with its
 * own clients.
 */
export { ClusterAgent, type ClusterAgentOptions } from './cluster-agent.js';
export { connectAgent, type ConnectAgentOptions, type ConnectedAgent } from './connect-agent.js';
export { ContentSource } from './content-source.js';
export { Heartbeat, type HeartbeatOptions } from './heartbeat.js';
export { ImpersonatingClients, impersonatingKubeConfig } from './impersonating-clients.js';
export { statusChanged } from './status-change.js';
