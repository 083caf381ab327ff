/**
 * The Secret that hands a granted registration its hub credential, as data: the agent's
 * ServiceAccount token, the Cluster and namespaces it was granted, and a ready-made hub
 * kubeconfig (with the server and CA the controller itself uses; an agent that reached the
 * hub another way keeps its own URL and CA and takes only the token).
 */
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../../api/meta.js';
import { CLUSTERS_SYSTEM_NAMESPACE, LABELS, clusterNamespaceName } from '../../api/names.js';

/** Keys of the result Secret's data; the agent reads the same keys. */
export const RESULT_KEYS = Object.freeze({
  token: 'token',
  kubeconfig: 'kubeconfig',
  clusterName: 'clusterName',
  clusterNamespace: 'clusterNamespace',
  workspace: 'workspace',
});

export interface HubEndpoint {
  server: string;
  caPem?: string;
}

export interface ResultSecretInput {
  name: string;
  workspace: string;
  registration: string;
  cluster: string;
  token: string;
  hub: HubEndpoint;
}

export function hubKubeconfigText(input: { hub: HubEndpoint; token: string; name: string }): string {
  const kc = new KubeConfig();
  const caData = input.hub.caPem ? Buffer.from(input.hub.caPem).toString('base64') : undefined;
  kc.loadFromOptions({
    clusters: [{ name: 'hub', server: input.hub.server, caData, skipTLSVerify: false }],
    users: [{ name: input.name, token: input.token }],
    contexts: [{ name: 'hub', cluster: 'hub', user: input.name }],
    currentContext: 'hub',
  });
  return kc.exportConfig();
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export function resultSecret(input: ResultSecretInput): KubeObject {
  const data = {
    [RESULT_KEYS.token]: input.token,
    [RESULT_KEYS.kubeconfig]: hubKubeconfigText({ hub: input.hub, token: input.token, name: `agent-${input.cluster}` }),
    [RESULT_KEYS.clusterName]: input.cluster,
    [RESULT_KEYS.clusterNamespace]: clusterNamespaceName(input.workspace, input.cluster),
    [RESULT_KEYS.workspace]: input.workspace,
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: input.name,
      namespace: CLUSTERS_SYSTEM_NAMESPACE,
      labels: { [LABELS.managed]: 'true', [LABELS.clusterRegistration]: input.registration, [LABELS.clusterRegistrationNamespace]: input.workspace },
    },
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
  };
}
