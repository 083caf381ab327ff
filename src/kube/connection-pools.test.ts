/**
 * Clients made with one ConnectionPools, against a real embedded API server: they reuse each
 * other's idle connections (each client used to keep its own), every request still carries
 * its own client's credentials, closing one client ends its watches and not the others', and
 * the last client to close takes the pool's connections with it.
 */
import type { TLSSocket } from 'node:tls';
import type { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../test/support/api-server.js';
import { isUnauthorized } from './api-error.js';
import { ConnectionPools } from './connection-pools.js';
import { ObjectClient } from './object-client.js';

let server: TestApiServer;

beforeAll(async () => {
  server = await startTestApiServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

/** A copy of the admin kubeconfig whose user sends `token` instead. */
function withToken(kc: KubeConfig, token: string): KubeConfig {
  const user = kc.getCurrentUser();
  kc.users = kc.users.map((u) => (u.name === user?.name ? { ...u, token } : u));
  return kc;
}

interface PoolAgent {
  sockets: Record<string, TLSSocket[]>;
  freeSockets: Record<string, TLSSocket[]>;
}

function socketsIn(agent: PoolAgent | undefined): TLSSocket[] {
  return agent ? [...Object.values(agent.sockets).flat(), ...Object.values(agent.freeSockets).flat()] : [];
}

/** Every socket of the client's pools (requests and watches), in use or idle. */
function socketsOf(client: ObjectClient): TLSSocket[] {
  const http = client.http as unknown as { agent: PoolAgent; options: { shared?: { watchAgent: PoolAgent } } };
  return [...socketsIn(http.agent), ...socketsIn(http.options.shared?.watchAgent)];
}

/** The sockets serving the client's requests (not its watches). */
function requestSocketsOf(client: ObjectClient): TLSSocket[] {
  return socketsIn((client.http as unknown as { agent: PoolAgent }).agent);
}

const NAMESPACE = { apiVersion: 'v1', kind: 'Namespace', name: 'default' };

describe('ConnectionPools', () => {
  const reuse = [
    { name: 'a client of a shared pool reuses the connection another client left idle', shared: true, connections: 1 },
    { name: 'clients without a shared pool each open their own connection', shared: false, connections: 2 },
  ];
  it.each(reuse)('$name', async ({ shared, connections }) => {
    const pools = new ConnectionPools();
    const options = shared ? { connections: pools } : {};
    const a = await ObjectClient.create(server.kubeConfig(), options);
    const b = await ObjectClient.create(server.kubeConfig(), options);
    try {
      await a.get(NAMESPACE);
      await b.get(NAMESPACE);
      expect(new Set([...socketsOf(a), ...socketsOf(b)]).size).toBe(connections);
    } finally {
      a.close();
      b.close();
    }
    expect(pools.size).toBe(0);
  });

  it('each request carries its own client’s token over a shared connection', async () => {
    const pools = new ConnectionPools();
    const admin = await ObjectClient.create(server.kubeConfig(), { connections: pools });
    const stranger = await ObjectClient.create(withToken(server.kubeConfig(), 'not-a-token'), { connections: pools });
    try {
      await admin.get(NAMESPACE);
      const refused = await stranger.get(NAMESPACE).then(() => undefined, (err: unknown) => err);
      expect(isUnauthorized(refused)).toBe(true);
      await expect(admin.get(NAMESPACE)).resolves.toMatchObject({ metadata: { name: 'default' } });
      expect(pools.size).toBe(1);
    } finally {
      admin.close();
      stranger.close();
    }
  });

  it('closing one client ends its watch and leaves the other client’s watch delivering', async () => {
    const pools = new ConnectionPools();
    const [a, b] = [await ObjectClient.create(server.kubeConfig(), { connections: pools }), await ObjectClient.create(server.kubeConfig(), { connections: pools })];
    const configMaps = { apiVersion: 'v1', kind: 'ConfigMap' };
    try {
      const watchA = await a.watch(configMaps, { namespace: 'default', timeoutSeconds: 60 });
      const watchB = await b.watch(configMaps, { namespace: 'default', timeoutSeconds: 60 });
      const nextA = watchA.next();
      const nextB = watchB.next();
      a.close();
      await expect(nextA).rejects.toThrow();
      await b.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-close', namespace: 'default' } });
      expect((await nextB).value).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'after-close' } } });
    } finally {
      a.close();
      b.close();
    }
  });

  const bounds = [
    { name: 'requests of every client share at most the bound of connections, beside open watches', bound: 1 as number | undefined, most: 1 },
    { name: 'without a bound, concurrent requests open a connection each', bound: undefined, most: 8 },
  ];
  it.each(bounds)('$name', async ({ bound, most }) => {
    const pools = new ConnectionPools(bound === undefined ? { maxRequestConnections: Number.MAX_SAFE_INTEGER } : { maxRequestConnections: bound });
    const clients = [await ObjectClient.create(server.kubeConfig(), { connections: pools }), await ObjectClient.create(server.kubeConfig(), { connections: pools })];
    const watching = new AbortController();
    try {
      // A watch per client holds a connection the whole time: requests must not wait behind it.
      for (const c of clients) await c.watch({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'default', timeoutSeconds: 60, signal: watching.signal });
      const seen = new Set<TLSSocket>();
      const record = () => requestSocketsOf(clients[0]!).forEach((s) => seen.add(s));
      const gets = Array.from({ length: 8 }, (_, i) => clients[i % 2]!.get(NAMESPACE).finally(record));
      record();
      await expect(Promise.all(gets)).resolves.toHaveLength(8);
      expect(seen.size).toBeLessThanOrEqual(most);
      if (bound === undefined) expect(seen.size).toBeGreaterThan(1);
    } finally {
      watching.abort();
      for (const c of clients) c.close();
    }
  });

  it('the last client to close closes the pool’s idle connections', async () => {
    const pools = new ConnectionPools();
    const a = await ObjectClient.create(server.kubeConfig(), { connections: pools });
    const b = await ObjectClient.create(server.kubeConfig(), { connections: pools });
    await Promise.all([a.get(NAMESPACE), b.get(NAMESPACE)]);
    const sockets = socketsOf(a);
    a.close();
    expect(sockets.every((s) => !s.destroyed)).toBe(true);
    b.close();
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.every((s) => s.destroyed)).toBe(true);
    expect(pools.size).toBe(0);
  });
});
