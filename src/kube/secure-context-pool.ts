/**
 * TLS contexts shared by the clients of one process that resolve to the same TLS material (the
 * same CA, client certificate and key): a process running hundreds of agents gave each of its
 * clients a context of its own, about 25 KiB of OpenSSL memory each, although every agent's hub
 * client trusts the same CA and authenticates with a bearer token sent per request. A context
 * holds no per-connection state and no credential beyond the material it was built from, so
 * clients with equal material may share it; clients with different material never do. Each
 * client releases its context on close, and the pool forgets a context no client holds.
 */
import { createHash } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { RequestOptions } from 'node:https';

/** The TLS options a kubeconfig resolves to. */
export type TlsMaterial = Pick<RequestOptions, 'ca' | 'cert' | 'key' | 'pfx' | 'passphrase' | 'rejectUnauthorized' | 'servername'>;

/** A context taken from the pool; `release()` hands it back (once). */
export interface HeldSecureContext {
  readonly context: SecureContext;
  release(): void;
}

type Material = TlsMaterial[keyof TlsMaterial];

/** The material a context is built from, as one digest: equal material, equal key. */
export function secureContextKey(tls: TlsMaterial): string {
  const hash = createHash('sha256');
  for (const field of ['ca', 'cert', 'key', 'pfx', 'passphrase'] as const) {
    hash.update(`${field}\0`);
    feed(hash, tls[field]);
    hash.update('\0');
  }
  return hash.digest('hex');
}

function feed(hash: ReturnType<typeof createHash>, value: Material | unknown): void {
  if (value === undefined || value === null) return void hash.update('-');
  if (typeof value === 'string' || Buffer.isBuffer(value)) return void hash.update(typeof value === 'string' ? `s${value}` : Buffer.concat([Buffer.from('b'), value]));
  if (Array.isArray(value)) {
    hash.update(`a${value.length}`);
    for (const item of value) {
      feed(hash, item);
      hash.update('\0');
    }
    return;
  }
  // A key or pfx given as { pem/buf, passphrase } objects: their JSON says all they hold.
  hash.update(`o${JSON.stringify(value)}`);
}

export class SecureContextPool {
  private readonly contexts = new Map<string, { context: SecureContext; holders: number }>();

  /** Contexts held now (for tests and metrics). */
  get size(): number {
    return this.contexts.size;
  }

  /** The context for `tls`, shared with every other holder of equal material. */
  acquire(tls: TlsMaterial): HeldSecureContext {
    const key = secureContextKey(tls);
    let entry = this.contexts.get(key);
    if (!entry) {
      const { ca, cert, key: privateKey, pfx, passphrase } = tls;
      entry = { context: createSecureContext({ ca, cert, key: privateKey, pfx, passphrase }), holders: 0 };
      this.contexts.set(key, entry);
    }
    entry.holders++;
    const held = entry;
    let released = false;
    return {
      context: held.context,
      release: () => {
        if (released) return;
        released = true;
        if (--held.holders === 0 && this.contexts.get(key) === held) this.contexts.delete(key);
      },
    };
  }
}
