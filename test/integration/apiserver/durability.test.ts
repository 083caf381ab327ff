/**
 * Durability of the real `flotilla apiserver` process: every write acknowledged before a
 * SIGKILL is there after a restart from the same data directory, resourceVersions keep
 * increasing across restarts, and SIGTERM finishes cleanly with exit code 0.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlotilla } from '../../support/flotilla-process.js';

let dir: string;

interface Client {
  url: string;
  ca: string;
  token: string;
}

async function clientFrom(kubeconfigPath: string): Promise<Client> {
  const kc = parse(await readFile(kubeconfigPath, 'utf8'));
  return {
    url: kc.clusters[0].cluster.server,
    ca: Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString(),
    token: kc.users[0].user.token,
  };
}

function call(c: Client, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, c.url),
      {
        method,
        ca: c.ca,
        agent: false,
        headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json', ...(payload ? { 'Content-Length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function startServer(dataDir: string, port = 0) {
  const kubeconfig = join(dir, 'kc');
  const proc = startFlotilla(['apiserver', '--data-dir', dataDir, '--port', String(port), '--kubeconfig-out', kubeconfig, '--log-level', 'warn']);
  const [, url] = await proc.waitFor(/listening on (https:\/\/\S+)/);
  return { proc, url: url!, client: await clientFrom(kubeconfig) };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-durability-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('flotilla apiserver durability', () => {
  it('keeps every acknowledged write across a SIGKILL in the middle of a write stream', async () => {
    const dataDir = join(dir, 'kill');
    const first = await startServer(dataDir);
    const acked: Array<{ name: string; rv: number }> = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `w${w}-${i}`;
        try {
          const res = await call(first.client, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { payload: 'x'.repeat(512) } });
          if (res.status === 201) acked.push({ name, rv: Number(res.json.metadata.resourceVersion) });
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = [0, 1, 2, 3, 4, 5, 6, 7].map(writer);
    await expect.poll(() => acked.length, { timeout: 20_000 }).toBeGreaterThan(300);
    first.proc.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect((await first.proc.exited).signal).toBe('SIGKILL');

    const second = await startServer(dataDir);
    const list = await call(second.client, 'GET', '/api/v1/namespaces/default/configmaps');
    const present = new Set(list.json.items.map((i: any) => i.metadata.name));
    const missing = acked.filter((a) => !present.has(a.name));
    expect(missing).toEqual([]);
    const maxAcked = Math.max(...acked.map((a) => a.rv));
    const after = await call(second.client, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-restart' } });
    expect(Number(after.json.metadata.resourceVersion)).toBeGreaterThan(maxAcked);
    second.proc.child.kill('SIGTERM');
    expect(await second.proc.exited).toEqual({ code: 0, signal: null });
  });

  it('exits 0 on SIGTERM and keeps what was written, with the same kubeconfig still valid', async () => {
    const dataDir = join(dir, 'term');
    const first = await startServer(dataDir);
    expect((await call(first.client, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kept' } })).status).toBe(201);
    first.proc.child.kill('SIGTERM');
    expect(await first.proc.exited).toEqual({ code: 0, signal: null });
    const second = await startServer(dataDir);
    expect(second.client.token).toBe(first.client.token);
    expect(second.client.ca).toBe(first.client.ca);
    expect((await call(second.client, 'GET', '/api/v1/namespaces/kept')).status).toBe(200);
    second.proc.child.kill('SIGINT');
    expect(await second.proc.exited).toEqual({ code: 0, signal: null });
  });
});
