/**
 * Keeps the agent's credential on its member cluster (Secret `flotilla-agent` in
 * `flotilla-system`, created with its namespace when missing), and reads the member's
 * identity: the uid of its `kube-system` namespace, which survives agent reinstalls, so a
 * re-registered member keeps its Cluster on the hub.
 */
import type { KubeObject } from '../../api/meta.js';
import { SYSTEM_NAMESPACE } from '../../api/names.js';
import { isNotFound } from '../../kube/api-error.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { AGENT_SECRET_NAME, credentialFromSecret, credentialSecret, type AgentCredential } from './agent-credential.js';

const FIELD_MANAGER = 'flotilla-agent';

export class CredentialStore {
  constructor(private readonly member: ObjectClient) {}

  async read(signal?: AbortSignal): Promise<AgentCredential | undefined> {
    try {
      const secret = await this.member.get<KubeObject>({ apiVersion: 'v1', kind: 'Secret', namespace: SYSTEM_NAMESPACE, name: AGENT_SECRET_NAME }, { signal });
      return credentialFromSecret(secret);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async write(credential: AgentCredential, signal?: AbortSignal): Promise<void> {
    await this.member.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYSTEM_NAMESPACE } }, { fieldManager: FIELD_MANAGER, signal });
    await this.member.apply(credentialSecret(credential), { fieldManager: FIELD_MANAGER, force: true, signal });
  }

  /** The member's identity: its kube-system namespace's uid. */
  async clientId(signal?: AbortSignal): Promise<string> {
    const ns = await this.member.get<KubeObject>({ apiVersion: 'v1', kind: 'Namespace', name: 'kube-system' }, { signal });
    if (!ns.metadata.uid) throw new Error('the member’s kube-system namespace has no uid');
    return ns.metadata.uid;
  }
}
