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
    // A rollout can outlast the hub's keep-alive timeout: the idle connection is then closed
    // under the next read, which is sent again once on a new connection.
    const answer = await this.http.send('GET', '/metrics').catch((err: unknown) => {
      if ((err as { code?: string }).code !== 'ECONNRESET') throw err;
      return this.http.send('GET', '/metrics');
    });
    if (answer.status !== 200) throw new Error(`GET /metrics answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    return parseRequestMetrics(answer.text);
  }

  close(): void {
    this.http.close();
  }
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
