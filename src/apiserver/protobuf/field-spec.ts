/**
 * The compact description of a protobuf message that the decoder is driven by: for each field
 * number, the JSON name Kubernetes gives the field, its scalar or message type, whether it is
 * repeated or a map, and the JSON emptiness rule of its Go field. The wire type follows from
 * the type, so it is not written down twice.
 */

/** Scalar types Kubernetes' messages use, named as in `.proto` files. */
export type ScalarType = 'string' | 'bytes' | 'bool' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'double' | 'float';

const scalarTypes: ReadonlySet<string> = new Set<ScalarType>(['string', 'bytes', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float']);

export function isScalarType(type: string): type is ScalarType {
  return scalarTypes.has(type);
}

export interface FieldSpec {
  /** The field's name in Kubernetes' JSON encoding. */
  json: string;
  /** A scalar type, or the name of a message (`core.v1.PodSpec`) in the registry or among the well-known types. */
  type: string;
  repeated?: boolean;
  /** For a map field, the key type; `type` is then the value type. */
  map?: ScalarType;
  /**
   * The Go field is a pointer or has no `omitempty`, so Go's JSON encoding keeps its zero value:
   * a zero scalar is emitted (`*int32 replicas`, `containerPort`), and an absent list or map is
   * emitted as null (`rules` of a Role). Without it, zero scalars and absent lists and maps are
   * left out, as `omitempty` does.
   */
  keep?: boolean;
  /** An embedded Go struct (`LocalObjectReference` in a key selector): its fields sit in the parent's JSON object. */
  inline?: boolean;
}

export type MessageSchema = Readonly<Record<number, FieldSpec>>;
export type MessageRegistry = Readonly<Record<string, MessageSchema>>;

export type FieldOptions = Omit<FieldSpec, 'json' | 'type'>;

/** One field: `f('replicas', 'int32', keep)`. */
export function f(json: string, type: string, options: FieldOptions = {}): FieldSpec {
  return { json, type, ...options };
}

/** Shorthands for the options that recur in every table. */
export const keep: FieldOptions = { keep: true };
export const list: FieldOptions = { repeated: true };
/** A list whose Go field has no `omitempty`: null in JSON when absent. */
export const listOrNull: FieldOptions = { repeated: true, keep: true };
export const stringMap: FieldOptions = { map: 'string' };
export const inline: FieldOptions = { inline: true };

/** The message every top-level object's field 1 holds. */
export const OBJECT_META = 'meta.v1.ObjectMeta';
