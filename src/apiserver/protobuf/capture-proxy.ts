/**
 * Test support: an HTTPS proxy on 127.0.0.1 that records every request whose body is
 * Kubernetes protobuf and answers it itself, and passes everything else (discovery, /version)
 * through to a real API server. Pointing real kubectl at it shows exactly the bytes
 * client-go sends, which is what the decoder's fixtures are made from.
 */
import { createServer, request as httpsRequest, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadOrCreateServingPki } from '../auth/pki.js';
import { PROTOBUF_MEDIA_TYPE } from './decode-object.js';

export interface CapturedRequest {
  method: string;
  path: string;
  body: Buffer;
}

export interface CaptureAnswer {
  status: number;
  body: unknown;
}

export interface CaptureProxyOptions {
  /** Where the proxy's own CA and serving certificate are kept. */
  dataDir: string;
  upstream: { url: string; ca: string };
  /** How to answer a captured request (the upstream server never sees it). */
  answer(request: CapturedRequest): CaptureAnswer;
}

export interface CaptureProxy {
  url: string;
  caPem: string;
  readonly captured: readonly CapturedRequest[];
  stop(): Promise<void>;
}

export async function startCaptureProxy(options: CaptureProxyOptions): Promise<CaptureProxy> {
  const pki = await loadOrCreateServingPki({ dataDir: options.dataDir });
  const captured: CapturedRequest[] = [];
  const server = createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => {
    handle(req, res, options, captured).catch((err: unknown) => {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: pki.caPem,
    captured,
    stop: () => close(server),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: CaptureProxyOptions, captured: CapturedRequest[]): Promise<void> {
  const body = await readAll(req);
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (type !== PROTOBUF_MEDIA_TYPE) return forward(req, body, res, options.upstream);
  const request: CapturedRequest = { method: req.method ?? '', path: req.url ?? '', body };
  captured.push(request);
  const answer = options.answer(request);
  res.writeHead(answer.status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(answer.body));
}

function forward(req: IncomingMessage, body: Buffer, res: ServerResponse, upstream: CaptureProxyOptions['upstream']): Promise<void> {
  const target = new URL(req.url ?? '/', upstream.url);
  const headers = { ...req.headers, host: target.host };
  return new Promise((resolve, reject) => {
    const out = httpsRequest(target, { method: req.method, headers, ca: upstream.ca }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', resolve);
      answer.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}
