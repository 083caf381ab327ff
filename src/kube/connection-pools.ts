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
 *
 * Requests and watches use separate pools of one server. Requests share at most
 * `maxRequestConnections` connections and wait for a free one beyond that: a rollout in a host
 * of 200 agents, each with four reconciles under way, opened hundreds of connections at once,
 * and their TLS handshakes were the largest part of the agents' CPU (and a cost to the servers).
 * A watch holds its connection for minutes, so watches never count against that bound (a
 * request must not wait behind them, nor a watch behind requests), and their pool is unbounded.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createSecureContext } from 'node:tls';
import { SecureContextPool, secureContextKey, type HeldSecureContext, type TlsMaterial } from './secure-context-pool.js';

/** A pool taken from ConnectionPools; `release()` hands it back (once). */
export interface HeldConnections {
  /** For requests: a bounded number of connections. */
  readonly agent: HttpAgent;
  /** For watches: a connection each, reused by the next watch once one ends. */
  readonly watchAgent: HttpAgent;
  release(): void;
}

export interface ConnectionPoolsOptions {
  /** Most connections the requests (not watches) of all clients of one pool use at once; default 32. */
  maxRequestConnections?: number;
}

export interface PoolRequest {
  /** The server's URL; only its protocol, host and port choose the pool. */
  server: URL;
  tls: TlsMaterial;
  /** How long a connection may sit idle in the pool. */
  idleSocketTimeoutMs: number;
}

/** A keep-alive agent whose connections share one TLS context (one per connection cost CPU and memory). */
export function newPoolAgent(request: Omit<PoolRequest, 'server'> & { protocol: string; maxSockets?: number }, context?: HeldSecureContext): HttpAgent {
  const limit = request.maxSockets === undefined ? {} : { maxSockets: request.maxSockets };
  if (request.protocol === 'http:') return new HttpAgent({ keepAlive: true, timeout: request.idleSocketTimeoutMs, ...limit });
  const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = request.tls;
  const secureContext = context?.context ?? createSecureContext({ ca, cert, key, pfx, passphrase });
  return new HttpsAgent({ keepAlive: true, timeout: request.idleSocketTimeoutMs, secureContext, rejectUnauthorized, servername, ...limit });
}

interface Entry {
  agent: HttpAgent;
  watchAgent: HttpAgent;
  context: HeldSecureContext | undefined;
  holders: number;
}

export class ConnectionPools {
  private readonly pools = new Map<string, Entry>();
  /** Pools of different servers with equal material (a CA for several servers) still share one context. */
  private readonly contexts = new SecureContextPool();
  private readonly maxRequestConnections: number;

  constructor(options: ConnectionPoolsOptions = {}) {
    this.maxRequestConnections = Math.max(1, options.maxRequestConnections ?? 32);
  }

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
      const agent = newPoolAgent({ ...request, protocol, maxSockets: this.maxRequestConnections }, context);
      entry = { agent, watchAgent: newPoolAgent({ ...request, protocol }, context), context, holders: 0 };
      this.pools.set(key, entry);
    }
    entry.holders++;
    const held = entry;
    let released = false;
    return {
      agent: held.agent,
      watchAgent: held.watchAgent,
      release: () => {
        if (released) return;
        released = true;
        if (--held.holders > 0 || this.pools.get(key) !== held) return;
        this.pools.delete(key);
        held.agent.destroy();
        held.watchAgent.destroy();
        held.context?.release();
      },
    };
  }
}
