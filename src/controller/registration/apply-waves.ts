/**
 * The order registration's writes need, as data: objects others depend on (a Namespace before
 * what lives in it, a ServiceAccount before its token Secret, whose token the server fills
 * only when the ServiceAccount exists) go in a first wave, everything else in a second. Within
 * a wave the writes are independent, so they are sent together: one at a time, a grant's ten
 * writes made each registration wait ten round trips on a busy hub.
 */
import type { KubeObject } from '../../api/meta.js';

const FIRST = new Set(['Namespace', 'ServiceAccount', 'ClusterRole', 'Cluster']);

/** The objects in waves, each wave keeping the input order; empty waves are left out. */
export function applyWaves(objects: readonly KubeObject[]): KubeObject[][] {
  const first = objects.filter((o) => FIRST.has(o.kind));
  const rest = objects.filter((o) => !FIRST.has(o.kind));
  return [first, rest].filter((wave) => wave.length > 0);
}
