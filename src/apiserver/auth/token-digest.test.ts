import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { issueServiceAccountToken } from './service-account-token.js';
import { tokenDigest } from './token-digest.js';
import { createAuthenticator, type CredentialLookup } from './tokens.js';

// createHash counted (and still real): how many hashes one request costs.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, createHash: vi.fn(real.createHash) };
});

const issuer = 'https://flotilla.test';
const now = Date.parse('2030-01-01T00:00:00Z');
const lookup: CredentialLookup = { serviceAccount: () => ({ uid: 'sa-uid' }), secret: () => undefined };

async function authenticator() {
  const keys = await crypto.webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const auth = createAuthenticator({ adminToken: 'admin-token', serviceAccounts: { publicKey: keys.publicKey, issuer, audiences: [issuer] }, now: () => now });
  const token = await issueServiceAccountToken({
    signingKey: keys.privateKey,
    issuer,
    namespace: 'cluster-a',
    serviceAccount: { name: 'agent', uid: 'sa-uid' },
    audiences: [issuer],
    expirationSeconds: 3600,
    now,
  });
  return { auth, token };
}

describe('tokenDigest', () => {
  it('the same token always has the same key, and different tokens different keys', () => {
    expect(tokenDigest('a').key).toBe(tokenDigest('a').key);
    expect(tokenDigest('a').key).not.toBe(tokenDigest('b').key);
    expect(tokenDigest('a').bytes).toHaveLength(32);
  });

  const requests = [
    { name: 'a remembered ServiceAccount token is hashed once per request', bearer: 'sa' },
    { name: 'the admin token is hashed once per request', bearer: 'admin' },
  ];
  it.each(requests)('$name', async ({ bearer }) => {
    const { auth, token } = await authenticator();
    const presented = bearer === 'sa' ? token : 'admin-token';
    expect((await auth.authenticate(presented, lookup)).outcome).toBe('authenticated');
    const createHash = vi.mocked(crypto.createHash);
    createHash.mockClear();
    expect((await auth.authenticate(presented, lookup)).outcome).toBe('authenticated');
    expect(createHash).toHaveBeenCalledTimes(1);
  });

  it('each request gets its own copy of a static user, so one caller cannot change the next one’s', async () => {
    const { auth } = await authenticator();
    const first = await auth.authenticate('admin-token', lookup);
    if (first.outcome !== 'authenticated') throw new Error('admin token refused');
    first.user.groups.push('system:masters-2');
    first.user.username = 'someone-else';
    const second = await auth.authenticate('admin-token', lookup);
    expect(second).toMatchObject({ outcome: 'authenticated', user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] } });
  });
});
