/**
 * Which member changes the monitor reports, against a real embedded API server: changes to
 * applied objects queue their BundleDeployment, the agent's own inventory writes do not
 * (they queued two needless re-checks per apply), an inventory's deletion does.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { ANNOTATIONS, LABELS, SYSTEM_NAMESPACE } from '../api/names.js';
import { Duration } from '../kube/duration.js';
import { ObjectClient } from '../kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../test/support/api-server.js';
import { AppliedObjectMonitor, triggerOnly } from './applied-object-monitor.js';
import { inventoryName } from './inventory-store.js';

const HUB = 'cluster-x';
const KEY = 'cluster-x/app';
let server: TestApiServer;
let client: ObjectClient;

beforeAll(async () => {
  server = await startTestApiServer();
  client = await ObjectClient.create(server.kubeConfig());
  await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYSTEM_NAMESPACE } }, { fieldManager: 'test' });
}, 60_000);

afterAll(async () => {
  client?.close();
  await server?.stop();
});

function managed(namespace: string, name: string, value: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { [LABELS.managedBy]: HUB }, annotations: { [ANNOTATIONS.bundleDeployment]: KEY } }, data: { value } };
}

const MARKER = 'cluster-x/marker';
function marker(): KubeObject {
  const obj = managed('default', 'marker', String(Math.random()));
  return { ...obj, metadata: { ...obj.metadata, annotations: { [ANNOTATIONS.bundleDeployment]: MARKER } } };
}

interface Case {
  name: string;
  change: () => Promise<unknown>;
  reported: boolean;
}

/**
 * Versions of app-obj after this one are the agent's own writes, as the applier would declare
 * them (by the version it answered; here by order, since the watch may deliver the version
 * before the apply's answer arrives).
 */
let ownAfter: number | undefined;

const cases: Case[] = [
  { name: 'a change to an applied object queues its BundleDeployment', change: () => client.apply(managed('default', 'app-obj', 'changed'), { fieldManager: 'someone', force: true }), reported: true },
  { name: 'the agent writing an inventory queues nothing', change: () => client.apply(managed(SYSTEM_NAMESPACE, inventoryName(KEY), 'rewritten'), { fieldManager: 'flotilla-agent' }), reported: false },
  {
    name: 'an applied object version that is the agent own apply queues nothing',
    change: async () => {
      ownAfter = Number((await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'app-obj' })).metadata.resourceVersion);
      await client.apply(managed('default', 'app-obj', 'by the agent'), { fieldManager: 'flotilla-agent', force: true });
    },
    reported: false,
  },
  { name: 'an inventory deleted queues its BundleDeployment', change: () => client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: SYSTEM_NAMESPACE, name: inventoryName(KEY) }), reported: true },
];

describe('AppliedObjectMonitor', () => {
  it.each(cases)('$name', async ({ change, reported }) => {
    await client.apply(managed('default', 'app-obj', 'first'), { fieldManager: 'flotilla-agent', force: true });
    await client.apply(managed(SYSTEM_NAMESPACE, inventoryName(KEY), 'first'), { fieldManager: 'flotilla-agent', force: true });
    const changes: string[] = [];
    const monitor = new AppliedObjectMonitor({ client, hub: HUB, resyncEvery: Duration.minutes(10), onChange: (key) => changes.push(key), isOwnWrite: (ref, seen) => ref.name === 'app-obj' && ownAfter !== undefined && Number(seen.metadata.resourceVersion) > ownAfter });
    monitor.start();
    monitor.track(KEY, [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'app-obj' }]);
    monitor.track(MARKER, []);
    try {
      await monitor.waitForSync();
      changes.length = 0;
      await change();
      // A change after it on the same watch: once that is reported, the one before was delivered too.
      await client.apply(marker(), { fieldManager: 'test', force: true });
      await expect.poll(() => changes.includes(MARKER), { timeout: 10_000 }).toBe(true);
      expect(changes.includes(KEY)).toBe(reported);
    } finally {
      ownAfter = undefined;
      await monitor.stop();
    }
  });

  it('keeps of each object only its name, version and BundleDeployment annotation', () => {
    const obj: KubeObject = { ...managed('default', 'a', 'v'), metadata: { ...managed('default', 'a', 'v').metadata, uid: 'u1', resourceVersion: '7', managedFields: [{ manager: 'x' }] } };
    expect(triggerOnly(obj)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default', uid: 'u1', resourceVersion: '7', annotations: { [ANNOTATIONS.bundleDeployment]: KEY } } });
  });

  it('reports a watch of the member that keeps failing through the agent’s logger', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const monitor = new AppliedObjectMonitor({ client, hub: HUB, resyncEvery: Duration.minutes(10), onChange: () => undefined, logger: pino({ level: 'warn' }, sink).child({ cluster: 'east' }) });
    monitor.start();
    monitor.track(KEY, [{ apiVersion: 'example.com/v1', kind: 'Unserved', name: 'x' }]);
    try {
      await expect.poll(() => lines.map((l) => JSON.parse(l) as { msg: string; cluster?: string; informer?: string }).find((l) => l.msg === 'list or watch failed; retrying'), { timeout: 10_000 }).toMatchObject({ cluster: 'east', informer: 'Unserved.example.com/v1' });
    } finally {
      await monitor.stop();
    }
  });
});
