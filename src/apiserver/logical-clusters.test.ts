import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { ApiServer } from './api-server.js';
import { defaultRbacObjects, ensureDefaultRbac } from './controllers/rbac-bootstrap.js';
import { INITIAL_NAMESPACES } from './logical-clusters.js';

const ROLES = 'rbac.authorization.k8s.io/clusterroles';
const BINDINGS = 'rbac.authorization.k8s.io/clusterrolebindings';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const names = (server: ApiServer, cluster: string, resource: string) => [...server.store.entries(cluster, resource)].map((e) => e.obj.metadata.name).sort();

describe('LogicalClusters', () => {
  let dir: string | undefined;
  let server: ApiServer | undefined;
  afterEach(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    server = dir = undefined;
  });

  async function start(): Promise<ApiServer> {
    dir ??= await mkdtemp(join(tmpdir(), 'logical-clusters-'));
    server = await ApiServer.start({ dataDir: dir, logger: pino({ level: 'silent' }), insecureHttp: true });
    return server;
  }

  const cases = [
    { name: 'many clusters created concurrently each get the namespaces and default RBAC, durable across a restart', clusters: Array.from({ length: 40 }, (_, i) => `m${i}`), concurrency: 8 },
    { name: 'a cluster named twice is created once, without a conflict', clusters: ['a', 'b', 'a'], concurrency: 3 },
  ];
  it.each(cases)('$name', async ({ clusters, concurrency }) => {
    let s = await start();
    const expectedRoles = defaultRbacObjects().roles.map((r) => r.metadata.name).sort();
    const expectedBindings = defaultRbacObjects().bindings.map((r) => r.metadata.name).sort();
    await s.clusters.ensureAll(clusters, s.objects, { concurrency });
    // Resolved means durable: a restart (which does not re-create anything already there) finds it all.
    const versions = new Map(clusters.map((c) => [c, names(s, c, ROLES).map((n) => s.store.get(c, ROLES, '', n ?? '')?.obj.metadata.uid)]));
    await s.stop();
    s = await start();
    for (const c of new Set(clusters)) {
      expect(names(s, c, '/namespaces')).toEqual([...INITIAL_NAMESPACES].sort());
      expect(names(s, c, ROLES)).toEqual(expectedRoles);
      expect(names(s, c, BINDINGS)).toEqual(expectedBindings);
      expect(names(s, c, ROLES).map((n) => s.store.get(c, ROLES, '', n ?? '')?.obj.metadata.uid)).toEqual(versions.get(c));
    }
  });

  it('one set of default RBAC objects serves every cluster unchanged', async () => {
    const s = await start();
    const defaults = deepFreeze(defaultRbacObjects());
    for (const cluster of ['x', 'y']) {
      await s.clusters.ensure(cluster, s.objects);
      // Recreate what was deleted from the shared set, as a restart does.
      await s.objects.delete({ cluster, resource: s.clusters.get(cluster)!.registry.lookup('rbac.authorization.k8s.io', 'v1', 'clusterroles')!, namespace: '' }, 'view');
      await ensureDefaultRbac(cluster, s.clusters.get(cluster)!.registry, s.objects, defaults);
    }
    const view = (cluster: string) => s.store.get(cluster, ROLES, '', 'view')?.obj as KubeObject & { rules?: unknown };
    const expected = defaults.roles.find((r) => r.metadata.name === 'view') as KubeObject & { rules?: unknown };
    expect(view('x').rules).toEqual(expected.rules);
    expect(view('y').rules).toEqual(expected.rules);
    expect(view('x').metadata.uid).not.toBe(view('y').metadata.uid);
  });
});
