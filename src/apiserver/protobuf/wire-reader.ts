/**
 * A cursor over protobuf wire format: the four wire types Kubernetes' messages use (varint,
 * 64-bit, length-delimited, 32-bit), tags, and skipping of fields a schema does not name.
 * It knows nothing of messages; `decode-message.ts` gives the bytes their meaning.
 */
import { ProtobufDecodeError } from './errors.js';

/** Wire types as the protobuf encoding numbers them (3 and 4, groups, are not used by Kubernetes). */
export const WireType = {
  varint: 0,
  fixed64: 1,
  lengthDelimited: 2,
  fixed32: 5,
} as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

export interface Tag {
  field: number;
  wireType: WireType;
}

/**
 * A varint as its low and high 32 bits, so that 64-bit values (negative int32s are sent as
 * ten-byte varints) are read exactly and each scalar type picks its own interpretation.
 */
export interface Varint {
  lo: number;
  hi: number;
}

const TWO_32 = 4294967296;

export class WireReader {
  private pos: number;
  private readonly end: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  tag(): Tag {
    const { lo, hi } = this.varint();
    if (hi !== 0) throw new ProtobufDecodeError('field tag out of range');
    const wireType = lo & 7;
    const field = lo >>> 3;
    if (field === 0) throw new ProtobufDecodeError('field number 0 is not valid');
    if (!isWireType(wireType)) throw new ProtobufDecodeError(`unsupported wire type ${wireType} for field ${field}`);
    return { field, wireType };
  }

  varint(): Varint {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      const byte = this.byte();
      const bits = byte & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if ((byte & 0x80) === 0) return { lo: lo >>> 0, hi: hi >>> 0 };
    }
    throw new ProtobufDecodeError('varint longer than 10 bytes');
  }

  fixed32(): number {
    const view = this.take(4);
    return new DataView(view.buffer, view.byteOffset, 4).getUint32(0, true);
  }

  /** Eight bytes, kept raw: only `double` and `fixed64` fields read them, each its own way. */
  fixed64(): Uint8Array {
    return this.take(8);
  }

  /** The payload of a length-delimited field (a string, bytes, a message, a packed list). */
  bytes(): Uint8Array {
    const { lo, hi } = this.varint();
    if (hi !== 0 || lo > this.end - this.pos) throw new ProtobufDecodeError('length-delimited field runs past the end of its message');
    return this.take(lo);
  }

  skip(wireType: WireType): void {
    if (wireType === WireType.varint) this.varint();
    else if (wireType === WireType.fixed64) this.take(8);
    else if (wireType === WireType.fixed32) this.take(4);
    else this.bytes();
  }

  private byte(): number {
    if (this.pos >= this.end) throw new ProtobufDecodeError('message ends in the middle of a field');
    return this.buf[this.pos++]!;
  }

  private take(n: number): Uint8Array {
    if (n > this.end - this.pos) throw new ProtobufDecodeError('message ends in the middle of a field');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

function isWireType(n: number): n is WireType {
  return n === 0 || n === 1 || n === 2 || n === 5;
}

/** Two's-complement 64-bit value of a varint (int64 fields; int32 fields sign-extend to 64 bits). */
export function varintToInt64(v: Varint): number {
  const hi = v.hi | 0;
  return hi * TWO_32 + v.lo;
}

export function varintToUint64(v: Varint): number {
  return v.hi * TWO_32 + v.lo;
}
