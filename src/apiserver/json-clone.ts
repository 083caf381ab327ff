/**
 * A deep copy of a JSON-shaped value (what request bodies and stored objects are: plain
 * objects, arrays, strings, numbers, booleans, null, and undefined left by code that builds
 * objects). It walks the value itself instead of calling structuredClone, which goes through
 * V8's serializer and was about five times slower on a typical object; copying objects
 * before a write or a patch is done several times per request.
 */
export function cloneJsonValue<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = copy((value as Record<string, unknown>)[key]);
    // Assigning `__proto__` would set the prototype instead of a key that JSON may carry.
    if (key === '__proto__') Object.defineProperty(out, key, { value: child, enumerable: true, writable: true, configurable: true });
    else out[key] = child;
  }
  return out;
}
