/**
 * A small HTTP listener for the controller's own endpoints (webhook, metrics and health):
 * binds a `host:port` address, reports the URL it got (port 0 picks one), and stops by
 * closing every connection.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpListener {
  /** `http://host:port` of the bound address. */
  readonly url: string;
  stop(): Promise<void>;
}

/** `host:port`, `:port` or `port`; the host defaults to 127.0.0.1. */
export function parseListenAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  const host = at < 0 ? '127.0.0.1' : address.slice(0, at).replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(at < 0 ? address : address.slice(at + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`"${address}" is not a host:port address`);
  return { host, port };
}

export async function listenHttp(address: string, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<HttpListener> {
  const { host, port } = parseListenAddress(address);
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const shown = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${shown}:${bound.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
