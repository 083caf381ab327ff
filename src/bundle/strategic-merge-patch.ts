/**
 * Strategic merge patch for built-in kinds, the part of Kubernetes' algorithm that overlay
 * patches rely on: maps merge, `null` deletes, lists of known fields merge item by item on
 * their merge key (containers by name, volume mounts by mount path, ...) and other lists
 * are replaced; the directives `$patch: replace|delete|merge`, `$retainKeys`,
 * `$deleteFromPrimitiveList/<field>` and `$setElementOrder/<field>` are understood. The
 * merge keys are Kubernetes' `patchMergeKey` tags for the fields that commonly appear in
 * manifests, keyed by field name.
 */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  ownerReferences: 'uid',
  resourceClaims: 'name',
  conditions: 'type',
};

/** Lists of scalars that Kubernetes merges as sets. */
const MERGED_SCALAR_LISTS: ReadonlySet<string> = new Set(['finalizers']);

function mergeKeyFor(field: string, items: readonly unknown[]): string | undefined {
  // Container ports merge on containerPort, Service ports on port.
  if (field === 'ports') return items.some((i) => isRecord(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

/** Applies a strategic merge patch to a copy of `original`; `undefined` means the patch deleted it. */
export function applyStrategicMergePatch(original: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return applyStrategicMergePatch(undefined, withoutDirective(patch));
  const out: Record<string, unknown> = isRecord(original) ? structuredClone(original) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) {
      applyKeyDirective(out, key, value);
      continue;
    }
    if (value === null) delete out[key];
    else if (Array.isArray(value)) out[key] = mergeList(key, out[key], value);
    else if (isRecord(value)) setOrDelete(out, key, applyStrategicMergePatch(out[key], value));
    else out[key] = value;
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(out)) if (!retain.includes(key)) delete out[key];
  }
  return out;
}

function withoutDirective(patch: Record<string, unknown>): Record<string, unknown> {
  const { $patch: _directive, ...rest } = patch;
  return rest;
}

function setOrDelete(out: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete out[key];
  else out[key] = value;
}

function applyKeyDirective(out: Record<string, unknown>, key: string, value: unknown): void {
  const prefix = '$deleteFromPrimitiveList/';
  if (!key.startsWith(prefix) || !Array.isArray(value)) return;
  const field = key.slice(prefix.length);
  const current = out[field];
  if (Array.isArray(current)) out[field] = current.filter((v) => !value.includes(v));
}

function mergeList(field: string, original: unknown, patch: readonly unknown[]): unknown[] {
  const replaceAll = patch.some((i) => isRecord(i) && i.$patch === 'replace');
  const items = patch.filter((i) => !(isRecord(i) && i.$patch === 'replace'));
  const base = Array.isArray(original) ? original : [];
  if (replaceAll) return items.map((i) => applyStrategicMergePatch(undefined, i));
  if (MERGED_SCALAR_LISTS.has(field)) return [...base, ...items.filter((i) => !base.includes(i))];
  const key = mergeKeyFor(field, [...base, ...items]);
  if (key === undefined || !items.every(isRecord)) {
    return items.filter((i) => !(isRecord(i) && i.$patch === 'delete')).map((i) => applyStrategicMergePatch(undefined, i));
  }
  const result = structuredClone(base);
  for (const item of items as Array<Record<string, unknown>>) {
    const at = result.findIndex((r) => isRecord(r) && r[key] === item[key]);
    if (item.$patch === 'delete') {
      if (at >= 0) result.splice(at, 1);
    } else if (at >= 0) {
      result[at] = applyStrategicMergePatch(result[at], item);
    } else {
      result.push(applyStrategicMergePatch(undefined, item));
    }
  }
  return result;
}
