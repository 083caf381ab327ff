/**
 * Reads the hub API server's request counters (`GET /metrics`, see
 * src/apiserver/request-metrics.ts) with the admin kubeconfig, over the benchmark's own
 * HTTPS client: a scrape costs the hub one request, which `between` subtracts.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { parseRequestMetrics, type RequestCounts } from '../../src/apiserver/request-metrics.js';
import { HttpsJson } from '../support/https-json.js';

export interface RequestDelta {
  requests: number;
  requestBytes: number;
  responseBytes: number;
  byVerb: Record<string, number>;
  /** By `<verb> <resource>[/<subresource>]`: who wrote what. */
  byResource: Record<string, number>;
}

export class HubMetrics {
  private readonly http: HttpsJson;

  constructor(kubeconfigPath: string) {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    const cluster = kc.getCurrentCluster();
    const token = kc.getCurrentUser()?.token;
    if (!cluster || !token) throw new Error(`${kubeconfigPath} names no server or token`);
    this.http = new HttpsJson({
      baseUrl: cluster.server,
      ...(cluster.caData ? { ca: Buffer.from(cluster.caData, 'base64').toString('utf8') } : {}),
      headers: { Authorization: `Bearer ${token}` },
      maxSockets: 1,
    });
  }

  async read(): Promise<RequestCounts> {
    const answer = await this.sendWithRetries();
    if (answer.status !== 200) throw new Error(`GET /metrics answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    return parseRequestMetrics(answer.text);
  }

  /**
   * A rollout can outlast the hub's keep-alive timeout, and a hub busy with thousands of
   * agents may drop a connection: the read is sent again on a new connection, a few times
   * with a pause, since losing it at the end of a run once lost a whole run's figures.
   */
  private async sendWithRetries(): Promise<{ status: number; text: string }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.http.send('GET', '/metrics');
      } catch (err) {
        if (attempt >= READ_ATTEMPTS || !isTransient(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  close(): void {
    this.http.close();
  }
}

const READ_ATTEMPTS = 4;

/** A connection-level failure another connection may not meet. */
export function isTransient(err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT' || code === 'ECONNREFUSED' || (err instanceof Error && err.message === 'socket hang up');
}

/** What happened between two reads, without the later read's own request. */
export function between(before: RequestCounts, after: RequestCounts): RequestDelta {
  // The later read is itself a `get` of a non-resource path (`get -`).
  const byVerb = subtract(before.byVerb, after.byVerb, 'get');
  const byResource = subtract(before.byResource, after.byResource, 'get -');
  return {
    byResource,
    requests: Object.values(byVerb).reduce((sum, n) => sum + n, 0),
    requestBytes: after.requestBytes - before.requestBytes,
    responseBytes: after.responseBytes - before.responseBytes,
    byVerb,
  };
}

function subtract(before: Record<string, number>, after: Record<string, number>, ownRead: string): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [key, n] of Object.entries(after)) {
    const d = n - (before[key] ?? 0) - (key === ownRead ? 1 : 0);
    if (d > 0) delta[key] = d;
  }
  return delta;
}
