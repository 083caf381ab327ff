/**
 * Keep-alive connection pools shared by the clients of one process that talk to the same server
 * with the same TLS material, such as the agents of one `flotilla agent --simulate` host, whose
 * hub clients all trust one CA and whose members are often logical clusters of one server. A
 * TLS connection costs its client about 100 KiB and a handshake; with a pool per client, each
 * of hundreds of agents kept its own idle connections to the hub and the member beside its
 * watches. Sharing is safe because nothing of a client's identity lives on a connection here:
 * tokens, impersonation and every other header travel with each request, and clients whose TLS
 * material differs (another CA, another client certificate) never share a pool. Each client
 * still ends its own requests and watches on close; the pool closes its idle connections when
 * its last client is gone.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createSecureContext } from 'node:tls';
import { SecureContextPool, secureContextKey, type HeldSecureContext, type TlsMaterial } from './secure-context-pool.js';

/** A pool taken from ConnectionPools; `release()` hands it back (once). */
export interface HeldConnections {
  readonly agent: HttpAgent;
  release(): void;
}

export interface PoolRequest {
  /** The server's URL; only its protocol, host and port choose the pool. */
  server: URL;
  tls: TlsMaterial;
  /** How long a connection may sit idle in the pool. */
  idleSocketTimeoutMs: number;
}

/** A keep-alive agent whose connections share one TLS context (one per connection cost CPU and memory). */
export function newPoolAgent(request: Omit<PoolRequest, 'server'> & { protocol: string }, context?: HeldSecureContext): HttpAgent {
  if (request.protocol === 'http:') return new HttpAgent({ keepAlive: true, timeout: request.idleSocketTimeoutMs });
  const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = request.tls;
  const secureContext = context?.context ?? createSecureContext({ ca, cert, key, pfx, passphrase });
  return new HttpsAgent({ keepAlive: true, timeout: request.idleSocketTimeoutMs, secureContext, rejectUnauthorized, servername });
}

interface Entry {
  agent: HttpAgent;
  context: HeldSecureContext | undefined;
  holders: number;
}

export class ConnectionPools {
  private readonly pools = new Map<string, Entry>();
  /** Pools of different servers with equal material (a CA for several servers) still share one context. */
  private readonly contexts = new SecureContextPool();

  /** Pools open now (for tests and metrics). */
  get size(): number {
    return this.pools.size;
  }

  acquire(request: PoolRequest): HeldConnections {
    const { tls } = request;
    const protocol = request.server.protocol;
    const key = [protocol, request.server.host, request.idleSocketTimeoutMs, tls.rejectUnauthorized, tls.servername, protocol === 'http:' ? '' : secureContextKey(tls)].join('\0');
    let entry = this.pools.get(key);
    if (!entry) {
      const context = protocol === 'http:' ? undefined : this.contexts.acquire(tls);
      entry = { agent: newPoolAgent({ ...request, protocol }, context), context, holders: 0 };
      this.pools.set(key, entry);
    }
    entry.holders++;
    const held = entry;
    let released = false;
    return {
      agent: held.agent,
      release: () => {
        if (released) return;
        released = true;
        if (--held.holders > 0 || this.pools.get(key) !== held) return;
        this.pools.delete(key);
        held.agent.destroy();
        held.context?.release();
      },
    };
  }
}
