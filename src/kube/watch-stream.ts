/**
 * The events of a watch answer: newline-delimited JSON read as it arrives, one typed event
 * per line. Parsing keeps each object as received (no copies), since informers hold them.
 */
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '../api/meta.js';
import type { KubeStatus } from './api-error.js';

export type WatchEvent<T extends KubeObject = KubeObject> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }
  /** Progress only: the resourceVersion to resume from; nothing changed. */
  | { type: 'BOOKMARK'; object: { metadata: { resourceVersion?: string; annotations?: Record<string, string> } } }
  | { type: 'ERROR'; object: KubeStatus };

/** Reads watch events until the server ends the stream; throws when the connection breaks. */
export async function* readWatchEvents<T extends KubeObject>(res: IncomingMessage): AsyncGenerator<WatchEvent<T>> {
  let pending = '';
  res.setEncoding('utf8');
  try {
    for await (const chunk of res as AsyncIterable<string>) {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line) yield JSON.parse(line) as WatchEvent<T>;
        newline = pending.indexOf('\n');
      }
    }
    const last = pending.trim();
    if (last) yield JSON.parse(last) as WatchEvent<T>;
  } finally {
    // Stopping early (break, return, throw) must release the connection.
    res.destroy();
  }
}
