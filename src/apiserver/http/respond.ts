/** Writing JSON answers and Status errors. */
import type { ServerResponse } from 'node:http';
import { StatusError, type Status } from '../status.js';

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  sendRaw(res, code, typeof body === 'string' ? body : JSON.stringify(body));
}

export function sendRaw(res: ServerResponse, code: number, text: string, contentType = 'application/json'): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function statusOf(err: unknown): Status {
  if (err instanceof StatusError) return err.toStatus();
  return new StatusError(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`).toStatus();
}

export function sendError(res: ServerResponse, err: unknown): void {
  const status = statusOf(err);
  sendJson(res, status.code, status);
}
