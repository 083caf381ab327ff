/**
 * Member clients that act as another user (the `Impersonate-User` header, as kubectl's
 * `--as` sends it), for BundleDeployments that name a service account: the agent applies
 * their objects with that account's rights, not its own. One client per user, made on first
 * use and kept, since the applier asks for it on every deploy and check.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { ObjectClient, type ObjectClientOptions } from '../../kube/object-client.js';

/** A copy of `kc` whose current user impersonates `username`. */
export function impersonatingKubeConfig(kc: KubeConfig, username: string): KubeConfig {
  const current = kc.getCurrentUser();
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: kc.getClusters(),
    contexts: kc.getContexts(),
    users: kc.getUsers().map((u) => (u.name === current?.name ? { ...u, impersonateUser: username } : u)),
    currentContext: kc.getCurrentContext(),
  });
  return copy;
}

export class ImpersonatingClients {
  private readonly clients = new Map<string, Promise<ObjectClient>>();

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly clientOptions: ObjectClientOptions = {},
  ) {}

  get(username: string): Promise<ObjectClient> {
    let client = this.clients.get(username);
    if (!client) {
      client = ObjectClient.create(impersonatingKubeConfig(this.kubeConfig, username), this.clientOptions);
      // A failed creation is not kept: the next deploy tries again.
      client.catch(() => this.clients.delete(username));
      this.clients.set(username, client);
    }
    return client;
  }

  async close(): Promise<void> {
    const settled = await Promise.allSettled(this.clients.values());
    for (const s of settled) if (s.status === 'fulfilled') s.value.close();
    this.clients.clear();
  }
}
