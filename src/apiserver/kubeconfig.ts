/** The admin kubeconfig the server writes for each logical cluster. */
import { stringify } from 'yaml';

export interface KubeconfigInput {
  name: string;
  server: string;
  token: string;
  caPem?: string;
}

export function kubeconfigYaml(input: KubeconfigInput): string {
  const cluster: Record<string, string> = { server: input.server };
  if (input.caPem) cluster['certificate-authority-data'] = Buffer.from(input.caPem).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: input.name, cluster }],
    users: [{ name: `${input.name}-admin`, user: { token: input.token } }],
    contexts: [{ name: input.name, context: { cluster: input.name, user: `${input.name}-admin` } }],
    'current-context': input.name,
    preferences: {},
  });
}
