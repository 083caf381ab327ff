/**
 * Reads a raw watch over HTTPS line by line, for tests that check the event stream itself
 * (types, order, bookmarks, errors) rather than what an informer makes of it.
 */
import { request as httpsRequest } from 'node:https';
import type { TestApiServer } from './api-server.js';

export interface WatchEvent {
  type: string;
  object: any;
}

export interface RawWatch {
  events: WatchEvent[];
  status: () => number;
  ended: Promise<void>;
  close: () => void;
}

export function rawWatch(api: TestApiServer, path: string, options: { paused?: boolean } = {}): RawWatch {
  const events: WatchEvent[] = [];
  let status = 0;
  let req: ReturnType<typeof httpsRequest> | undefined;
  const ended = new Promise<void>((resolve, reject) => {
    const token = api.kubeConfig().getCurrentUser()!.token!;
    req = httpsRequest(new URL(path, api.server.url), { ca: api.server.ca, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      status = res.statusCode ?? 0;
      if (options.paused) {
        // A client that never reads: the socket's buffers fill and stay full.
        res.pause();
        res.on('close', () => resolve());
        return;
      }
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim()) events.push(JSON.parse(line) as WatchEvent);
        }
      });
      res.on('end', () => resolve());
      res.on('close', () => resolve());
    });
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve() : reject(err)));
    req.end();
  });
  return { events, status: () => status, ended, close: () => req?.destroy() };
}
