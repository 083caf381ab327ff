/**
 * A registration token for the demo's members, made as `flotilla cluster token create`
 * makes one: a ClusterRegistrationToken in the workspace, then the credential the
 * registration controller issues for it, read from the Secret its status names.
 */
import type { ClusterRegistrationToken } from '../../api/cluster-registration-token.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { isNotFound } from '../../kube/api-error.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import type { ObjectClient } from '../../kube/object-client.js';

export interface TokenRequest {
  workspace: string;
  name: string;
  /** How long the token is valid. */
  ttl: Duration;
  clock: Clock;
  /** How long to wait for the controller to issue the credential. */
  timeout: Duration;
}

async function issuedSecretToken(client: ObjectClient, namespace: string, secretName: string): Promise<string | undefined> {
  try {
    const secret = await client.get<KubeObject>({ apiVersion: 'v1', kind: 'Secret', namespace, name: secretName });
    const token = (secret.data as Record<string, string | undefined> | undefined)?.token;
    return token ? Buffer.from(token, 'base64').toString('utf8') : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Creates the token and resolves with its credential; throws naming the token when none is issued in time. */
export async function createRegistrationToken(client: ObjectClient, request: TokenRequest): Promise<string> {
  const { workspace: namespace, name, clock } = request;
  await client.create<KubeObject>({ apiVersion: API_VERSION, kind: 'ClusterRegistrationToken', metadata: { name, namespace }, spec: { ttl: request.ttl.toString() } });
  const deadline = clock.now() + request.timeout.toMilliseconds();
  for (;;) {
    const crt = (await client.get<KubeObject>({ apiVersion: API_VERSION, kind: 'ClusterRegistrationToken', namespace, name })) as unknown as ClusterRegistrationToken;
    const secretName = crt.status?.secretName;
    const token = secretName ? await issuedSecretToken(client, namespace, secretName) : undefined;
    if (token) return token;
    if (clock.now() >= deadline) throw new Error(`ClusterRegistrationToken ${namespace}/${name}: the registration controller issued no credential within ${request.timeout.toString()}`);
    await clock.sleep(Duration.milliseconds(100));
  }
}
