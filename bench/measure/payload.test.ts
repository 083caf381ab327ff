import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { configMapBody, pseudoRandomText } from './payload.js';

describe('configMapBody', () => {
  const cases = [
    { name: 'a 1 KiB payload gives a ConfigMap whose data value is exactly 1 KiB', sizeBytes: 1024 },
    { name: 'an empty payload is allowed', sizeBytes: 0 },
    { name: 'a 100 KiB payload is allowed', sizeBytes: 100 * 1024 },
  ];
  it.each(cases)('$name', ({ sizeBytes }) => {
    const body = JSON.parse(configMapBody({ name: 'obj-1', namespace: 'bench', sizeBytes }));
    expect(body).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'obj-1', namespace: 'bench' } });
    expect(Buffer.byteLength(body.data.payload)).toBe(sizeBytes);
  });
});

describe('pseudoRandomText', () => {
  it('is the same for the same seed and differs between seeds', () => {
    expect(pseudoRandomText('a', 64)).toBe(pseudoRandomText('a', 64));
    expect(pseudoRandomText('a', 64)).not.toBe(pseudoRandomText('b', 64));
  });

  it('does not compress away, so no peer is flattered by a compressible payload', () => {
    const text = pseudoRandomText('obj-1', 4096);
    expect(gzipSync(text).length).toBeGreaterThan(2800);
  });
});
