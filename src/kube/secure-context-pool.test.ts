/**
 * The pool shares a TLS context between holders of equal TLS material (each client used to
 * build its own, 25 KiB apiece) and never between holders of different material.
 */
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { SecureContextPool, type TlsMaterial } from './secure-context-pool.js';

const [caA = '', caB = ''] = rootCertificates;

interface SharingCase {
  name: string;
  first: TlsMaterial;
  second: TlsMaterial;
  shared: boolean;
}

const sharing: SharingCase[] = [
  { name: 'two clients trusting the same CA share one context', first: { ca: caA }, second: { ca: `${caA}` }, shared: true },
  { name: 'a CA given as bytes is kept apart from the same CA given as text (sharing is never guessed)', first: { ca: caA }, second: { ca: Buffer.from(caA) }, shared: false },
  { name: 'clients trusting different CAs get contexts of their own', first: { ca: caA }, second: { ca: caB }, shared: false },
  { name: 'a CA list differs from its first CA alone', first: { ca: [caA, caB] }, second: { ca: [caA] }, shared: false },
  { name: 'server name and verification are options of the connection, not of the context', first: { ca: caA, servername: 'a' }, second: { ca: caA, rejectUnauthorized: false }, shared: true },
];

describe('SecureContextPool', () => {
  it.each(sharing)('$name', ({ first, second, shared }) => {
    const pool = new SecureContextPool();
    const a = pool.acquire(first);
    const b = pool.acquire(second);
    expect(a.context === b.context).toBe(shared);
    expect(pool.size).toBe(shared ? 1 : 2);
  });

  const lifetimes = [
    { name: 'a context stays while one holder remains', acquire: 2, release: [0], size: 1 },
    { name: 'a context is forgotten once every holder released it', acquire: 2, release: [0, 1], size: 0 },
    { name: 'releasing twice counts once', acquire: 2, release: [0, 0], size: 1 },
  ];
  it.each(lifetimes)('$name', ({ acquire, release, size }) => {
    const pool = new SecureContextPool();
    const held = Array.from({ length: acquire }, () => pool.acquire({ ca: caA }));
    for (const i of release) held[i]?.release();
    expect(pool.size).toBe(size);
  });
});
