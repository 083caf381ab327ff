/**
 * JSON Merge Patch (RFC 7386): maps merge key by key, `null` deletes, anything else
 * (lists included) replaces. Used for objects whose kind Kubernetes has no strategic-merge
 * schema for (custom resources, CRDs, files without a kind), as Fleet does.
 */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isRecord(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}
