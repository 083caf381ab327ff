/**
 * The real git smart-HTTP server tests use. It lives in src/cli/demo/git-http-server.ts,
 * because `flotilla demo` serves `examples/` with the same server; this file re-exports it
 * and adds what only tests need (a throwaway TLS certificate).
 *
 * Usage:
 *   const server = await startGitServer({ root });
 *   const url = server.url('apps.git');   // bare repository <root>/apps.git
 *   ...
 *   await server.stop();
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export * from '../../src/cli/demo/git-http-server.js';

/**
 * A throwaway self-signed certificate for 127.0.0.1 (made with the `openssl` command), for
 * tests of custom CA bundles: the certificate is its own CA.
 */
export async function createTestCertificate(): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]);
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
