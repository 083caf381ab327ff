/**
 * Flotilla's API server as a benchmark peer: the real CLI (`bin/flotilla.js apiserver`) in
 * its own process, so the figures include what a user's client pays (process boundary,
 * HTTPS with the server's own CA, bearer-token authentication). Writes are ConfigMap
 * creates in one namespace; the watch is a Kubernetes watch on that namespace.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { CleanupStack } from '../support/cleanup-stack.js';
import { startChild } from '../support/child-process.js';
import { HttpsJson } from '../support/https-json.js';
import type { WatchHandle, WriteTarget } from './write-target.js';

export interface FlotillaPeerOptions {
  repoRoot: string;
  /** A fresh directory the server owns; the caller removes it. */
  dataDir: string;
  /** The namespace the writes go to (created here). */
  namespace: string;
  maxSockets: number;
  cleanup: CleanupStack;
}

export async function startFlotilla(options: FlotillaPeerOptions): Promise<WriteTarget> {
  const kubeconfigPath = join(options.dataDir, 'bench.kubeconfig');
  const child = await startChild({
    label: 'flotilla apiserver',
    command: process.execPath,
    args: [join(options.repoRoot, 'bin', 'flotilla.js'), 'apiserver', '--data-dir', options.dataDir, '--host', '127.0.0.1', '--port', '0', '--kubeconfig-out', kubeconfigPath],
    cwd: options.repoRoot,
    ready: /listening on (\S+)/,
    readyTimeoutMs: 60_000,
    cleanup: options.cleanup,
  });
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromFile(kubeconfigPath);
  const caData = kubeconfig.getCurrentCluster()?.caData;
  const token = kubeconfig.getCurrentUser()?.token;
  if (!token) throw new Error(`${kubeconfigPath} holds no bearer token`);
  const http = new HttpsJson({
    baseUrl: child.match[1] ?? '',
    ca: caData ? Buffer.from(caData, 'base64').toString('utf8') : undefined,
    headers: { Authorization: `Bearer ${token}` },
    maxSockets: options.maxSockets,
  });
  options.cleanup.defer('close flotilla connections', () => http.close());
  const { version } = JSON.parse(await readFile(join(options.repoRoot, 'package.json'), 'utf8')) as { version: string };
  const collection = `/api/v1/namespaces/${options.namespace}/configmaps`;
  await expectStatus(http.send('POST', '/api/v1/namespaces', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: options.namespace } })), 201, 'create namespace');
  return {
    name: 'Flotilla',
    version,
    pid: child.pid,
    write: (_name, body) => expectStatus(http.send('POST', collection, body), 201, 'create'),
    watch: (onWritten) => watchConfigMaps(http, collection, onWritten),
    stop: async () => {
      http.close();
      await child.stop();
    },
  };
}

async function watchConfigMaps(http: HttpsJson, collection: string, onWritten: (name: string) => void): Promise<WatchHandle> {
  const list = await http.send('GET', `${collection}?limit=1`);
  const resourceVersion = (JSON.parse(list.text) as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion ?? '';
  const stream = http.stream('GET', `${collection}?watch=true&resourceVersion=${encodeURIComponent(resourceVersion)}`, undefined, (line) => {
    const event = JSON.parse(line) as { type?: string; object?: { metadata?: { name?: string } } };
    if (event.type === 'ADDED' && event.object?.metadata?.name) onWritten(event.object.metadata.name);
  });
  const status = await stream.opened;
  if (status !== 200) throw new Error(`flotilla watch answered ${status}`);
  return stream;
}

async function expectStatus(answer: Promise<{ status: number; text: string }>, expected: number, what: string): Promise<void> {
  const { status, text } = await answer;
  if (status !== expected) throw new Error(`flotilla ${what} answered ${status}: ${text.slice(0, 300)}`);
}
