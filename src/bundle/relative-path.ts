/**
 * Whether a path a fleet.yaml names stays inside its bundle. fleet.yaml checking, kustomize and
 * Helm rendering all ask it, so it lives apart from each of them.
 */
/** True for a relative path that stays inside the bundle (no absolute path, no climbing out with `..`). */
export function isRelativeInside(path: string): boolean {
  if (path.startsWith('/') || path.includes('\\')) return false;
  let depth = 0;
  for (const seg of path.split('/')) {
    if (seg === '..') depth -= 1;
    else if (seg !== '' && seg !== '.') depth += 1;
    if (depth < 0) return false;
  }
  return true;
}
