/**
 * Messages whose JSON form is not an object of their fields: `metav1.Time` and `MicroTime`
 * (RFC 3339 strings, null when zero), `resource.Quantity` (its canonical string),
 * `intstr.IntOrString` (a number or a string), `runtime.RawExtension` and `metav1.FieldsV1`
 * (JSON held as bytes, or a nested protobuf object), and the `ExtraValue` string lists of
 * the authentication and authorization groups (a JSON array).
 */
import { ProtobufDecodeError } from './errors.js';
import { WireReader, WireType, varintToInt64, type Tag } from './wire-reader.js';

export interface WellKnownContext {
  /** Decodes bytes that start with the protobuf magic as a whole object (a RawExtension holding protobuf). */
  decodeEmbeddedObject(bytes: Uint8Array): unknown;
}

export type WellKnownDecoder = (bytes: Uint8Array, ctx: WellKnownContext) => unknown;

/** The four bytes every Kubernetes protobuf body starts with: `k8s` and a NUL. */
export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

export function hasProtobufMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && PROTOBUF_MAGIC.every((b, i) => bytes[i] === b);
}

/** Calls `onField` for every field of a message; it must consume the field's value or return false to skip it. */
function eachField(bytes: Uint8Array, onField: (tag: Tag, reader: WireReader) => boolean): void {
  const reader = new WireReader(bytes);
  while (!reader.done) {
    const tag = reader.tag();
    if (!onField(tag, reader)) reader.skip(tag.wireType);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ProtobufDecodeError(`${what} is not valid UTF-8`);
  }
}

function timestamp(bytes: Uint8Array): { seconds: number; nanos: number } {
  let seconds = 0;
  let nanos = 0;
  eachField(bytes, (tag, reader) => {
    if (tag.wireType !== WireType.varint) return false;
    if (tag.field === 1) seconds = varintToInt64(reader.varint());
    else if (tag.field === 2) nanos = reader.varint().lo | 0;
    else return false;
    return true;
  });
  return { seconds, nanos };
}

/** Go's RFC 3339 form in UTC; `fractionDigits` 0 for Time, 6 for MicroTime. */
function rfc3339(seconds: number, nanos: number, fractionDigits: number): string {
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (fractionDigits === 0) return `${base}Z`;
  const fraction = String(Math.floor(nanos / 10 ** (9 - fractionDigits))).padStart(fractionDigits, '0');
  return `${base}.${fraction}Z`;
}

function time(fractionDigits: number): WellKnownDecoder {
  return (bytes) => {
    // Go writes an unset (zero) time as an empty message and reads an empty message back as
    // unset, which its JSON encoding writes as null; year 1 is Go's zero time said explicitly.
    if (bytes.length === 0) return null;
    const { seconds, nanos } = timestamp(bytes);
    if (seconds === GO_ZERO_TIME_SECONDS) return null;
    return rfc3339(seconds, nanos, fractionDigits);
  };
}

/** Seconds from the Unix epoch to 0001-01-01T00:00:00Z, Go's zero time. */
const GO_ZERO_TIME_SECONDS = -62135596800;

function stringField(bytes: Uint8Array, field: number, what: string): string {
  let value = '';
  eachField(bytes, (tag, reader) => {
    if (tag.field !== field || tag.wireType !== WireType.lengthDelimited) return false;
    value = text(reader.bytes(), what);
    return true;
  });
  return value;
}

function bytesField(bytes: Uint8Array, field: number): Uint8Array | undefined {
  let value: Uint8Array | undefined;
  eachField(bytes, (tag, reader) => {
    if (tag.field !== field || tag.wireType !== WireType.lengthDelimited) return false;
    value = reader.bytes();
    return true;
  });
  return value;
}

const quantity: WellKnownDecoder = (bytes) => stringField(bytes, 1, 'a quantity') || '0';

const intOrString: WellKnownDecoder = (bytes) => {
  let type = 0;
  let intVal = 0;
  let strVal = '';
  eachField(bytes, (tag, reader) => {
    if (tag.field === 1 && tag.wireType === WireType.varint) type = varintToInt64(reader.varint());
    else if (tag.field === 2 && tag.wireType === WireType.varint) intVal = reader.varint().lo | 0;
    else if (tag.field === 3 && tag.wireType === WireType.lengthDelimited) strVal = text(reader.bytes(), 'an int-or-string');
    else return false;
    return true;
  });
  return type === 1 ? strVal : intVal;
};

function embeddedJson(raw: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(text(raw, what)) as unknown;
  } catch (err) {
    if (err instanceof ProtobufDecodeError) throw err;
    throw new ProtobufDecodeError(`${what} does not hold valid JSON`);
  }
}

const rawExtension: WellKnownDecoder = (bytes, ctx) => {
  const raw = bytesField(bytes, 1);
  if (!raw || raw.length === 0) return null;
  return hasProtobufMagic(raw) ? ctx.decodeEmbeddedObject(raw) : embeddedJson(raw, 'an embedded object');
};

const fieldsV1: WellKnownDecoder = (bytes) => {
  const raw = bytesField(bytes, 1);
  return !raw || raw.length === 0 ? null : embeddedJson(raw, 'a managed fields entry');
};

const stringList: WellKnownDecoder = (bytes) => {
  const items: string[] = [];
  eachField(bytes, (tag, reader) => {
    if (tag.field !== 1 || tag.wireType !== WireType.lengthDelimited) return false;
    items.push(text(reader.bytes(), 'a list item'));
    return true;
  });
  return items;
};

/** Decoders by the message names the schema tables use. */
export const wellKnownTypes: Readonly<Record<string, WellKnownDecoder>> = {
  'meta.v1.Time': time(0),
  'meta.v1.MicroTime': time(6),
  'resource.Quantity': quantity,
  'intstr.IntOrString': intOrString,
  'runtime.RawExtension': rawExtension,
  'meta.v1.FieldsV1': fieldsV1,
  'authentication.v1.ExtraValue': stringList,
  'authorization.v1.ExtraValue': stringList,
};
