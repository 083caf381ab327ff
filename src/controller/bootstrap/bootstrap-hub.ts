/**
 * Bootstrap on start: creates whatever of the bootstrap objects is missing and leaves
 * existing ones alone (a user may have relabelled the local Cluster or changed the default
 * group), so it is idempotent and safe on every restart. CRDs come first and are waited for,
 * because the Cluster and ClusterGroup can only be created once their kinds are served.
 */
import type { Logger } from 'pino';
import type { KubeObject } from '../../api/meta.js';
import { isAlreadyExists, isNotFound } from '../../kube/api-error.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { bootstrapCrds, bootstrapNamespaces, bootstrapWorkspaceObjects } from './bootstrap-objects.js';

export interface BootstrapOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /** How long to wait for new CRDs to be served; default 30 s. */
  crdTimeout?: Duration;
}

/** Creates `obj` unless it exists; returns whether it created it. */
async function ensure(client: ObjectClient, obj: KubeObject, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await client.get({ apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '', namespace: obj.metadata.namespace }, { signal });
    return false;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  try {
    await client.create(obj, { signal });
    return true;
  } catch (err) {
    if (isAlreadyExists(err)) return false;
    throw err;
  }
}

async function waitServed(options: BootstrapOptions, obj: KubeObject): Promise<void> {
  const deadline = options.clock.now() + (options.crdTimeout ?? Duration.seconds(30)).toMilliseconds();
  for (;;) {
    options.client.discovery.invalidate(obj.apiVersion);
    try {
      await options.client.discovery.resolve(obj);
      return;
    } catch (err) {
      if (options.clock.now() >= deadline) throw new Error(`${obj.kind}.${obj.apiVersion} is not served after its CRD was created`, { cause: err });
    }
    await options.clock.sleep(Duration.milliseconds(100), options.signal);
  }
}

export async function bootstrapHub(options: BootstrapOptions): Promise<void> {
  const { client, logger, signal } = options;
  for (const crd of bootstrapCrds()) {
    if (await ensure(client, crd as unknown as KubeObject, signal)) logger.info({ crd: crd.metadata.name }, 'created CRD');
  }
  for (const ns of bootstrapNamespaces()) {
    if (await ensure(client, ns, signal)) logger.info({ namespace: ns.metadata.name }, 'created namespace');
  }
  for (const obj of bootstrapWorkspaceObjects()) {
    await waitServed(options, obj);
    if (await ensure(client, obj, signal)) logger.info({ kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name }, 'created');
  }
}
