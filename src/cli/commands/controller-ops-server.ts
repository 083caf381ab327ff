/**
 * The controller's operations endpoint on `--metrics-addr`: `/metrics` in Prometheus' text
 * format from the process's registry, `/healthz` (the process is alive and serving) and
 * `/readyz` (what `readiness()` says, 503 until ready), as a kubelet's probes and a
 * Prometheus scrape expect them on one port.
 */
import type { Registry } from 'prom-client';
import { listenHttp } from '../../controller/http-listener.js';

export interface Readiness {
  ready: boolean;
  /** Shown in the /readyz body: why (not) ready, who leads. */
  detail: Record<string, unknown>;
}

export interface OpsServerOptions {
  /** `host:port`; port 0 picks a free one. */
  address: string;
  registry: Registry;
  readiness(): Readiness;
}

export interface OpsServer {
  /** `http://host:port`. */
  readonly url: string;
  stop(): Promise<void>;
}

async function answer(options: OpsServerOptions, path: string): Promise<{ status: number; type: string; body: string }> {
  switch (path) {
    case '/metrics':
      return { status: 200, type: options.registry.contentType, body: await options.registry.metrics() };
    case '/healthz':
    case '/livez':
      return { status: 200, type: 'text/plain', body: 'ok\n' };
    case '/readyz': {
      const { ready, detail } = options.readiness();
      return { status: ready ? 200 : 503, type: 'application/json', body: `${JSON.stringify({ ready, ...detail })}\n` };
    }
    default:
      return { status: 404, type: 'text/plain', body: `no ${path} here: try /metrics, /healthz or /readyz\n` };
  }
}

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  return listenHttp(options.address, (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    answer(options, path)
      .catch((err: unknown) => ({ status: 500, type: 'text/plain', body: `${err instanceof Error ? err.message : String(err)}\n` }))
      .then(({ status, type, body }) => res.writeHead(status, { 'Content-Type': type }).end(body), () => res.destroy());
  });
}
