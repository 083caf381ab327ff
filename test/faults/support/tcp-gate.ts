/**
 * A TCP forwarder on a fixed loopback port in front of a real server, which a case can shut
 * (connections refused, open ones cut: the server is down as far as clients can tell) and
 * open again on the same port, so the URL a GitRepo names stays valid across the outage.
 */
import net from 'node:net';

export interface TcpGate {
  /** `127.0.0.1:<port>`, stable across close and open. */
  readonly host: string;
  close(): Promise<void>;
  open(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTcpGate(target: { host: string; port: number }): Promise<TcpGate> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  await listen(0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const close = async () => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return {
    host: `127.0.0.1:${port}`,
    close,
    open: () => listen(port),
    stop: close,
  };
}
