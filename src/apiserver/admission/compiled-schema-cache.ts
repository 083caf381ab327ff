/**
 * What is compiled from a CRD version's schema (an ajv validator, field type info), kept per
 * schema. The served ResourceType is rebuilt on every write to its CRD, so the same schema
 * arrives as a new object after each status or metadata change: looked up first by object
 * identity (free on every request), then by the schema's exact JSON under its CRD uid and
 * version, so only a real schema change compiles again. Keying by content, not by a
 * fingerprint, means two different schemas never share a compiled result.
 */
export class CompiledSchemaCache<T> {
  private readonly byObject = new WeakMap<object, T>();
  private readonly byOwner = new Map<string, { json: string; compiled: T }>();

  constructor(private readonly compile: (schema: object) => T) {}

  /** `owner` names the schema's place (CRD uid and version); the newest schema replaces older ones. */
  get(owner: string, schema: object): T {
    const known = this.byObject.get(schema);
    if (known !== undefined) return known;
    const json = JSON.stringify(schema);
    const previous = this.byOwner.get(owner);
    const compiled = previous?.json === json ? previous.compiled : this.compile(schema);
    this.byOwner.set(owner, { json, compiled });
    this.byObject.set(schema, compiled);
    return compiled;
  }
}
