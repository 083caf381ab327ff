/**
 * The agent's hub credential and identity, as the agent keeps it on its member cluster in
 * Secret `flotilla-agent` of `flotilla-system`: a hub kubeconfig (server, CA, the agent's own
 * token) plus the workspace, Cluster and cluster namespace it was granted and the client ID
 * it registered with. With it the agent restarts without the registration token.
 */
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../../api/meta.js';
import { LABELS, SYSTEM_NAMESPACE } from '../../api/names.js';

export const AGENT_SECRET_NAME = 'flotilla-agent';

export interface AgentCredential {
  readonly hubServer: string;
  readonly hubCaPem?: string;
  readonly token: string;
  readonly workspace: string;
  readonly clusterName: string;
  readonly clusterNamespace: string;
  readonly clientID: string;
}

const KEYS = ['kubeconfig', 'workspace', 'clusterName', 'clusterNamespace', 'clientID'] as const;

export function hubKubeConfig(credential: Pick<AgentCredential, 'hubServer' | 'hubCaPem' | 'token' | 'clusterName'>): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'hub', server: credential.hubServer, caData: credential.hubCaPem ? Buffer.from(credential.hubCaPem).toString('base64') : undefined, skipTLSVerify: false }],
    users: [{ name: `agent-${credential.clusterName}`, token: credential.token }],
    contexts: [{ name: 'hub', cluster: 'hub', user: `agent-${credential.clusterName}` }],
    currentContext: 'hub',
  });
  return kc;
}

export function credentialSecret(credential: AgentCredential): KubeObject {
  const text: Record<(typeof KEYS)[number], string> = {
    kubeconfig: hubKubeConfig(credential).exportConfig(),
    workspace: credential.workspace,
    clusterName: credential.clusterName,
    clusterNamespace: credential.clusterNamespace,
    clientID: credential.clientID,
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: AGENT_SECRET_NAME, namespace: SYSTEM_NAMESPACE, labels: { [LABELS.managed]: 'true' } },
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(text).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  };
}

/** The credential a Secret holds, or undefined when any part is missing (then the agent must register again). */
export function credentialFromSecret(secret: KubeObject): AgentCredential | undefined {
  const data = (secret.data ?? {}) as Record<string, string | undefined>;
  const text = (key: string) => (data[key] ? Buffer.from(data[key], 'base64').toString('utf8') : '');
  if (KEYS.some((k) => !text(k))) return undefined;
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text('kubeconfig'));
  } catch {
    return undefined;
  }
  const cluster = kc.getCurrentCluster();
  const token = kc.getCurrentUser()?.token;
  if (!cluster?.server || !token) return undefined;
  return {
    hubServer: cluster.server,
    ...(cluster.caData ? { hubCaPem: Buffer.from(cluster.caData, 'base64').toString('utf8') } : {}),
    token,
    workspace: text('workspace'),
    clusterName: text('clusterName'),
    clusterNamespace: text('clusterNamespace'),
    clientID: text('clientID'),
  };
}
