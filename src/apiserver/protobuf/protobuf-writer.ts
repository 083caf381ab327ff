/**
 * The other direction of wire-reader.ts, kept small: builds protobuf messages field by field
 * and wraps them in the `k8s\0` + runtime.Unknown envelope. Tests use it to make bodies no
 * client happens to send (negative numbers, packed lists, unknown fields, nesting).
 */
import { PROTOBUF_MAGIC } from './well-known-types.js';
import { WireType } from './wire-reader.js';

export class ProtobufWriter {
  private readonly bytes: number[] = [];

  /** Any integer or bool; negatives are written as ten-byte two's-complement varints, as Go does. */
  varint(field: number, value: number | bigint | boolean): this {
    this.tag(field, WireType.varint);
    this.rawVarint(BigInt.asUintN(64, BigInt(typeof value === 'boolean' ? Number(value) : value)));
    return this;
  }

  string(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  bytesField(field: number, value: Uint8Array): this {
    this.tag(field, WireType.lengthDelimited);
    this.rawVarint(BigInt(value.length));
    this.bytes.push(...value);
    return this;
  }

  message(field: number, value: ProtobufWriter): this {
    return this.bytesField(field, value.finish());
  }

  fixed32(field: number, value: number): this {
    this.tag(field, WireType.fixed32);
    const view = new DataView(new ArrayBuffer(4));
    view.setUint32(0, value, true);
    this.bytes.push(...new Uint8Array(view.buffer));
    return this;
  }

  double(field: number, value: number): this {
    this.tag(field, WireType.fixed64);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value, true);
    this.bytes.push(...new Uint8Array(view.buffer));
    return this;
  }

  /** Raw bytes with no tag, e.g. the varints of a packed list. */
  raw(value: Uint8Array | ProtobufWriter): this {
    this.bytes.push(...(value instanceof ProtobufWriter ? value.finish() : value));
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  private tag(field: number, wireType: WireType): void {
    this.rawVarint(BigInt(field) * 8n + BigInt(wireType));
  }

  private rawVarint(value: bigint): void {
    let v = value;
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
  }
}

export interface EnvelopeParts {
  apiVersion: string;
  kind: string;
  raw: Uint8Array | ProtobufWriter;
  contentEncoding?: string;
  contentType?: string;
}

/** A whole request body: magic, then runtime.Unknown { typeMeta, raw, contentEncoding, contentType }. */
export function protobufBody(parts: EnvelopeParts): Buffer {
  const raw = parts.raw instanceof ProtobufWriter ? parts.raw.finish() : parts.raw;
  const unknown = new ProtobufWriter()
    .message(1, new ProtobufWriter().string(1, parts.apiVersion).string(2, parts.kind))
    .bytesField(2, raw)
    .string(3, parts.contentEncoding ?? '')
    .string(4, parts.contentType ?? '');
  return Buffer.concat([PROTOBUF_MAGIC, unknown.finish()]);
}
