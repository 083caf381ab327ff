/**
 * etcd as the benchmark's peer: Debian's `etcd-server` binary, started on loopback with
 * ephemeral ports, its own data directory and its default fsync, serving TLS with a
 * self-signed certificate (--auto-tls) so it pays for TLS as Flotilla does. Writes are puts
 * through etcd's v3 HTTP/JSON gateway (`/v3/kv/put`, keys and values base64), chosen over
 * `etcdctl` because one etcdctl process per put would measure process start-up, not etcd,
 * and over a gRPC client library because Node has none in this project.
 */
import { spawnSync } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import type { CleanupStack } from '../support/cleanup-stack.js';
import { startChild } from '../support/child-process.js';
import { freePort } from '../support/free-port.js';
import { HttpsJson } from '../support/https-json.js';
import type { WatchHandle, WriteTarget } from './write-target.js';

export interface EtcdBinary {
  path: string;
  version: string;
}

/** How to get etcd, for the message printed when it is missing. */
export const installEtcdHint = 'etcd is not installed, so only Flotilla is measured and every ratio is "not measured". Install it with: sudo apt-get install etcd-server';

/** Finds `etcd` on the PATH (or `binary`), or undefined when it cannot be run. */
export function findEtcd(binary = 'etcd'): EtcdBinary | undefined {
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return undefined;
  const version = /etcd Version:\s*(\S+)/.exec(run.stdout)?.[1] ?? 'unknown';
  return { path: binary, version };
}

export interface EtcdPeerOptions {
  binary: EtcdBinary;
  dataDir: string;
  /** Keys are `<keyPrefix><name>`, as kube-apiserver lays out `/registry/configmaps/<ns>/`. */
  keyPrefix: string;
  maxSockets: number;
  cleanup: CleanupStack;
}

export async function startEtcd(options: EtcdPeerOptions): Promise<WriteTarget> {
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const clientUrl = `https://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  const child = await startChild({
    label: 'etcd',
    command: options.binary.path,
    args: [
      '--name', 'bench', '--data-dir', options.dataDir, '--auto-tls',
      '--listen-client-urls', clientUrl, '--advertise-client-urls', clientUrl,
      '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl, '--initial-cluster', `bench=${peerUrl}`,
    ],
    ready: /ready to serve client requests|serving client requests on/,
    readyTimeoutMs: 30_000,
    cleanup: options.cleanup,
  });
  const http = new HttpsJson({ baseUrl: clientUrl, maxSockets: options.maxSockets });
  options.cleanup.defer('close etcd connections', () => http.close());
  await untilHealthy(http);
  const key = (name: string) => base64(`${options.keyPrefix}${name}`);
  return {
    name: 'etcd',
    version: options.binary.version,
    pid: child.pid,
    write: async (name, body) => {
      const { status, text } = await http.send('POST', '/v3/kv/put', JSON.stringify({ key: key(name), value: base64(body) }));
      if (status !== 200) throw new Error(`etcd put answered ${status}: ${text.slice(0, 300)}`);
    },
    watch: (onWritten) => watchPrefix(http, options.keyPrefix, onWritten),
    stop: async () => {
      http.close();
      await child.stop();
    },
  };
}

async function untilHealthy(http: HttpsJson): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const answer = await http.send('GET', '/health').catch(() => undefined);
    if (answer?.status === 200 && answer.text.includes('true')) return;
    await delay(100);
  }
  throw new Error('etcd did not report healthy within 10 s');
}

async function watchPrefix(http: HttpsJson, prefix: string, onWritten: (name: string) => void): Promise<WatchHandle> {
  const request = { create_request: { key: base64(prefix), range_end: prefixEnd(prefix).toString('base64') } };
  const stream = http.stream('POST', '/v3/watch', JSON.stringify(request), (line) => {
    const message = JSON.parse(line) as { result?: { events?: Array<{ type?: string; kv?: { key?: string } }> } };
    for (const event of message.result?.events ?? []) {
      // The gateway omits `type` for PUT, the enum's zero value.
      if ((event.type ?? 'PUT') === 'PUT' && event.kv?.key) onWritten(Buffer.from(event.kv.key, 'base64').toString('utf8').slice(prefix.length));
    }
  });
  const status = await stream.opened;
  if (status !== 200) throw new Error(`etcd watch answered ${status}`);
  return stream;
}

/**
 * The end of the key range holding every key that starts with `prefix`: the prefix with its
 * last byte plus one (the prefixes used here end in "/", never in a 0xff byte).
 */
export function prefixEnd(prefix: string): Buffer {
  const bytes = Buffer.from(prefix, 'utf8');
  const last = bytes.length - 1;
  bytes[last] = (bytes[last] ?? 0) + 1;
  return bytes;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
