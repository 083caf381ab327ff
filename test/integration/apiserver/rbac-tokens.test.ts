/**
 * Authentication over real HTTPS: ServiceAccount tokens from Secrets (populated by the
 * server) and from TokenRequest, revoked at once when their ServiceAccount or Secret goes;
 * expired, forged and unknown tokens and requests without a token are 401 (the public
 * health and version paths aside); and no token ever appears in a log line or error body.
 */
import { webcrypto } from 'node:crypto';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueServiceAccountToken } from '../../../src/apiserver/auth/index.js';
import { codeOf, namespace, role, roleBinding, startRbacServer, type RbacTestServer } from './rbac-support.js';

let s: RbacTestServer;
let admin: string;
let core: CoreV1Api;

const listCms = (token: string, ns = 'a') => s.as(token, 'GET', `/api/v1/namespaces/${ns}/configmaps`);
const secretPath = (name: string) => `/api/v1/namespaces/a/secrets/${name}`;
const saPath = (name: string) => `/api/v1/namespaces/a/serviceaccounts/${name}`;
const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

async function serviceAccount(name: string): Promise<void> {
  await core.createNamespacedServiceAccount({ namespace: 'a', body: { metadata: { name } } });
  await s.objectsAs(admin).create(roleBinding('a', `${name}-cm`, { kind: 'Role', name: 'cm-reader' }, [{ kind: 'ServiceAccount', name }]));
}

async function requestToken(name: string, spec: Record<string, unknown> = {}): Promise<string> {
  const answer = await core.createNamespacedServiceAccountToken({ namespace: 'a', name, body: { spec: { audiences: [], ...spec } } });
  const token = answer.status?.token ?? '';
  s.secrets.add(token);
  return token;
}

function tokenSecret(name: string, serviceAccountName: string) {
  return {
    metadata: { name, annotations: { 'kubernetes.io/service-account.name': serviceAccountName } },
    type: 'kubernetes.io/service-account-token',
  };
}

async function secretToken(name: string): Promise<string> {
  let token = '';
  await vi.waitFor(async () => {
    const secret = await core.readNamespacedSecret({ namespace: 'a', name });
    if (!secret.data?.token) throw new Error('the token is not populated yet');
    token = decode(secret.data.token);
  });
  s.secrets.add(token);
  return token;
}

beforeAll(async () => {
  s = await startRbacServer([{ name: 'alice', groups: ['team-a'] }]);
  admin = s.api.kubeConfig().getCurrentUser()?.token ?? '';
  core = s.kubeConfigFor(admin).makeApiClient(CoreV1Api);
  await s.objectsAs(admin).create(namespace('a'));
  await s.objectsAs(admin).create(role('a', 'cm-reader', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['list'] }]));
}, 30_000);

afterAll(async () => {
  await s?.stop();
});

describe('ServiceAccount token Secrets', () => {
  it('are populated with a working token, the CA and the namespace, as Kubernetes populates them', async () => {
    await serviceAccount('builder');
    await core.createNamespacedSecret({ namespace: 'a', body: tokenSecret('builder-token', 'builder') });
    const token = await secretToken('builder-token');
    const secret = await core.readNamespacedSecret({ namespace: 'a', name: 'builder-token' });
    const sa = await core.readNamespacedServiceAccount({ namespace: 'a', name: 'builder' });
    expect(decode(secret.data?.['ca.crt'] ?? '')).toBe(s.api.server.ca);
    expect(decode(secret.data?.namespace ?? '')).toBe('a');
    expect(secret.metadata?.annotations?.['kubernetes.io/service-account.uid']).toBe(sa.metadata?.uid);
    expect((await listCms(token)).status).toBe(200);
  });

  it('stop working at once when the Secret is deleted', async () => {
    await serviceAccount('short-lived');
    await core.createNamespacedSecret({ namespace: 'a', body: tokenSecret('short-lived-token', 'short-lived') });
    const token = await secretToken('short-lived-token');
    expect((await listCms(token)).status).toBe(200);
    await s.as(admin, 'DELETE', secretPath('short-lived-token'));
    expect((await listCms(token)).status).toBe(401);
  });

  it('are filled once their ServiceAccount is created, when the Secret came first', async () => {
    await core.createNamespacedSecret({ namespace: 'a', body: tokenSecret('early-token', 'late') });
    expect((await core.readNamespacedSecret({ namespace: 'a', name: 'early-token' })).data?.token).toBeUndefined();
    await serviceAccount('late');
    expect((await listCms(await secretToken('early-token'))).status).toBe(200);
  });

  it('are refused without the annotation naming their ServiceAccount', async () => {
    const res = await s.as(admin, 'POST', '/api/v1/namespaces/a/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'nameless' }, type: 'kubernetes.io/service-account-token' });
    expect(res.status).toBe(422);
    expect(res.json.message).toBe('Secret "nameless" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value');
  });
});

describe('TokenRequest tokens', () => {
  it('work as the ServiceAccount, and stop at once when it is deleted, also once re-created', async () => {
    await serviceAccount('ephemeral');
    await core.createNamespacedSecret({ namespace: 'a', body: tokenSecret('ephemeral-token', 'ephemeral') });
    const secretBound = await secretToken('ephemeral-token');
    const token = await requestToken('ephemeral');
    expect((await listCms(token)).status).toBe(200);
    await s.as(admin, 'DELETE', saPath('ephemeral'));
    expect((await listCms(token)).status).toBe(401);
    expect((await listCms(secretBound)).status).toBe(401);
    await vi.waitFor(async () => expect((await s.as(admin, 'GET', secretPath('ephemeral-token'))).status).toBe(404));
    await core.createNamespacedServiceAccount({ namespace: 'a', body: { metadata: { name: 'ephemeral' } } });
    expect((await listCms(token)).status).toBe(401);
  });

  it('bound to a Secret stop working when that Secret is deleted', async () => {
    await serviceAccount('bound');
    const secret = await core.createNamespacedSecret({ namespace: 'a', body: { metadata: { name: 'anchor' }, stringData: {} } });
    const token = await requestToken('bound', { boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 'anchor', uid: secret.metadata?.uid } });
    expect((await listCms(token)).status).toBe(200);
    await s.as(admin, 'DELETE', secretPath('anchor'));
    expect((await listCms(token)).status).toBe(401);
  });

  const refusals = [
    { name: 'a lifetime under ten minutes is invalid (422)', sa: 'builder', spec: { expirationSeconds: 60 }, code: 422 },
    { name: 'a missing ServiceAccount is not found (404)', sa: 'nobody', spec: {}, code: 404 },
    { name: 'binding to a missing Secret is not found (404)', sa: 'builder', spec: { boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 'gone' } }, code: 404 },
  ];
  it.each(refusals)('$name', async ({ sa, spec, code }) => {
    expect(await codeOf(requestToken(sa, spec))).toBe(code);
  });

  it('carries the requested lifetime in its answer', async () => {
    const answer = await core.createNamespacedServiceAccountToken({ namespace: 'a', name: 'builder', body: { spec: { audiences: [], expirationSeconds: 1200 } } });
    s.secrets.add(answer.status?.token ?? '');
    expect(answer.spec.expirationSeconds).toBe(1200);
    const lifetime = new Date(answer.status?.expirationTimestamp ?? 0).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(1100_000);
    expect(lifetime).toBeLessThanOrEqual(1200_000);
  });
});

describe('requests that are not authenticated', () => {
  let forgedSignature = '';
  let tamperedPayload = '';
  beforeAll(async () => {
    const sa = await core.readNamespacedServiceAccount({ namespace: 'a', name: 'builder' });
    const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    forgedSignature = await issueServiceAccountToken({
      signingKey: keys.privateKey,
      issuer: 'https://kubernetes.default.svc.cluster.local',
      namespace: 'a',
      serviceAccount: { name: 'builder', uid: sa.metadata?.uid ?? '' },
      now: Date.now(),
    });
    const [header, payload, signature] = (await requestToken('builder')).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    claims.sub = 'system:serviceaccount:kube-system:admin';
    tamperedPayload = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    s.secrets.add(forgedSignature).add(tamperedPayload);
  });

  const rejected = [
    { name: 'no token at all, on a resource path', token: () => '', path: '/api/v1/namespaces' },
    { name: 'no token at all, on discovery', token: () => '', path: '/apis' },
    { name: 'an unknown opaque token', token: () => 'not-a-real-token-0123456789', path: '/api/v1/namespaces' },
    { name: 'the admin token with one character changed', token: () => `${admin.slice(0, -1)}${admin.endsWith('A') ? 'B' : 'A'}`, path: '/api/v1/namespaces' },
    { name: 'a ServiceAccount JWT signed with another key', token: () => forgedSignature, path: '/api/v1/namespaces/a/configmaps' },
    { name: 'a ServiceAccount JWT whose claims were changed after signing', token: () => tamperedPayload, path: '/api/v1/namespaces/a/configmaps' },
    { name: 'a forged token even on a public path', token: () => forgedSignature, path: '/healthz' },
  ];
  it.each(rejected)('$name is 401 Unauthorized', async ({ token, path }) => {
    const res = await s.as(token(), 'GET', path);
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401, message: 'Unauthorized' });
  });

  it.each(['/version', '/healthz', '/livez', '/readyz'].map((path) => ({ name: `${path} is readable without a token`, path })))('$name', async ({ path }) => {
    expect((await s.as('', 'GET', path)).status).toBe(200);
  });

  it('a token-file user reads discovery but nothing RBAC does not grant', async () => {
    expect((await s.as(s.tokens.alice!, 'GET', '/apis')).status).toBe(200);
    const res = await s.as(s.tokens.alice!, 'GET', '/api/v1/namespaces');
    expect(res.status).toBe(403);
    expect(res.json.message).toBe('namespaces is forbidden: User "alice" cannot list resource "namespaces" in API group "" at the cluster scope');
  });
});

describe('expired TokenRequest tokens', () => {
  let clock = Date.now();
  let expiring: RbacTestServer;
  beforeAll(async () => {
    expiring = await startRbacServer([], { now: () => new Date(clock) });
  });
  afterAll(async () => {
    await expiring?.stop();
  });

  it('are 401 once their lifetime (and the allowed clock skew) has passed', async () => {
    const adminToken = expiring.api.kubeConfig().getCurrentUser()?.token ?? '';
    const expiringCore = expiring.kubeConfigFor(adminToken).makeApiClient(CoreV1Api);
    await expiringCore.createNamespacedServiceAccount({ namespace: 'default', body: { metadata: { name: 'brief' } } });
    const answer = await expiringCore.createNamespacedServiceAccountToken({ namespace: 'default', name: 'brief', body: { spec: { audiences: [], expirationSeconds: 600 } } });
    const token = answer.status?.token ?? '';
    s.secrets.add(token);
    const whoami = () => expiring.as(token, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    expect((await whoami()).status).toBe(201);
    clock += 590_000;
    expect((await whoami()).status).toBe(201);
    clock += 75_000;
    const res = await whoami();
    expect(res.status).toBe(401);
    expect(res.text).not.toContain(token);
    expect(expiring.logs()).not.toContain(token);
  });
});

describe('secrecy', () => {
  it('logs requests at debug level', () => {
    expect(s.logs()).toContain('"msg":"request"');
    expect(s.logs()).toContain('bearer token rejected');
  });

  it('never writes a token into a log line, in clear or base64', () => {
    const logs = s.logs();
    for (const token of s.secrets) {
      if (!token) continue;
      expect(logs).not.toContain(token);
      expect(logs).not.toContain(Buffer.from(token).toString('base64'));
    }
  });

  it('never answers an error with a token in it', () => {
    for (const token of s.secrets) {
      if (!token) continue;
      for (const body of s.answers) expect(body).not.toContain(token);
    }
  });
});
