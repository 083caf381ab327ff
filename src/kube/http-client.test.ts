/**
 * The HTTPS agent KubeHttpClient keeps per server, against a real embedded API server: its
 * connections share one TLS context instead of parsing the CA and client key into a new one
 * per connection, which hundreds of agents in one process paid for in CPU (about a sixth of
 * a new connection's cost) and memory. And the pool closes connections left idle, while an
 * open watch, however quiet, stays open.
 */
import { request, type Agent } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../test/support/api-server.js';
import { Duration } from './duration.js';
import { newPoolAgent } from './connection-pools.js';
import { ObjectClient } from './object-client.js';

let server: TestApiServer;

beforeAll(async () => {
  server = await startTestApiServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

/** Sends a GET of /version through `agent` and answers the socket it went over. */
function socketOf(agent: Agent, token: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/version', server.server.url), { agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(req.socket as TLSSocket));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The TLS context a socket was made with (Node keeps it on the socket's TLS handle). */
function contextOf(socket: TLSSocket): unknown {
  return (socket as unknown as { ssl?: { _secureContext?: unknown } }).ssl?._secureContext;
}

interface Case {
  name: string;
  connections: number;
}

const cases: Case[] = [
  { name: 'two connections opened at once share the one TLS context of the agent', connections: 2 },
  { name: 'five connections opened at once share the one TLS context of the agent', connections: 5 },
];

describe('newPoolAgent', () => {
  it.each(cases)('$name', async ({ connections }) => {
    const kc = server.kubeConfig();
    const token = kc.getCurrentUser()?.token ?? '';
    const agent = newPoolAgent({ protocol: 'https:', tls: { ca: server.server.ca }, idleSocketTimeoutMs: 30_000 }) as Agent;
    try {
      const sockets = await Promise.all(Array.from({ length: connections }, () => socketOf(agent, token)));
      expect(new Set(sockets).size).toBe(connections);
      const contexts = new Set(sockets.map(contextOf));
      expect(contexts.size).toBe(1);
      expect([...contexts][0]).toBeDefined();
    } finally {
      agent.destroy();
    }
  });
});

describe('KubeHttpClient idle connections', () => {
  it('a connection idle longer than idleSocketTimeout is closed, and a quiet watch is not', async () => {
    const client = await ObjectClient.create(server.kubeConfig(), { idleSocketTimeout: Duration.milliseconds(300) });
    const controller = new AbortController();
    try {
      const events = await client.watch({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'default', signal: controller.signal, timeoutSeconds: 60 });
      const next = events.next();
      await client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' });
      expect(client.http.idleConnections).toBe(1);
      await expect.poll(() => client.http.idleConnections, { timeout: 5_000 }).toBe(0);
      // Quiet for several idle timeouts: the watch still delivers.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-quiet', namespace: 'default' } });
      expect((await next).value).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'after-quiet' } } });
    } finally {
      controller.abort();
      client.close();
    }
  });
});
