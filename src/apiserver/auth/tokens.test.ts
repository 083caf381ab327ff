import { webcrypto } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueServiceAccountToken, keyId, type IssueOptions } from './service-account-token.js';
import { parseTokenFile } from './token-file.js';
import { bearerToken, createAuthenticator, type AuthenticationResult, type Authenticator, type CredentialLookup } from './tokens.js';

const issuer = 'https://flotilla.test';
const start = Date.parse('2030-01-01T00:00:00Z');
const hour = 3600 * 1000;

type Keys = webcrypto.CryptoKeyPair;
const generate = (): Promise<Keys> => webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);

/** What the server's storage holds; tests delete or re-create entries to revoke. */
function store(entries: Record<string, string>): CredentialLookup {
  return {
    serviceAccount: (ns, name) => (entries[`sa/${ns}/${name}`] ? { uid: entries[`sa/${ns}/${name}`] as string } : undefined),
    secret: async (ns, name) => (entries[`secret/${ns}/${name}`] ? { uid: entries[`secret/${ns}/${name}`] as string } : undefined),
  };
}

const existing = { 'sa/cluster-a/agent': 'sa-uid', 'secret/cluster-a/agent-token': 'secret-uid' };

let keys: Keys;
let otherKeys: Keys;
let clock: number;
let auth: Authenticator;

beforeAll(async () => {
  keys = await generate();
  otherKeys = await generate();
  const file = parseTokenFile('static-token,alice,alice-uid,"devs,ops"');
  auth = createAuthenticator({
    adminToken: 'admin-token',
    staticTokens: file.tokens,
    serviceAccounts: { publicKey: keys.publicKey, issuer, audiences: [issuer] },
    now: () => clock,
  });
});

function sa(overrides: Partial<IssueOptions> = {}): Promise<string> {
  return issueServiceAccountToken({
    signingKey: keys.privateKey,
    issuer,
    namespace: 'cluster-a',
    serviceAccount: { name: 'agent', uid: 'sa-uid' },
    audiences: [issuer],
    expirationSeconds: 3600,
    now: start,
    ...overrides,
  });
}

function tamper(token: string): string {
  const [header, , signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
  claims['kubernetes.io'] = { namespace: 'kube-system', serviceaccount: { name: 'agent', uid: 'sa-uid' } };
  claims.sub = 'system:serviceaccount:kube-system:agent';
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

interface Case {
  name: string;
  token: () => Promise<string | undefined>;
  now?: number;
  lookup?: CredentialLookup;
  expected: Partial<AuthenticationResult> & { username?: string; groups?: string[] };
}

const cases: Case[] = [
  { name: 'the admin token is kubernetes-admin in system:masters', token: async () => 'admin-token', expected: { outcome: 'authenticated', username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] } },
  { name: 'a token-file user gets its groups and system:authenticated', token: async () => 'static-token', expected: { outcome: 'authenticated', username: 'alice', groups: ['devs', 'ops', 'system:authenticated'] } },
  { name: 'no token at all is anonymous', token: async () => undefined, expected: { outcome: 'anonymous', username: 'system:anonymous', groups: ['system:unauthenticated'] } },
  { name: 'an unknown token is rejected', token: async () => 'nope', expected: { outcome: 'rejected', reason: 'invalid' } },
  {
    name: 'a TokenRequest token is its ServiceAccount with the service-account groups',
    token: () => sa(),
    expected: { outcome: 'authenticated', username: 'system:serviceaccount:cluster-a:agent', groups: ['system:serviceaccounts', 'system:serviceaccounts:cluster-a', 'system:authenticated'] },
  },
  { name: 'a TokenRequest token past its expiry is rejected as expired', token: () => sa(), now: start + 2 * hour, expected: { outcome: 'rejected', reason: 'expired' } },
  { name: 'a TokenRequest token within the minute of clock-skew leeway still works', token: () => sa(), now: start + hour + 30_000, expected: { outcome: 'authenticated' } },
  { name: 'a token signed with another key is rejected as forged', token: () => sa({ signingKey: otherKeys.privateKey }), expected: { outcome: 'rejected', reason: 'invalid' } },
  { name: 'a token whose claims were changed after signing is rejected', token: async () => tamper(await sa()), expected: { outcome: 'rejected', reason: 'invalid' } },
  {
    name: 'an unsigned token (alg none) is rejected',
    token: async () => {
      const [, payload] = (await sa()).split('.');
      return `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.AA`;
    },
    expected: { outcome: 'rejected', reason: 'invalid' },
  },
  { name: 'a token from another issuer is rejected', token: () => sa({ issuer: 'https://elsewhere' }), expected: { outcome: 'rejected', reason: 'invalid' } },
  { name: 'a token for another audience is rejected', token: () => sa({ audiences: ['vault'] }), expected: { outcome: 'rejected', reason: 'invalid' } },
  { name: 'a token of a deleted ServiceAccount is revoked', token: () => sa(), lookup: store({}), expected: { outcome: 'rejected', reason: 'revoked' } },
  { name: 'a token of a ServiceAccount re-created under the same name is revoked', token: () => sa(), lookup: store({ 'sa/cluster-a/agent': 'new-uid' }), expected: { outcome: 'rejected', reason: 'revoked' } },
  {
    name: 'a Secret token without expiry keeps working while its Secret exists',
    token: () => sa({ expirationSeconds: undefined, audiences: undefined, secret: { name: 'agent-token', uid: 'secret-uid' } }),
    now: start + 1000 * 24 * hour,
    expected: { outcome: 'authenticated', username: 'system:serviceaccount:cluster-a:agent' },
  },
  {
    name: 'a Secret token is revoked once its Secret is deleted',
    token: () => sa({ expirationSeconds: undefined, secret: { name: 'agent-token', uid: 'secret-uid' } }),
    lookup: store({ 'sa/cluster-a/agent': 'sa-uid' }),
    expected: { outcome: 'rejected', reason: 'revoked' },
  },
];

describe('authenticate', () => {
  it.each(cases)('$name', async ({ token, now, lookup, expected }) => {
    clock = now ?? start;
    const result = await auth.authenticate(await token(), lookup ?? store(existing));
    const { username, groups, ...rest } = expected;
    expect(result).toMatchObject(rest);
    if (username !== undefined && result.outcome !== 'rejected') expect(result.user.username).toBe(username);
    if (groups !== undefined && result.outcome !== 'rejected') expect(result.user.groups).toEqual(groups);
    // Whatever the outcome, the token itself never travels in it.
    const bearer = await token();
    if (bearer) expect(JSON.stringify(result)).not.toContain(bearer);
  });

  it('a ServiceAccount identity carries its uid and the credential id of the token', async () => {
    clock = start;
    const result = await auth.authenticate(await sa(), store(existing));
    expect(result.outcome === 'authenticated' && result.user).toMatchObject({
      uid: 'sa-uid',
      extra: { 'authentication.kubernetes.io/credential-id': [expect.stringMatching(/^JTI=/)] },
    });
  });

  it('the token header names the signing key by its Kubernetes key id', async () => {
    const kid = await keyId(keys.publicKey);
    const token = await sa({ keyId: kid });
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toEqual({ alg: 'ES256', kid });
  });
});

describe('a token verified once', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  interface Later {
    name: string;
    now: number;
    lookup: CredentialLookup;
    expected: Partial<AuthenticationResult>;
  }
  // The signature is remembered per token; lifetime and existence are checked at every use.
  const later: Later[] = [
    { name: 'is rejected as expired once its expiry passes', now: start + 2 * hour, lookup: store(existing), expected: { outcome: 'rejected', reason: 'expired' } },
    { name: 'is revoked once its ServiceAccount is deleted', now: start, lookup: store({}), expected: { outcome: 'rejected', reason: 'revoked' } },
    { name: 'is revoked once its ServiceAccount is re-created', now: start, lookup: store({ 'sa/cluster-a/agent': 'new-uid' }), expected: { outcome: 'rejected', reason: 'revoked' } },
    { name: 'still authenticates while nothing changed', now: start, lookup: store(existing), expected: { outcome: 'authenticated' } },
  ];
  it.each(later)('$name', async ({ now, lookup, expected }) => {
    const token = await sa();
    clock = start;
    expect(await auth.authenticate(token, store(existing))).toMatchObject({ outcome: 'authenticated' });
    clock = now;
    expect(await auth.authenticate(token, lookup)).toMatchObject(expected);
  });

  it('is not verified again on its next request', async () => {
    const token = await sa();
    clock = start;
    const verify = vi.spyOn(webcrypto.subtle, 'verify');
    await auth.authenticate(token, store(existing));
    const result = await auth.authenticate(token, store(existing));
    expect(result).toMatchObject({ outcome: 'authenticated', user: { username: 'system:serviceaccount:cluster-a:agent' } });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('a forged token is verified (and refused) every time', async () => {
    const token = await sa({ signingKey: otherKeys.privateKey });
    clock = start;
    const verify = vi.spyOn(webcrypto.subtle, 'verify');
    expect(await auth.authenticate(token, store(existing))).toMatchObject({ outcome: 'rejected', reason: 'invalid' });
    expect(await auth.authenticate(token, store(existing))).toMatchObject({ outcome: 'rejected', reason: 'invalid' });
    expect(verify).toHaveBeenCalledTimes(2);
  });
});

describe('bearerToken', () => {
  const headers = [
    { name: 'a Bearer header gives its token', header: 'Bearer abc', token: 'abc' },
    { name: 'the scheme is case-insensitive', header: 'bearer abc', token: 'abc' },
    { name: 'Basic credentials are not a bearer token', header: 'Basic dXNlcjpwYXNz', token: undefined },
    { name: 'an empty bearer is no token', header: 'Bearer ', token: undefined },
    { name: 'no header is no token', header: undefined, token: undefined },
  ];
  it.each(headers)('$name', ({ header, token }) => {
    expect(bearerToken(header)).toBe(token);
  });
});
