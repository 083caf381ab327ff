import { describe, expect, it } from 'vitest';
import { AGENT_SECRET_NAME, credentialFromSecret, credentialSecret, hubKubeConfig, type AgentCredential } from './agent-credential.js';

const credential: AgentCredential = {
  hubServer: 'https://127.0.0.1:6443',
  hubCaPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  token: 'header.payload.sig',
  workspace: 'fleet-default',
  clusterName: 'east',
  clusterNamespace: 'cluster-fleet-default-east-0123456789ab',
  clientID: 'kube-system-uid',
};

const cases = [
  { name: 'a credential with a CA survives the round trip through its Secret', credential },
  { name: 'a credential without a CA survives the round trip', credential: { ...credential, hubCaPem: undefined } },
];

describe('agent credential Secret', () => {
  it.each(cases)('$name', ({ credential: c }) => {
    const secret = credentialSecret(c);
    expect(secret.metadata).toMatchObject({ name: AGENT_SECRET_NAME, namespace: 'flotilla-system' });
    const back = credentialFromSecret(secret);
    expect(back).toEqual(Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)));
  });

  it('a Secret missing a part holds no credential, so the agent registers again', () => {
    const secret = credentialSecret(credential);
    delete (secret.data as Record<string, string>).clusterNamespace;
    expect(credentialFromSecret(secret)).toBeUndefined();
  });

  it('the hub kubeconfig authenticates with the agent token and trusts only the given CA', () => {
    const kc = hubKubeConfig(credential);
    expect(kc.getCurrentUser()?.token).toBe(credential.token);
    expect(kc.getCurrentCluster()).toMatchObject({ server: credential.hubServer, skipTLSVerify: false });
    expect(Buffer.from(kc.getCurrentCluster()?.caData ?? '', 'base64').toString()).toBe(credential.hubCaPem);
  });
});
