/**
 * Splits a byte stream into lines. Watch streams (Kubernetes' and etcd's gateway) send one
 * JSON document per line, but TCP delivers them in arbitrary pieces: a chunk may hold half
 * a line or several lines, and a multi-byte character may straddle two chunks.
 */
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  /** Returns the complete, non-empty lines this chunk finishes. */
  push(chunk: Buffer | string): string[] {
    const text = this.rest + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    return parts.map((line) => line.trim()).filter((line) => line.length > 0);
  }
}
