/**
 * Shared set-up of the RBAC integration tests: a real HTTPS server with a token file of
 * ordinary users, its pino output captured at debug level (so tests can prove no token is
 * ever logged), and clients that act as one token: raw HTTPS, @kubernetes/client-node and a
 * kubeconfig file for kubectl. Every token the tests see is remembered, and so is every
 * error answer, for the final "no token leaked" checks.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { pino } from 'pino';
import type { ApiServerOptions } from '../../../src/apiserver/index.js';
import { kubeconfigYaml } from '../../../src/apiserver/index.js';
import { startTestApiServer, type HttpAnswer, type TestApiServer } from '../../support/api-server.js';
import { kubectl, type KubectlResult } from '../../support/kubectl.js';

export interface StaticUser {
  name: string;
  groups: string[];
}

export interface RbacTestServer {
  api: TestApiServer;
  /** Token of each token-file user, by name. */
  tokens: Record<string, string>;
  /** Every token seen in the test: admin, token file, ServiceAccount. */
  secrets: Set<string>;
  /** Every error answer received through `as()`, and kubectl's stderr. */
  answers: string[];
  logs(): string;
  /** Raw HTTPS as the holder of `token` ('' sends no Authorization header). */
  as(token: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  kubeConfigFor(token: string, cluster?: string): KubeConfig;
  objectsAs(token: string): KubernetesObjectApi;
  /** kubectl with a kubeconfig holding `token` (written once per token). */
  kubectlAs(token: string, args: string[]): Promise<KubectlResult>;
  stop(): Promise<void>;
}

const randomToken = () => randomBytes(24).toString('base64url');

export async function startRbacServer(users: StaticUser[], options: Partial<ApiServerOptions> = {}): Promise<RbacTestServer> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const tokens: Record<string, string> = {};
  for (const user of users) tokens[user.name] = randomToken();
  const dataDir = await mkdtemp(join(tmpdir(), 'flotilla-rbac-'));
  const tokenAuthFile = join(dataDir, 'tokens.csv');
  const csv = users.map((u, i) => `${tokens[u.name]},${u.name},uid-${i}${u.groups.length ? `,"${u.groups.join(',')}"` : ''}`);
  await writeFile(tokenAuthFile, `${csv.join('\n')}\n`, { mode: 0o600 });
  const api = await startTestApiServer({ tokenAuthFile, logger: pino({ level: 'debug' }, sink), ...options, dataDir });
  const adminToken = api.kubeConfig().getCurrentUser()?.token ?? '';
  const secrets = new Set([adminToken, ...Object.values(tokens)]);
  const answers: string[] = [];
  const kubeconfigFiles = new Map<string, string>();

  const kubeConfigFor = (token: string, cluster = '') => {
    const kc = new KubeConfig();
    const server = cluster ? `${api.server.url}/clusters/${cluster}` : api.server.url;
    kc.loadFromString(kubeconfigYaml({ name: 'rbac-test', server, token, caPem: api.server.ca }));
    return kc;
  };

  return {
    api,
    tokens,
    secrets,
    answers,
    logs: () => lines.join(''),
    async as(token, method, path, body, headers = {}) {
      if (token) secrets.add(token);
      const answer = await api.request(method, path, body, { Authorization: token ? `Bearer ${token}` : '', ...headers });
      if (answer.status >= 400) answers.push(answer.text);
      return answer;
    },
    kubeConfigFor,
    objectsAs: (token) => {
      secrets.add(token);
      return KubernetesObjectApi.makeApiClient(kubeConfigFor(token));
    },
    async kubectlAs(token, args) {
      secrets.add(token);
      let file = kubeconfigFiles.get(token);
      if (!file) {
        file = join(dataDir, `kubeconfig-${kubeconfigFiles.size}`);
        await writeFile(file, kubeconfigYaml({ name: 'rbac-test', server: api.server.url, token, caPem: api.server.ca }), { mode: 0o600 });
        kubeconfigFiles.set(token, file);
      }
      const result = await kubectl(args, { kubeconfig: file, cacheDir: join(dataDir, 'kubectl-cache') });
      answers.push(result.stderr);
      return result;
    },
    async stop() {
      await api.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The HTTP code of a failed client-node call (0 when it did not fail with one). */
export async function codeOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'number' ? code : 0;
  }
}

export const rbac = 'rbac.authorization.k8s.io/v1';

export function role(namespace: string, name: string, rules: object[]): KubernetesObject & { rules: object[] } {
  return { apiVersion: rbac, kind: 'Role', metadata: { name, namespace }, rules };
}

export function roleBinding(namespace: string, name: string, roleRef: { kind: string; name: string }, subjects: object[]): KubernetesObject {
  const binding = { apiVersion: rbac, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects };
  return binding as KubernetesObject;
}

export function namespace(name: string): KubernetesObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

export function configMap(namespace: string, name: string): KubernetesObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { a: '1' } } as KubernetesObject;
}
