/**
 * What the server's clients cost it: requests by verb, and body bytes received and sent,
 * served at `/metrics` in Prometheus text format as kube-apiserver serves its own
 * (`apiserver_request_total`). The scale benchmark reads it before and after a quiet period
 * to say how many requests and bytes each member cluster's agent costs the hub at rest;
 * an operator can scrape it the same way. Counts live in the server instance, never in a
 * module-level singleton, so several servers in one process keep their own.
 *
 * Bytes are body bytes (what handlers write, watch events included, as they are written),
 * not TLS or header overhead: received bytes are the request's Content-Length.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestCounts {
  /** Requests by verb as kube-apiserver names them (get, list, watch, create, update, patch, delete, …). */
  byVerb: Record<string, number>;
  /** Requests by `<verb> <resource>[/<subresource>]` (`patch clusters/status`), to say who writes what. */
  byResource: Record<string, number>;
  requests: number;
  requestBytes: number;
  responseBytes: number;
}

/** kube-apiserver's verb for a request: GETs split into get, list and watch by path and query. */
export function requestVerb(method: string, options: { named: boolean; watch: boolean }): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (options.watch) return 'watch';
      return options.named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return options.named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

/** What one request addressed, as kube-apiserver labels its request counter. */
export interface RequestLabels {
  verb: string;
  /** The resource's plural; empty for discovery and other non-resource paths. */
  resource: string;
  subresource?: string;
}

const labelKey = (l: RequestLabels) => `${l.verb} ${l.resource || '-'}${l.subresource ? `/${l.subresource}` : ''}`;

export class RequestMetrics {
  private readonly byRequest = new Map<string, { labels: RequestLabels; count: number }>();
  private requestBytes = 0;
  private responseBytes = 0;

  /** Counts one request and, as they are written, the body bytes of its answer. */
  track(req: IncomingMessage, res: ServerResponse, labels: RequestLabels): void {
    const key = labelKey(labels);
    const entry = this.byRequest.get(key);
    if (entry) entry.count++;
    else this.byRequest.set(key, { labels, count: 1 });
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > 0) this.requestBytes += length;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const count = (chunk: unknown) => {
      if (typeof chunk === 'string') this.responseBytes += Buffer.byteLength(chunk);
      else if (chunk instanceof Uint8Array) this.responseBytes += chunk.byteLength;
    };
    res.write = ((...args: unknown[]) => {
      count(args[0]);
      return write(...args);
    }) as ServerResponse['write'];
    res.end = ((...args: unknown[]) => {
      if (typeof args[0] !== 'function') count(args[0]);
      return end(...args);
    }) as ServerResponse['end'];
  }

  counts(): RequestCounts {
    const byVerb: Record<string, number> = {};
    const byResource: Record<string, number> = {};
    for (const [key, { labels, count }] of [...this.byRequest].sort(([a], [b]) => a.localeCompare(b))) {
      byVerb[labels.verb] = (byVerb[labels.verb] ?? 0) + count;
      byResource[key] = count;
    }
    const requests = Object.values(byVerb).reduce((sum, n) => sum + n, 0);
    return { byVerb: sortedKeys(byVerb), byResource, requests, requestBytes: this.requestBytes, responseBytes: this.responseBytes };
  }

  /** The Prometheus text exposition of the counts. */
  prometheusText(): string {
    const c = this.counts();
    const lines = ['# HELP apiserver_request_total Requests the server received, by verb, resource and subresource.', '# TYPE apiserver_request_total counter'];
    for (const { labels, count } of [...this.byRequest.values()].sort((a, b) => labelKey(a.labels).localeCompare(labelKey(b.labels)))) {
      lines.push(`apiserver_request_total{verb="${labels.verb}",resource="${labels.resource}",subresource="${labels.subresource ?? ''}"} ${count}`);
    }
    lines.push(
      '# HELP flotilla_apiserver_request_body_bytes_total Request body bytes received (Content-Length).',
      '# TYPE flotilla_apiserver_request_body_bytes_total counter',
      `flotilla_apiserver_request_body_bytes_total ${c.requestBytes}`,
      '# HELP flotilla_apiserver_response_body_bytes_total Response body bytes sent, watch events included.',
      '# TYPE flotilla_apiserver_response_body_bytes_total counter',
      `flotilla_apiserver_response_body_bytes_total ${c.responseBytes}`,
    );
    return `${lines.join('\n')}\n`;
  }
}

/** Reads the counts back from `prometheusText` (what a scraper in another process sees). */
function sortedKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

export function parseRequestMetrics(text: string): RequestCounts {
  const byVerb: Record<string, number> = {};
  const byResource: Record<string, number> = {};
  let requestBytes = 0;
  let responseBytes = 0;
  for (const line of text.split('\n')) {
    const request = /^apiserver_request_total\{verb="([^"]*)",resource="([^"]*)",subresource="([^"]*)"\} (\d+)$/.exec(line);
    if (request) {
      const [, verb = '', resource = '', subresource = '', count] = request;
      byVerb[verb] = (byVerb[verb] ?? 0) + Number(count);
      byResource[labelKey({ verb, resource, ...(subresource ? { subresource } : {}) })] = Number(count);
    }
    const received = /^flotilla_apiserver_request_body_bytes_total (\d+)$/.exec(line);
    if (received) requestBytes = Number(received[1]);
    const sent = /^flotilla_apiserver_response_body_bytes_total (\d+)$/.exec(line);
    if (sent) responseBytes = Number(sent[1]);
  }
  const requests = Object.values(byVerb).reduce((sum, n) => sum + n, 0);
  return { byVerb: sortedKeys(byVerb), byResource, requests, requestBytes, responseBytes };
}
