/**
 * Starts a real embedded API server on 127.0.0.1 (HTTPS, ephemeral port, temporary data
 * directory) for a test, with a raw HTTPS client that trusts only its CA and a kubeconfig
 * file for kubectl and @kubernetes/client-node. `stop()` removes everything.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { pino } from 'pino';
import { ApiServer, type ApiServerOptions } from '../../src/apiserver/index.js';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: any;
}

export interface TestApiServer {
  server: ApiServer;
  dataDir: string;
  kubeconfigPath: string;
  kubeConfig(cluster?: string): KubeConfig;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  stop(): Promise<void>;
  /**
   * Stops the server and starts a new one on the same data directory and port; `between`
   * runs while it is down (e.g. to change the data with another server instance).
   */
  restart(between?: () => Promise<void>): Promise<void>;
}

export async function startTestApiServer(options: Partial<ApiServerOptions> = {}): Promise<TestApiServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'flotilla-apiserver-')));
  const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
  const start = (port?: number) => ApiServer.start({ logger, ...options, dataDir, port: port ?? options.port });
  let server = await start();
  const kubeconfigPath = join(dataDir, 'admin.kubeconfig');
  await server.writeKubeconfig(kubeconfigPath);
  const token = () => {
    const kc = new KubeConfig();
    kc.loadFromString(server.kubeconfig());
    return kc.getCurrentUser()!.token!;
  };

  const api: TestApiServer = {
    get server() {
      return server;
    },
    dataDir,
    kubeconfigPath,
    kubeConfig(cluster = '') {
      const kc = new KubeConfig();
      kc.loadFromString(server.kubeconfig(cluster));
      return kc;
    },
    request(method, path, body, headers = {}) {
      const url = new URL(path, server.url);
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      return new Promise<HttpAnswer>((resolve, reject) => {
        const req = httpsRequest(
          url,
          {
            method,
            ca: server.ca,
            headers: {
              Authorization: `Bearer ${token()}`,
              'Content-Type': 'application/json',
              Accept: 'application/json',
              ...(payload === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(payload)) }),
              ...headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let json: unknown;
              try {
                json = JSON.parse(text);
              } catch {
                json = undefined;
              }
              resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
            });
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    async stop() {
      await server.stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async restart(between) {
      // The same port, so clients holding the old kubeconfig reconnect to the new server.
      const port = Number(new URL(server.url).port);
      await server.stop();
      await between?.();
      server = await start(port);
      await server.writeKubeconfig(kubeconfigPath);
    },
  };
  return api;
}
