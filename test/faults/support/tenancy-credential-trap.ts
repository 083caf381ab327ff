/**
 * A git host an attacker controls, on 127.0.0.1: it answers every request 401 with a Basic
 * challenge (so a client that waits to be asked sends its credentials too) and records the
 * Authorization header of every request, decoded, so a case can tell which passwords reached it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CredentialTrap {
  /** A repository URL on the trap. */
  url(path: string): string;
  /** Every credential received, decoded (`user:password`, or the bearer token). */
  readonly received: string[];
  /** Requests seen, with or without credentials. */
  requests(): number;
  stop(): Promise<void>;
}

function decode(header: string): string {
  const [scheme = '', value = ''] = header.split(' ');
  return scheme.toLowerCase() === 'basic' ? Buffer.from(value, 'base64').toString('utf8') : value;
}

export async function startCredentialTrap(): Promise<CredentialTrap> {
  const received: string[] = [];
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests += 1;
    if (req.headers.authorization) received.push(decode(req.headers.authorization));
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' }).end('authentication required\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}/${path}`,
    received,
    requests: () => requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
