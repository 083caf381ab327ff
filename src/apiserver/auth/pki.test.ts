import { webcrypto } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateAdminToken } from './admin-token.js';
import { loadOrCreateServiceAccountKeys, loadOrCreateServingPki, pkiFiles, servingCertUsable, type ServingPki } from './pki.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'flotilla-pki-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Serves HTTPS with the PKI on 127.0.0.1 and makes one request trusting only `trustedCa`. */
async function request(pki: ServingPki, trustedCa: string, servername?: string): Promise<string> {
  const server = https.createServer({ cert: pki.certPem, key: pki.keyPem }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<string>((resolve, reject) => {
      const req = https.get({ host: '127.0.0.1', port, ca: trustedCa, servername, agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('loadOrCreateServingPki', () => {
  const names = [
    { name: 'a client trusting only the CA reaches the server by 127.0.0.1', servername: undefined },
    { name: 'a client trusting only the CA reaches the server by localhost', servername: 'localhost' },
    { name: 'a client trusting only the CA reaches the server by an extra host name', servername: 'hub.example.test' },
  ];

  it.each(names)('$name', async ({ servername }) => {
    const pki = await loadOrCreateServingPki({ dataDir, hosts: ['hub.example.test'] });
    expect(await request(pki, pki.caPem, servername)).toBe('ok');
  });

  it('a client trusting another CA refuses the server', async () => {
    const pki = await loadOrCreateServingPki({ dataDir });
    const other = await loadOrCreateServingPki({ dataDir: join(dataDir, 'other') });
    await expect(request(pki, other.caPem)).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
  });

  it('a name outside the certificate is refused', async () => {
    const pki = await loadOrCreateServingPki({ dataDir });
    await expect(request(pki, pki.caPem, 'elsewhere.test')).rejects.toThrow(/altnames|does not match/i);
  });

  it('a later start reloads the same CA and certificate', async () => {
    const first = await loadOrCreateServingPki({ dataDir });
    const second = await loadOrCreateServingPki({ dataDir });
    expect(second).toEqual(first);
  });

  it('keys are written readable by the owner only', async () => {
    await loadOrCreateServingPki({ dataDir });
    await loadOrCreateServiceAccountKeys({ dataDir });
    for (const file of [pkiFiles.caKey, pkiFiles.servingKey, pkiFiles.saKey]) {
      expect((await stat(join(dataDir, file))).mode & 0o777).toBe(0o600);
    }
  });

  it('a new host re-issues the serving certificate under the same CA', async () => {
    const first = await loadOrCreateServingPki({ dataDir });
    const second = await loadOrCreateServingPki({ dataDir, hosts: ['new.example.test'] });
    expect(second.caPem).toBe(first.caPem);
    expect(second.certPem).not.toBe(first.certPem);
    expect(await request(second, first.caPem, 'new.example.test')).toBe('ok');
  });

  it('a certificate near its expiry is re-issued', async () => {
    const pki = await loadOrCreateServingPki({ dataDir });
    const later = new Date(Date.now() + 350 * 24 * 3600 * 1000);
    expect(servingCertUsable(pki.certPem, pki.caPem, ['127.0.0.1', '::1', 'localhost'], new Date())).toBe(true);
    expect(servingCertUsable(pki.certPem, pki.caPem, ['127.0.0.1'], later)).toBe(false);
    const renewed = await loadOrCreateServingPki({ dataDir, now: () => later });
    expect(renewed.certPem).not.toBe(pki.certPem);
    expect(renewed.caPem).toBe(pki.caPem);
  });
});

describe('loadOrCreateServiceAccountKeys', () => {
  it('a signature made before a restart verifies with the key reloaded after it', async () => {
    const before = await loadOrCreateServiceAccountKeys({ dataDir });
    const data = Buffer.from('claims');
    const algorithm = { name: 'ECDSA', hash: 'SHA-256' };
    const signature = await webcrypto.subtle.sign(algorithm, before.privateKey, data);
    const after = await loadOrCreateServiceAccountKeys({ dataDir });
    expect(after.publicKeyPem).toBe(before.publicKeyPem);
    expect(await webcrypto.subtle.verify(algorithm, after.publicKey, signature, data)).toBe(true);
  });
});

describe('loadOrCreateAdminToken', () => {
  it('the admin token survives a restart and is private', async () => {
    const first = await loadOrCreateAdminToken({ dataDir });
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await loadOrCreateAdminToken({ dataDir })).toBe(first);
    expect((await stat(join(dataDir, 'admin.token'))).mode & 0o777).toBe(0o600);
  });
});
