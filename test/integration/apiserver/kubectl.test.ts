/**
 * The machine's real kubectl against a fresh embedded server: CRDs, custom objects, get in
 * its formats, get -w, delete waiting on a finalizer, wait --for=condition, api-resources,
 * explain, patch, apply (client- and server-side) and namespace deletion.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { kubectl as runKubectl, startKubectl } from '../../support/kubectl.js';

let api: TestApiServer;
let dir: string;
const k = (args: string[], input?: string) => runKubectl(args, { kubeconfig: api.kubeconfigPath, cacheDir: join(dir, 'cache'), input });

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd], categories: [example]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            description: What the widget should be.
            properties:
              size: {type: integer, minimum: 1, description: How big the widget is.}
              color: {type: string, enum: [red, blue]}
          status:
            type: object
            properties:
              conditions:
                type: array
                items:
                  type: object
                  properties:
                    type: {type: string}
                    status: {type: string}
`;
const widget = (name: string, extra = '') => `apiVersion: example.com/v1
kind: Widget
metadata:
  name: ${name}
  namespace: default
${extra}spec:
  size: 3
  color: red
`;

beforeAll(async () => {
  api = await startTestApiServer();
  dir = await mkdtemp(join(tmpdir(), 'flotilla-kubectl-'));
  const created = await k(['create', '-f', '-'], crd);
  expect(created.stderr).toBe('');
});
afterAll(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('kubectl against the embedded server', () => {
  it('lists the served resources, the CRD among them, with api-resources', async () => {
    const res = await k(['api-resources']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^widgets\s+wd\s+example\.com\/v1\s+true\s+Widget/m);
    expect(res.stdout).toMatch(/^configmaps\s+cm\s+v1\s+true\s+ConfigMap/m);
  });

  it('creates a custom object and prints it with the CRD columns and as YAML', async () => {
    expect((await k(['create', '-f', '-'], widget('w1'))).stdout).toContain('widget.example.com/w1 created');
    const table = await k(['get', 'widgets']);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+SIZE\s+READY$/);
    expect(table.stdout).toMatch(/^w1\s+3\s+$/m);
    const yaml = parse((await k(['get', 'wd', 'w1', '-o', 'yaml'])).stdout);
    expect(yaml).toMatchObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'default', generation: 1 }, spec: { size: 3 } });
  });

  it('refuses an invalid custom object as a real cluster does, naming the field', async () => {
    const res = await k(['create', '-f', '-'], widget('bad').replace('size: 3', 'size: 0'));
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('The Widget "bad" is invalid: spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1');
  });

  it('prints later changes with get -w', async () => {
    const watch = startKubectl(['get', 'widgets', '-w', '--output-watch-events'], { kubeconfig: api.kubeconfigPath, cacheDir: join(dir, 'cache') });
    await expect.poll(() => watch.output()).toContain('w1');
    await k(['create', '-f', '-'], widget('w2'));
    await expect.poll(() => watch.output()).toMatch(/ADDED\s+w2/);
    await k(['patch', 'widget', 'w2', '--type=merge', '-p', '{"spec":{"size":7}}']);
    await expect.poll(() => watch.output()).toMatch(/MODIFIED\s+w2\s+7/);
    await watch.stop();
  });

  it('waits for a condition written through the status subresource', async () => {
    await k(['create', '-f', '-'], widget('w3'));
    const waiting = k(['wait', '--for=condition=Ready', 'widget/w3', '--timeout=20s']);
    const status = JSON.stringify({ status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    await k(['patch', 'widget', 'w3', '--subresource=status', '--type=merge', '-p', status]);
    const res = await waiting;
    expect(res.stdout).toContain('widget.example.com/w3 condition met');
    expect((await k(['get', 'widget', 'w3'])).stdout).toMatch(/^w3\s+3\s+True$/m);
  });

  it('keeps a deleted object with a finalizer until the finalizer is removed, and delete waits', async () => {
    await k(['create', '-f', '-'], widget('held', '  finalizers: [example.com/hold]\n'));
    const deleting = k(['delete', 'widget', 'held', '--timeout=30s']);
    await expect.poll(async () => (await k(['get', 'widget', 'held', '-o', 'jsonpath={.metadata.deletionTimestamp}'])).stdout).not.toBe('');
    await k(['patch', 'widget', 'held', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    const res = await deleting;
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('widget.example.com "held" deleted');
    expect((await k(['get', 'widget', 'held'])).stderr).toContain('NotFound');
  });

  it('applies client-side and server-side, and explains built-in and custom fields', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: default\ndata:\n  a: "1"\n';
    expect((await k(['apply', '-f', '-'], cm)).stdout).toContain('configmap/applied created');
    expect((await k(['apply', '-f', '-'], cm.replace('"1"', '"2"'))).stdout).toContain('configmap/applied configured');
    expect((await k(['apply', '--server-side', '-f', '-'], widget('ssa'))).stdout).toContain('serverside-applied');
    expect((await k(['explain', 'configmap.data'])).stdout).toContain('Data contains the configuration data');
    expect((await k(['explain', 'widget.spec.size'])).stdout).toContain('How big the widget is.');
  });

  it('deletes a namespace with everything in it', async () => {
    await k(['apply', '-f', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: gone\n');
    await k(['apply', '-f', '-'], widget('in-gone').replace('namespace: default', 'namespace: gone'));
    const res = await k(['delete', 'namespace', 'gone', '--timeout=30s']);
    expect(res.stdout).toContain('namespace "gone" deleted');
    expect((await k(['get', 'namespace', 'gone'])).stderr).toContain('NotFound');
    expect((await k(['get', 'widgets', '-n', 'gone', '-o', 'name'])).stdout).toBe('');
  });

  it('stops serving a kind when its CRD is deleted, removing its objects', async () => {
    await writeFile(join(dir, 'crd.yaml'), crd);
    expect((await k(['delete', '-f', join(dir, 'crd.yaml'), '--timeout=30s'])).code).toBe(0);
    await expect.poll(async () => (await k(['get', 'widgets'])).stderr).toContain('the server could not find the requested resource');
    const fresh = await runKubectl(['api-resources'], { kubeconfig: api.kubeconfigPath, cacheDir: join(dir, 'fresh-cache') });
    expect(fresh.stdout).not.toContain('widgets');
    expect((await api.request('GET', '/apis/example.com/v1/namespaces/default/widgets')).status).toBe(404);
  });
});
