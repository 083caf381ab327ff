/**
 * Helm hooks in a GitOps apply. `helm template` prints hook objects with the chart's own;
 * an agent applies everything at once, so the order Helm documents for an install is kept
 * by position in the Content (the agent keeps the Content's order within a tier): CRDs and
 * Namespaces first, then `pre-install` hooks by `helm.sh/hook-weight`, then the chart's
 * objects, then `post-install` hooks by weight. `test` hooks are dropped (Helm runs them only
 * on `helm test`), and so are hooks that run only on upgrade, rollback or delete, which a
 * declarative apply has no moment for.
 */
import type { KubeObject } from '../../api/meta.js';

export const HOOK_ANNOTATION = 'helm.sh/hook';
export const HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';

export type HookPhase = 'pre' | 'post' | 'none' | 'drop';

/** What to do with one object of a chart's output. */
export function hookPhase(object: KubeObject): HookPhase {
  const value = object.metadata.annotations?.[HOOK_ANNOTATION];
  if (value === undefined) return 'none';
  const hooks = value.split(',').map((h) => h.trim());
  if (hooks.some((h) => h.startsWith('test'))) return 'drop';
  if (hooks.includes('pre-install')) return 'pre';
  if (hooks.includes('post-install')) return 'post';
  return 'drop';
}

function weight(object: KubeObject): number {
  const n = Number.parseInt(object.metadata.annotations?.[HOOK_WEIGHT_ANNOTATION] ?? '0', 10);
  return Number.isFinite(n) ? n : 0;
}

/** Objects that must exist before anything else: Namespaces and CRDs. */
function isFoundation(object: KubeObject): boolean {
  return object.kind === 'Namespace' || object.kind === 'CustomResourceDefinition';
}

/**
 * `sorted` (already in the renderer's deterministic order) reordered for hooks: foundation,
 * pre-install hooks, the rest, post-install hooks; dropped hooks removed. Stable within a group.
 */
export function orderHooks(sorted: readonly KubeObject[]): KubeObject[] {
  const groups: Record<HookPhase | 'foundation', KubeObject[]> = { foundation: [], pre: [], none: [], post: [], drop: [] };
  for (const object of sorted) {
    const phase = hookPhase(object);
    groups[phase === 'none' && isFoundation(object) ? 'foundation' : phase].push(object);
  }
  const byWeight = (list: KubeObject[]): KubeObject[] => list.map((o, i) => ({ o, i })).sort((a, b) => weight(a.o) - weight(b.o) || a.i - b.i).map((x) => x.o);
  return [...groups.foundation, ...byWeight(groups.pre), ...groups.none, ...byWeight(groups.post)];
}

/** The objects of a chart's output that are deployed at all (no test or upgrade/delete-only hooks). */
export function withoutDroppedHooks(objects: readonly KubeObject[]): KubeObject[] {
  return objects.filter((o) => hookPhase(o) !== 'drop');
}
