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
    const answer = await this.http.send('GET', '/metrics');
    if (answer.status !== 200) throw new Error(`GET /metrics answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    return parseRequestMetrics(answer.text);
  }

  close(): void {
    this.http.close();
  }
}

/** What happened between two reads, without the later read's own request. */
export function between(before: RequestCounts, after: RequestCounts): RequestDelta {
  const byVerb: Record<string, number> = {};
  for (const [verb, n] of Object.entries(after.byVerb)) {
    const delta = n - (before.byVerb[verb] ?? 0) - (verb === 'get' ? 1 : 0);
    if (delta > 0) byVerb[verb] = delta;
  }
  return {
    requests: Object.values(byVerb).reduce((sum, n) => sum + n, 0),
    requestBytes: after.requestBytes - before.requestBytes,
    responseBytes: after.responseBytes - before.responseBytes,
    byVerb,
  };
}
