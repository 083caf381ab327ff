/**
 * Manifests of a kind the member lacks (issue 12, hostile repositories at apply time): a
 * bundle holds a custom resource whose CustomResourceDefinition is not installed on the
 * member, beside objects the member does serve (ConfigMaps, and a custom resource of a CRD
 * that is installed, sorted after the missing one). A real hub with its controllers, a real
 * member API server, and an in-process agent on the real HTTP clients.
 *
 * Rancher Fleet installs a bundle with Helm, which refuses the whole release when a kind has
 * no mapping; Flotilla applies what it can and names what it cannot (as `kubectl apply`
 * does), so one missing operator does not hold back the rest of a bundle. Either way nothing
 * already applied is deleted: pruning waits until the whole Content applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/api/meta.js';
import { isNotFound } from '../../../src/kube/api-error.js';
import { Duration } from '../../../src/kube/duration.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { memberSnapshot, type MemberSnapshot } from '../../faults/support/agent-member-state.js';
import { conditionOf, startAgentWorld, type AgentWorld } from '../../faults/support/agent-world.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';

const WAIT = { timeout: 45_000, interval: 200 };
const CLUSTER = 'east';
const NS = 'shop';
let world: AgentWorld;
let memberApi: TestApiServer;
let member: ObjectClient;

function crd(group: string, kind: string): KubeObject {
  const plural = `${kind.toLowerCase()}s`;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
}

const configMap = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;
const gadget = (name: string, size: number) => `apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: ${name}\nspec:\n  size: ${size}\n`;
const alarm = (name: string) => `apiVersion: monitoring.example.com/v1\nkind: Alarm\nmetadata:\n  name: ${name}\nspec:\n  threshold: 3\n`;
const yaml = (...docs: string[]) => docs.join('---\n');

async function live(apiVersion: string, kind: string, name: string): Promise<KubeObject | undefined> {
  try {
    return await member.get<KubeObject>({ apiVersion, kind, namespace: NS, name });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

const deployment = (bundle: string) => world.bundleDeployment(CLUSTER, bundle);
const appliedAndReady = async (bundle: string) => {
  const bd = await deployment(bundle);
  return Boolean(bd?.spec.deploymentID) && bd?.status?.appliedDeploymentID === bd?.spec.deploymentID && bd?.status?.ready === true;
};
const otherConfigMaps = () => memberSnapshot(member, { apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, labelSelector: 'flotilla.io/bundle-name=other' });

beforeAll(async () => {
  world = await startAgentWorld();
  memberApi = await startTestApiServer();
  member = await ObjectClient.create(memberApi.kubeConfig());
  await member.create(crd('example.com', 'Gadget'));
  // The re-check that notices a CRD installed later comes from the resync timer.
  await world.connectAgent({ member: memberApi.kubeConfig(), clusterName: CLUSTER, resyncInterval: Duration.seconds(1) });
}, 90_000);

afterAll(async () => {
  member?.close();
  await world?.stop();
  await memberApi?.stop();
});

describe('a bundle with manifests for a kind the member lacks', () => {
  let otherBefore: MemberSnapshot;
  let extraUid: string | undefined;

  it('before it: a bundle of kinds the member serves is applied and Ready, beside another bundle', async () => {
    await world.setBundle('ops', yaml(configMap('settings', 'one'), configMap('extra', 'x'), gadget('g1', 1)), { cluster: CLUSTER, defaultNamespace: NS });
    await world.setBundle('other', configMap('elsewhere', 'kept'), { cluster: CLUSTER, defaultNamespace: NS });
    await expect.poll(() => appliedAndReady('ops'), WAIT).toBe(true);
    await expect.poll(() => appliedAndReady('other'), WAIT).toBe(true);
    otherBefore = await otherConfigMaps();
    extraUid = (await live('v1', 'ConfigMap', 'extra'))?.metadata.uid;
    expect(extraUid).toBeTruthy();
  }, 90_000);

  it('the BundleDeployment shows the error naming the missing kind and its version, and is not Ready', async () => {
    await world.setBundle('ops', yaml(configMap('settings', 'two'), alarm('a1'), gadget('g1', 2), gadget('g2', 1)), { cluster: CLUSTER, defaultNamespace: NS });
    await expect.poll(async () => conditionOf((await deployment('ops'))?.status, 'Deployed'), WAIT).toMatchObject({
      status: 'False',
      reason: 'KindNotServed',
      message: expect.stringMatching(/does not serve kind Alarm in monitoring\.example\.com\/v1 .*Alarm shop\/a1/),
    });
    const bd = await deployment('ops');
    expect(bd?.status?.ready).toBe(false);
    expect(bd?.status?.display?.state).toBe('ErrApplied');
    expect(bd?.status?.appliedDeploymentID).not.toBe(bd?.spec.deploymentID);
  }, 90_000);

  it('every other object of that bundle is applied, including those after the missing kind in apply order', async () => {
    await expect.poll(async () => (await live('v1', 'ConfigMap', 'settings'))?.data, WAIT).toEqual({ value: 'two' });
    await expect.poll(async () => (await live('example.com/v1', 'Gadget', 'g1'))?.spec, WAIT).toEqual({ size: 2 });
    await expect.poll(async () => (await live('example.com/v1', 'Gadget', 'g2'))?.spec, WAIT).toEqual({ size: 1 });
  }, 90_000);

  it('nothing is deleted meanwhile: the object the new Content dropped stays, and the other bundle is untouched and Ready', async () => {
    expect((await live('v1', 'ConfigMap', 'extra'))?.metadata.uid).toBe(extraUid);
    expect(await otherConfigMaps()).toEqual(otherBefore);
    expect(await appliedAndReady('other')).toBe(true);
  }, 90_000);

  it('once the CRD is installed the whole Content applies, the bundle is Ready, and only then is the dropped object pruned', async () => {
    await member.create(crd('monitoring.example.com', 'Alarm'));
    await expect.poll(async () => (await live('monitoring.example.com/v1', 'Alarm', 'a1'))?.spec, WAIT).toEqual({ threshold: 3 });
    await expect.poll(() => appliedAndReady('ops'), WAIT).toBe(true);
    await expect.poll(() => live('v1', 'ConfigMap', 'extra'), WAIT).toBeUndefined();
    expect(await otherConfigMaps()).toEqual(otherBefore);
  }, 90_000);
});
