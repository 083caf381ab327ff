/**
 * A real embedded hub with the controller's targeting and status parts running in-process
 * (bootstrap, then `startTargeting`), and helpers to make Clusters, Bundles and other hub
 * objects by hand and to write BundleDeployment status as an agent would. No agents run.
 */
import { pino } from 'pino';
import { API_VERSION } from '../../../src/api/group.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { clusterNamespaceName } from '../../../src/api/names.js';
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import { bootstrapHub } from '../../../src/controller/bootstrap/index.js';
import { startTargeting, type RunningTargeting } from '../../../src/controller/targeting/index.js';
import { systemClock } from '../../../src/kube/clock.js';
import { isNotFound } from '../../../src/kube/api-error.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';

export interface Hub {
  api: TestApiServer;
  client: ObjectClient;
  controller: RunningTargeting;
  stop(): Promise<void>;
}

export async function startHub(): Promise<Hub> {
  const api = await startTestApiServer();
  const client = await ObjectClient.create(api.kubeConfig());
  const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
  const clock = systemClock();
  await bootstrapHub({ client, clock, logger });
  const controller = await startTargeting({ client, clock, logger });
  return {
    api,
    client,
    controller,
    async stop() {
      await controller.stop();
      client.close();
      await api.stop();
    },
  };
}

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
`;

export function bundle(namespace: string, name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: API_VERSION, kind: 'Bundle', metadata: { name, namespace, labels }, spec: { resources: [{ name: 'configmap.yaml', content: CONFIGMAP }], ...spec } };
}

export function cluster(namespace: string, name: string, labels: Record<string, string>): KubeObject {
  return { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name, namespace, labels }, spec: {} };
}

export function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export async function create(hub: Hub, ...objects: KubeObject[]): Promise<void> {
  for (const obj of objects) await hub.client.create(obj);
}

export async function remove(hub: Hub, obj: KubeObject): Promise<void> {
  try {
    await hub.client.delete({ apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '', namespace: obj.metadata.namespace });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export async function relabel(hub: Hub, obj: KubeObject, labels: Record<string, string | null>): Promise<void> {
  await hub.client.patch({ apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '', namespace: obj.metadata.namespace }, { metadata: { labels } }, { type: 'merge' });
}

export async function getObject<T extends KubeObject>(hub: Hub, ref: { apiVersion?: string; kind: string; namespace?: string; name: string }): Promise<T | undefined> {
  try {
    return await hub.client.get<T>({ apiVersion: ref.apiVersion ?? API_VERSION, kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** The names of the clusters (`workspace/cluster`) holding a BundleDeployment of the bundle. */
export async function deployedTo(hub: Hub, workspace: string, bundleName: string): Promise<string[]> {
  const list = await hub.client.list<BundleDeployment>({ apiVersion: API_VERSION, kind: 'BundleDeployment' }, { labelSelector: `flotilla.io/bundle-name=${bundleName},flotilla.io/bundle-namespace=${workspace}` });
  return list.items.map((bd) => `${bd.metadata.labels?.['flotilla.io/cluster-namespace']}/${bd.metadata.labels?.['flotilla.io/cluster-name']}`).sort();
}

export async function deploymentOf(hub: Hub, workspace: string, clusterName: string, bundleName: string): Promise<BundleDeployment | undefined> {
  return getObject<BundleDeployment>(hub, { kind: 'BundleDeployment', namespace: clusterNamespaceName(workspace, clusterName), name: bundleName });
}

/** Writes BundleDeployment status as an agent does after applying its deploymentID. */
export async function reportApplied(hub: Hub, bd: BundleDeployment, options: { ready: boolean }): Promise<void> {
  const status = { appliedDeploymentID: bd.spec.deploymentID, ready: options.ready, nonModified: true, conditions: [{ type: 'Deployed', status: 'True', reason: 'Applied' }] };
  await hub.client.apply(
    { apiVersion: API_VERSION, kind: 'BundleDeployment', metadata: { name: bd.metadata.name, namespace: bd.metadata.namespace }, status },
    { fieldManager: 'flotilla-agent', force: true, subresource: 'status' },
  );
}
