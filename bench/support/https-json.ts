/**
 * A minimal HTTPS client for the benchmark's peers: keep-alive connections (one per
 * concurrent client, as a real client library keeps them), JSON bodies, and long-lived
 * line-delimited streams for watches. No client library, so neither peer is measured
 * through code the other does not pay for.
 */
import { Agent, request, type RequestOptions } from 'node:https';
import { LineSplitter } from './line-splitter.js';

export interface HttpsJsonOptions {
  baseUrl: string;
  /** PEM of the CA to trust; without it the certificate is not checked (etcd's --auto-tls). */
  ca?: string;
  headers?: Record<string, string>;
  maxSockets: number;
}

export interface Answer {
  status: number;
  text: string;
}

export interface LineStream {
  /** Resolves once the response headers arrived, with their status. */
  readonly opened: Promise<number>;
  close(): void;
}

export class HttpsJson {
  private readonly agent: Agent;

  constructor(private readonly options: HttpsJsonOptions) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: options.maxSockets,
      ca: options.ca,
      rejectUnauthorized: options.ca !== undefined,
    });
  }

  send(method: string, path: string, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, this.options.baseUrl), this.requestOptions(method, body), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Opens a streaming request on its own connection and hands each line to `onLine`. */
  stream(method: string, path: string, body: string | undefined, onLine: (line: string) => void): LineStream {
    const options = { ...this.requestOptions(method, body), agent: false as const, ca: this.options.ca, rejectUnauthorized: this.options.ca !== undefined };
    const req = request(new URL(path, this.options.baseUrl), options);
    const opened = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        const splitter = new LineSplitter();
        res.on('data', (chunk: Buffer) => splitter.push(chunk).forEach(onLine));
        res.on('error', () => undefined);
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    opened.catch(() => undefined);
    req.end(body);
    return { opened, close: () => req.destroy() };
  }

  close(): void {
    this.agent.destroy();
  }

  private requestOptions(method: string, body: string | undefined): RequestOptions {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.options.headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    return { method, headers, agent: this.agent };
  }
}
