/**
 * What kubectl prints against the embedded server, compared with what it prints against a
 * real cluster (issue 4): default columns of built-in kinds and CRD printer columns, -o wide,
 * get -w rows, client-side apply create and update, and field validation errors.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { kubectl as runKubectl, startKubectl } from '../../support/kubectl.js';

let api: TestApiServer;
let dir: string;
const k = (args: string[], input?: string) => runKubectl(args, { kubeconfig: api.kubeconfigPath, cacheDir: join(dir, 'cache'), input });
const header = (out: string) => out.split('\n')[0]!.trim().split(/\s{2,}/);

const manifests = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: default}
data: {a: "1", b: "2"}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: default}
type: Opaque
stringData: {password: hunter2}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
`;

beforeAll(async () => {
  api = await startTestApiServer();
  dir = await mkdtemp(join(tmpdir(), 'flotilla-kubectl-output-'));
});
afterAll(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('kubectl apply (client-side)', () => {
  it('creates built-in objects, then updates them with a computed patch', async () => {
    const created = await k(['apply', '-f', '-'], manifests);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim().split('\n')).toEqual(['configmap/settings created', 'secret/creds created', 'deployment.apps/web created']);
    const updated = await k(['apply', '-f', '-'], manifests.replace('b: "2"', 'b: "3"'));
    // A Secret applied with stringData is "configured" every time on a real cluster too: the
    // live object holds only data, so kubectl's three-way patch always carries stringData.
    expect(updated.stdout.trim().split('\n')).toEqual(['configmap/settings configured', 'secret/creds configured', 'deployment.apps/web unchanged']);
    expect((await k(['get', 'secret', 'creds', '-o', 'jsonpath={.data.password}'])).stdout).toBe(Buffer.from('hunter2').toString('base64'));
    expect((await k(['get', 'cm', 'settings', '-o', 'jsonpath={.data.b}'])).stdout).toBe('3');
  });

  it('reports an unknown field as a real cluster does', async () => {
    const res = await k(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo, namespace: default}\ndatta: {a: "1"}\n');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "datta"');
  });
});

describe('kubectl get columns', () => {
  const cases = [
    { name: 'ConfigMaps show DATA', args: ['get', 'configmaps'], columns: ['NAME', 'DATA', 'AGE'], row: /^settings\s+2\s+\d+s$/m },
    { name: 'Secrets show TYPE and DATA', args: ['get', 'secrets'], columns: ['NAME', 'TYPE', 'DATA', 'AGE'], row: /^creds\s+Opaque\s+1\s+\d+s$/m },
    { name: 'Namespaces show STATUS', args: ['get', 'namespaces'], columns: ['NAME', 'STATUS', 'AGE'], row: /^default\s+Active\s+\d+s$/m },
    { name: 'Deployments show READY, UP-TO-DATE and AVAILABLE', args: ['get', 'deployments'], columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], row: /^web\s+0\/2\s+0\s+0\s+\d+s$/m },
    {
      name: 'Deployments add CONTAINERS, IMAGES and SELECTOR with -o wide',
      args: ['get', 'deployments', '-o', 'wide'],
      columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
      row: /^web\s+0\/2\s+0\s+0\s+\d+s\s+nginx\s+nginx:1\.27\s+app=web$/m,
    },
  ];
  it.each(cases)('$name', async ({ args, columns, row }) => {
    const res = await k(args);
    expect(header(res.stdout)).toEqual(columns);
    expect(res.stdout).toMatch(row);
  });

  it('shows a CRD printer columns, and AGE only when it declares none', async () => {
    const crd = (name: string, columns: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: ${name}s.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: ${name}s, kind: ${name[0]!.toUpperCase()}${name.slice(1)}}
  versions:
  - name: v1
    served: true
    storage: true
${columns}    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}}}}}}
`;
    await k(['apply', '-f', '-'], crd('sized', '    additionalPrinterColumns: [{name: Size, type: integer, jsonPath: .spec.size}]\n'));
    await k(['apply', '-f', '-'], crd('plain', ''));
    await k(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Sized\nmetadata: {name: s1, namespace: default}\nspec: {size: 5}\n---\napiVersion: example.com/v1\nkind: Plain\nmetadata: {name: p1, namespace: default}\nspec: {size: 5}\n');
    const sized = await k(['get', 'sizeds']);
    expect(header(sized.stdout)).toEqual(['NAME', 'SIZE']);
    expect(sized.stdout).toMatch(/^s1\s+5$/m);
    expect(header((await k(['get', 'plains'])).stdout)).toEqual(['NAME', 'AGE']);
  });

  it('prints rows as they change with get -w', async () => {
    const watch = startKubectl(['get', 'configmaps', '-w'], { kubeconfig: api.kubeconfigPath, cacheDir: join(dir, 'cache') });
    await expect.poll(() => watch.output()).toMatch(/^settings\s+2\s+/m);
    await k(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: later, namespace: default}\ndata: {x: "1", y: "2", z: "3"}\n');
    await expect.poll(() => watch.output()).toMatch(/^later\s+3\s+/m);
    await watch.stop();
    expect(header(watch.output())).toEqual(['NAME', 'DATA', 'AGE']);
  });
});
