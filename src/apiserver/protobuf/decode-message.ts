/**
 * The generic decoder: reads one message's bytes by its description in a registry and builds
 * the object Kubernetes' JSON encoding gives for it (JSON field names, omitempty, maps as
 * objects, bytes as base64, well-known types in their JSON forms). Fields the description
 * does not name are skipped, as protobuf readers do, so newer clients stay readable.
 */
import { ProtobufDecodeError } from './errors.js';
import { isScalarType, type FieldSpec, type MessageRegistry, type MessageSchema, type ScalarType } from './field-spec.js';
import { wellKnownTypes, type WellKnownContext } from './well-known-types.js';
import { WireReader, WireType, varintToInt64, varintToUint64, type Tag } from './wire-reader.js';

export interface DecodeContext extends WellKnownContext {
  registry: MessageRegistry;
}

type JsonObject = Record<string, unknown>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

const scalarWireType: Readonly<Record<ScalarType, WireType>> = {
  string: WireType.lengthDelimited,
  bytes: WireType.lengthDelimited,
  bool: WireType.varint,
  int32: WireType.varint,
  int64: WireType.varint,
  uint32: WireType.varint,
  uint64: WireType.varint,
  double: WireType.fixed64,
  float: WireType.fixed32,
};

export function decodeMessage(bytes: Uint8Array, messageName: string, ctx: DecodeContext): JsonObject {
  const schema = ctx.registry[messageName];
  if (!schema) throw new ProtobufDecodeError(`no description of message ${messageName}`);
  const out: JsonObject = {};
  const reader = new WireReader(bytes);
  while (!reader.done) {
    const tag = reader.tag();
    const spec = schema[tag.field];
    if (spec) readField(out, reader, tag, spec, { messageName, ctx });
    else reader.skip(tag.wireType);
  }
  applyEmptiness(out, schema);
  return out;
}

interface Where {
  messageName: string;
  ctx: DecodeContext;
}

function readField(out: JsonObject, reader: WireReader, tag: Tag, spec: FieldSpec, where: Where): void {
  if (spec.map) {
    expectWireType(tag, WireType.lengthDelimited, spec, where);
    const entries = (out[spec.json] ??= {}) as JsonObject;
    const [key, value] = readMapEntry(reader.bytes(), spec, where);
    // Keys come from the client: define them, so that `__proto__` is a key like any other (as in JSON.parse).
    Object.defineProperty(entries, key, { value, enumerable: true, writable: true, configurable: true });
  } else if (spec.repeated) {
    const items = (out[spec.json] ??= []) as unknown[];
    if (isPacked(tag, spec)) items.push(...readPacked(reader.bytes(), spec.type as ScalarType));
    else items.push(readValue(reader, tag, spec, where));
  } else if (spec.inline) {
    expectWireType(tag, WireType.lengthDelimited, spec, where);
    Object.assign(out, decodeMessage(reader.bytes(), spec.type, where.ctx));
  } else {
    const value = readValue(reader, tag, spec, where);
    const previous = out[spec.json];
    // Protobuf merges a message field that appears twice; a scalar's last value wins.
    out[spec.json] = isObject(previous) && isObject(value) ? { ...previous, ...value } : value;
  }
}

function readValue(reader: WireReader, tag: Tag, spec: FieldSpec, where: Where): unknown {
  if (isScalarType(spec.type)) {
    expectWireType(tag, scalarWireType[spec.type], spec, where);
    return readScalar(reader, spec.type);
  }
  expectWireType(tag, WireType.lengthDelimited, spec, where);
  return decodeValueOfType(reader.bytes(), spec.type, where.ctx);
}

function decodeValueOfType(bytes: Uint8Array, type: string, ctx: DecodeContext): unknown {
  const wellKnown = wellKnownTypes[type];
  return wellKnown ? wellKnown(bytes, ctx) : decodeMessage(bytes, type, ctx);
}

function readScalar(reader: WireReader, type: ScalarType): unknown {
  switch (type) {
    case 'string':
      return decodeText(reader.bytes());
    case 'bytes':
      return Buffer.from(reader.bytes()).toString('base64');
    case 'bool': {
      const v = reader.varint();
      return v.lo !== 0 || v.hi !== 0;
    }
    case 'int32':
      return reader.varint().lo | 0;
    case 'uint32':
      return reader.varint().lo;
    case 'int64':
      return varintToInt64(reader.varint());
    case 'uint64':
      return varintToUint64(reader.varint());
    case 'double': {
      const b = reader.fixed64();
      return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
    }
    case 'float': {
      const view = new DataView(new ArrayBuffer(4));
      view.setUint32(0, reader.fixed32(), true);
      return view.getFloat32(0, true);
    }
  }
}

function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ProtobufDecodeError('a string field is not valid UTF-8');
  }
}

/** A map entry is a message of key (field 1) and value (field 2); either may be left out when zero. */
function readMapEntry(bytes: Uint8Array, spec: FieldSpec, where: Where): [string, unknown] {
  const keySpec: FieldSpec = { json: 'key', type: spec.map ?? 'string' };
  const valueSpec: FieldSpec = { json: 'value', type: spec.type };
  let key: unknown = zeroOf(keySpec.type);
  let value: unknown;
  const reader = new WireReader(bytes);
  while (!reader.done) {
    const tag = reader.tag();
    if (tag.field === 1) key = readValue(reader, tag, keySpec, where);
    else if (tag.field === 2) value = readValue(reader, tag, valueSpec, where);
    else reader.skip(tag.wireType);
  }
  if (value === undefined) value = isScalarType(spec.type) ? zeroOf(spec.type) : decodeValueOfType(new Uint8Array(0), spec.type, where.ctx);
  return [String(key), value];
}

function isPacked(tag: Tag, spec: FieldSpec): boolean {
  return tag.wireType === WireType.lengthDelimited && isScalarType(spec.type) && scalarWireType[spec.type] !== WireType.lengthDelimited;
}

function readPacked(bytes: Uint8Array, type: ScalarType): unknown[] {
  const reader = new WireReader(bytes);
  const values: unknown[] = [];
  while (!reader.done) values.push(readScalar(reader, type));
  return values;
}

function expectWireType(tag: Tag, expected: WireType, spec: FieldSpec, where: Where): void {
  if (tag.wireType !== expected) {
    throw new ProtobufDecodeError(`field ${tag.field} (${spec.json}) of ${where.messageName} has wire type ${tag.wireType}, expected ${expected}`);
  }
}

function zeroOf(type: string): unknown {
  if (type === 'string' || type === 'bytes') return '';
  if (type === 'bool') return false;
  return 0;
}

/**
 * Go's JSON emptiness rules, applied once the message is read: with `omitempty` a zero scalar
 * is left out; without it (`keep`) a list or map that never appeared is null, as a nil slice is.
 */
function applyEmptiness(out: JsonObject, schema: MessageSchema): void {
  for (const spec of Object.values(schema)) {
    if (spec.inline) continue;
    const present = Object.hasOwn(out, spec.json);
    if (spec.repeated || spec.map) {
      if (spec.keep && !present) out[spec.json] = null;
    } else if (!spec.keep && present && isScalarType(spec.type) && out[spec.json] === zeroOf(spec.type)) {
      delete out[spec.json];
    }
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
