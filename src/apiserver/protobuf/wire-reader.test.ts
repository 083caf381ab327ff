import { describe, expect, it } from 'vitest';
import { ProtobufDecodeError } from './errors.js';
import { ProtobufWriter } from './protobuf-writer.js';
import { WireReader, WireType, varintToInt64, varintToUint64 } from './wire-reader.js';

const varintCases = [
  { name: 'zero is one byte', value: 0n, int64: 0, uint64: 0 },
  { name: '300 spans two bytes', value: 300n, int64: 300, uint64: 300 },
  { name: '2^31 stays positive', value: 2n ** 31n, int64: 2 ** 31, uint64: 2 ** 31 },
  { name: '2^32 carries into the high word', value: 2n ** 32n, int64: 2 ** 32, uint64: 2 ** 32 },
  { name: 'a timestamp-sized int64 is exact', value: 253402300799n, int64: 253402300799, uint64: 253402300799 },
  { name: '-1 is ten bytes of two\'s complement', value: -1n, int64: -1, uint64: 2 ** 64 - 1 },
  { name: 'Go\'s zero time in seconds is negative', value: -62135596800n, int64: -62135596800, uint64: 2 ** 64 - 62135596800 },
];

describe('WireReader', () => {
  it.each(varintCases)('$name', ({ value, int64, uint64 }) => {
    const reader = new WireReader(new ProtobufWriter().varint(1, value).finish());
    expect(reader.tag()).toEqual({ field: 1, wireType: WireType.varint });
    const v = reader.varint();
    expect(varintToInt64(v)).toBe(int64);
    expect(varintToUint64(v)).toBe(uint64);
    expect(reader.done).toBe(true);
  });

  it('a negative int32 read as 32 bits sign-extends back to itself', () => {
    const reader = new WireReader(new ProtobufWriter().varint(3, -5).finish());
    reader.tag();
    expect(reader.varint().lo | 0).toBe(-5);
  });

  it.each([
    { name: 'varint fields are skipped', writer: new ProtobufWriter().varint(9, 123456789) },
    { name: 'length-delimited fields are skipped', writer: new ProtobufWriter().string(9, 'ignored') },
    { name: '32-bit fields are skipped', writer: new ProtobufWriter().fixed32(9, 7) },
    { name: '64-bit fields are skipped', writer: new ProtobufWriter().double(9, 1.5) },
  ])('$name', ({ writer }) => {
    const reader = new WireReader(writer.string(1, 'after').finish());
    reader.skip(reader.tag().wireType);
    expect(reader.tag()).toEqual({ field: 1, wireType: WireType.lengthDelimited });
    expect(Buffer.from(reader.bytes()).toString()).toBe('after');
  });

  it.each([
    { name: 'a varint cut short', bytes: [0x08, 0x80], message: 'ends in the middle' },
    { name: 'a varint of eleven bytes', bytes: [0x08, ...Array<number>(10).fill(0xff), 0x01], message: 'longer than 10 bytes' },
    { name: 'a length past the end', bytes: [0x0a, 0x05, 0x61], message: 'runs past the end' },
    { name: 'a 32-bit value cut short', bytes: [0x0d, 0x01, 0x02], message: 'ends in the middle' },
    { name: 'a group wire type', bytes: [0x0b], message: 'unsupported wire type 3' },
    { name: 'field number zero', bytes: [0x00, 0x01], message: 'field number 0' },
  ])('$name is a decode error', ({ bytes, message }) => {
    const read = () => {
      const reader = new WireReader(Uint8Array.from(bytes));
      const tag = reader.tag();
      if (tag.wireType === WireType.lengthDelimited) reader.bytes();
      else reader.skip(tag.wireType);
    };
    expect(read).toThrow(ProtobufDecodeError);
    expect(read).toThrow(message);
  });
});
