import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkNestingDepth,
  checkObjectSize,
  checkRequestBodySize,
  jsonBytesUpperBound,
  jsonNestingDepth,
  MAX_NESTING_DEPTH,
  MAX_OBJECT_BYTES,
  MAX_REQUEST_BODY_BYTES,
} from './limits.js';

describe('limits', () => {
  it('uses Kubernetes’ numbers: 3 MiB bodies and 1.5 MiB objects', () => {
    expect(MAX_REQUEST_BODY_BYTES).toBe(3145728);
    expect(MAX_OBJECT_BYTES).toBe(1572864);
  });

  const bodies = [
    { name: 'a body of exactly 3 MiB is accepted', bytes: MAX_REQUEST_BODY_BYTES, status: undefined },
    {
      name: 'a body one byte over 3 MiB is refused with 413 and Kubernetes’ message',
      bytes: MAX_REQUEST_BODY_BYTES + 1,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Request entity too large: limit is 3145728',
        reason: 'RequestEntityTooLarge',
        code: 413,
      },
    },
  ];
  it.each(bodies)('$name', ({ bytes, status }) => {
    expect(checkRequestBodySize(bytes)?.toStatus()).toEqual(status);
  });

  const objects = [
    { name: 'an object under 1.5 MiB is accepted', size: 1_000_000, code: undefined, message: undefined },
    { name: 'an object over 1.5 MiB is refused as etcd refuses it', size: 1_600_000, code: 413, message: 'etcdserver: request is too large' },
  ];
  it.each(objects)('$name', ({ size, code, message }) => {
    const err = checkObjectSize({ apiVersion: 'v1', kind: 'ConfigMap', data: { big: 'x'.repeat(size) } });
    expect(err?.code).toBe(code);
    expect(err?.message).toBe(message);
    if (err) expect(err.reason).toBe('RequestEntityTooLarge');
  });

  describe('the size check of an object', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    // The overhead of `{"data":{"big":""}}` around the string.
    const wrapper = JSON.stringify({ data: { big: '' } }).length;
    const exact = [
      { name: 'an object of exactly 1.5 MiB is accepted', bytes: MAX_OBJECT_BYTES, refused: false },
      { name: 'an object one byte over 1.5 MiB is refused', bytes: MAX_OBJECT_BYTES + 1, refused: true },
      { name: 'multi-byte characters are counted in UTF-8 bytes, not characters', bytes: MAX_OBJECT_BYTES + 2, refused: true, multiByte: true },
    ];
    it.each(exact)('$name', ({ bytes, refused, multiByte }) => {
      // 'é' is two bytes in UTF-8: bytes/2 of them make the same byte count as bytes of 'x'.
      const big = multiByte ? 'é'.repeat((bytes - wrapper) / 2) : 'x'.repeat(bytes - wrapper);
      expect(checkObjectSize({ data: { big } }) !== undefined).toBe(refused);
    });

    it('does not serialise an object its upper bound already clears', () => {
      const stringify = vi.spyOn(JSON, 'stringify');
      const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'small', labels: { a: 'b' } }, data: { key: 'x'.repeat(10_000) } };
      expect(checkObjectSize(object)).toBeUndefined();
      expect(stringify).not.toHaveBeenCalled();
    });

    const bounds = [
      { name: 'plain ASCII', value: { a: 'b', list: [1, -2.5e-300, true, null], nested: { k: 'v' } } },
      { name: 'escapes and control characters', value: { 'q"uote': 'line\nbreak\u0001\\', tab: '\t' } },
      { name: 'non-ASCII and astral characters', value: { name: 'héllo 🚀 日本', arr: ['ß', '\ud800'] } },
      { name: 'undefined members and array items', value: { gone: undefined, items: [undefined, 1] } },
      { name: 'long numbers', value: [Number.MIN_VALUE, -Number.MAX_VALUE, 0.1 + 0.2, 1e21] },
    ];
    it.each(bounds)('the upper bound is at least the encoded size: $name', ({ value }) => {
      expect(jsonBytesUpperBound(value)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(value)));
    });
  });

  const depths = [
    { name: 'a flat object has depth 1', text: '{"a":1}', depth: 1 },
    { name: 'brackets inside strings do not count', text: '{"a":"[[[{{{"}', depth: 1 },
    { name: 'escaped quotes do not end a string', text: '{"a":"\\"[[["}', depth: 1 },
    { name: 'nested arrays and objects count each level', text: '{"a":[{"b":[1]}]}', depth: 4 },
  ];
  it.each(depths)('$name', ({ text, depth }) => {
    expect(jsonNestingDepth(text)).toBe(depth);
  });

  const nesting = [
    { name: `JSON nested ${MAX_NESTING_DEPTH} deep is accepted`, depth: MAX_NESTING_DEPTH, refused: false },
    { name: 'JSON nested past the limit is refused with 400 before parsing', depth: MAX_NESTING_DEPTH + 1, refused: true },
  ];
  it.each(nesting)('$name', ({ depth, refused }) => {
    const err = checkNestingDepth('['.repeat(depth) + ']'.repeat(depth));
    expect(err !== undefined).toBe(refused);
    if (err) expect(err.toStatus()).toMatchObject({ code: 400, reason: 'BadRequest', message: `exceeded max depth of ${MAX_NESTING_DEPTH}` });
  });
});
