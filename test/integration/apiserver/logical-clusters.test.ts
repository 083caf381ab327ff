/**
 * One server hosting independent logical clusters under /clusters/<name>: each has its own
 * objects, namespaces (with their own uids), CRDs and watch streams, and a kubeconfig whose
 * server URL carries the prefix works with kubectl and @kubernetes/client-node.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { kubectl } from '../../support/kubectl.js';

let api: TestApiServer;
let dir: string;

beforeAll(async () => {
  api = await startTestApiServer();
  dir = await mkdtemp(join(tmpdir(), 'flotilla-logical-'));
  for (const name of ['m1', 'm2']) await api.server.createCluster(name);
});
afterAll(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('logical clusters', () => {
  it('gives each cluster its own kube-system namespace uid', async () => {
    const uid = async (cluster: string) => (await api.request('GET', `/clusters/${cluster}/api/v1/namespaces/kube-system`)).json.metadata.uid;
    const [root, m1, m2] = [await api.request('GET', '/api/v1/namespaces/kube-system'), await uid('m1'), await uid('m2')];
    expect(new Set([root.json.metadata.uid, m1, m2]).size).toBe(3);
  });

  it('keeps objects apart: what is created in one cluster is not seen in another', async () => {
    const core1 = api.kubeConfig('m1').makeApiClient(CoreV1Api);
    const core2 = api.kubeConfig('m2').makeApiClient(CoreV1Api);
    await core1.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'only-in-m1' }, data: { a: 'b' } } });
    const m1 = await core1.listNamespacedConfigMap({ namespace: 'default' });
    const m2 = await core2.listNamespacedConfigMap({ namespace: 'default' });
    expect(m1.items.map((i) => i.metadata!.name)).toContain('only-in-m1');
    expect(m2.items.map((i) => i.metadata!.name)).not.toContain('only-in-m1');
  });

  it('serves a CRD only in the cluster it was created in', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Cluster',
        names: { plural: 'gadgets', kind: 'Gadget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    expect((await api.request('POST', '/clusters/m1/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status).toBe(201);
    expect((await api.request('GET', '/clusters/m1/apis/example.com/v1/gadgets')).status).toBe(200);
    expect((await api.request('GET', '/clusters/m2/apis/example.com/v1/gadgets')).status).toBe(404);
  });

  it('works with kubectl through a kubeconfig whose server URL carries the prefix', async () => {
    const kubeconfig = join(dir, 'm2.kubeconfig');
    await writeFile(kubeconfig, api.server.kubeconfig('m2'));
    const opts = { kubeconfig, cacheDir: join(dir, 'cache') };
    expect((await kubectl(['create', 'namespace', 'team-a', '--dry-run=client', '-o', 'yaml'], opts)).code).toBe(0);
    const applied = await kubectl(['apply', '-f', '-'], { ...opts, input: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n' });
    expect(applied.stdout).toContain('namespace/team-a created');
    expect((await kubectl(['get', 'ns', 'team-a', '-o', 'name'], opts)).stdout.trim()).toBe('namespace/team-a');
    expect((await api.request('GET', '/clusters/m1/api/v1/namespaces/team-a')).status).toBe(404);
  });

  it('answers 404 for a cluster that does not exist', async () => {
    expect((await api.request('GET', '/clusters/nope/api/v1/namespaces')).status).toBe(404);
  });

  it('keeps logical clusters across a restart', async () => {
    await api.restart();
    expect((await api.request('GET', '/clusters/m1/api/v1/namespaces/default/configmaps/only-in-m1')).status).toBe(200);
  });
});
