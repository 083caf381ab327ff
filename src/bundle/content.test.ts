import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { compress, contentName, decodeContent, decompress, deploymentId, encodeContent, optionsHash, parseDeploymentId } from './content.js';

const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'x' }, data: { k: 'v' } };
const reordered: KubeObject = { metadata: { namespace: 'x', name: 'a' }, data: { k: 'v' }, kind: 'ConfigMap', apiVersion: 'v1' };

describe('content', () => {
  it('names content by a hash that ignores key order', () => {
    expect(contentName([cm])).toBe(contentName([reordered]));
    expect(contentName([cm])).toMatch(/^s-[0-9a-f]{61}$/);
    expect(contentName([cm])).not.toBe(contentName([{ ...cm, data: { k: 'w' } }]));
  });

  it('round-trips manifests through encode and decode, checking the sha256', () => {
    const encoded = encodeContent([cm]);
    expect(encoded.name).toBe(contentName([cm]));
    expect(decodeContent(encoded.content, { sha256sum: encoded.sha256sum })).toEqual([cm]);
    expect(() => decodeContent(encoded.content, { sha256sum: '0'.repeat(64) })).toThrow(/sha256/);
  });

  it('refuses to decompress past the size limit', () => {
    const bomb = compress(Buffer.alloc(1_000_000));
    expect(() => decompress(bomb, 1000)).toThrow();
    expect(decompress(bomb).length).toBe(1_000_000);
  });

  const hashes = [
    { name: 'diff options do not change the options hash', a: { namespace: 'n' }, b: { namespace: 'n', diff: { comparePatches: [] } }, same: true },
    { name: 'correctDrift does not change the options hash', a: { namespace: 'n' }, b: { namespace: 'n', correctDrift: { enabled: true } }, same: true },
    { name: 'key order does not change the options hash', a: { a: 1, b: 2 }, b: { b: 2, a: 1 }, same: true },
    { name: 'a different namespace changes the options hash', a: { namespace: 'n' }, b: { namespace: 'm' }, same: false },
  ];
  it.each(hashes)('$name', ({ a, b, same }) => {
    expect(optionsHash(a) === optionsHash(b)).toBe(same);
  });

  it('joins and splits a deployment ID', () => {
    const id = deploymentId('s-abc', 'def');
    expect(id).toBe('s-abc:def');
    expect(parseDeploymentId(id)).toEqual({ contentName: 's-abc', optionsHash: 'def' });
  });
});
