/**
 * The error of a bundle path shown on its Bundle too, not only on the GitRepo: when the
 * latest commit's source of a Bundle could not be built (fleet.yaml broken, a chart that
 * cannot be fetched or rendered), the Bundle keeps its last good spec and gets the
 * condition Accepted=False (reason BundleError) naming the file and field; once the path
 * builds again it turns True. The decision is pure (`sourceCondition`); Bundles that never
 * failed are not written at all, so a healthy repository costs no status writes.
 */
import type { Bundle } from '../../api/bundle.js';
import { CONDITION_TYPES } from '../../api/conditions.js';
import type { GitRepoBundleError } from '../../api/git-repo.js';
import type { Condition } from '../../api/meta.js';
import { isConflict, isNotFound } from '../../kube/api-error.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { condition, writeStatusIfChanged } from '../status/index.js';

/** The Accepted condition a stored Bundle should show, or undefined when it needs none written. */
export function sourceCondition(bundle: Bundle, error: GitRepoBundleError | undefined, now: string): Condition | undefined {
  const previous = (bundle.status as { conditions?: Condition[] } | undefined)?.conditions;
  const shown = previous?.find((c) => c.type === CONDITION_TYPES.Accepted);
  if (error) {
    const message = `the latest commit was not applied, the last good Bundle stays: ${error.message ?? ''}`;
    return condition(previous, { type: CONDITION_TYPES.Accepted, ok: false, reason: 'BundleError', message }, now);
  }
  if (shown?.status === 'False') return condition(previous, { type: CONDITION_TYPES.Accepted, ok: true, reason: 'Accepted' }, now);
  return undefined;
}

export interface BundleSourceStatusOptions {
  client: ObjectClient;
  /** The GitRepo's Bundles as the cache held them before this sync. */
  stored: ReadonlyMap<string, Bundle>;
  /** This sync's bundle errors (those naming a Bundle count). */
  errors: readonly GitRepoBundleError[];
  now: string;
  signal?: AbortSignal;
}

/** Writes Accepted on each stored Bundle whose source failed, or that recovered. */
export async function writeBundleSourceStatus(options: BundleSourceStatusOptions): Promise<void> {
  const byName = new Map(options.errors.filter((e) => e.bundleName).map((e) => [e.bundleName as string, e]));
  for (const [name, cached] of options.stored) {
    if (sourceCondition(cached, byName.get(name), options.now) === undefined) continue;
    try {
      // Read it fresh: this sync may have just written the Bundle, and the write is guarded by its resourceVersion.
      const fresh = await options.client.get<Bundle>({ apiVersion: cached.apiVersion, kind: 'Bundle', namespace: cached.metadata.namespace, name }, { signal: options.signal });
      const wanted = sourceCondition(fresh, byName.get(name), options.now);
      if (wanted) await writeStatusIfChanged(options.client, { object: fresh, status: { conditions: [wanted] }, owned: ['conditions'] }, options.signal ? { signal: options.signal } : {});
    } catch (err) {
      // Gone or changed meanwhile: the next sync decides again from the cache.
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }
}
