/**
 * One copy of each repeated value the controller's caches hold. Every object decoded from the
 * hub carries its own copy of strings that thousands of others repeat (a Bundle's
 * deploymentID and Content name on each of its clusters, workspace and bundle names, label
 * values) and of option objects equal across clusters; the caches keep the first copy and
 * drop the others. Values live in two generations: a lookup promotes a value from the old
 * generation, and the old one is dropped when the new one fills, so values no object uses
 * any more (a replaced deploymentID) do not stay forever. A value is at worst copied again.
 */
import { canonicalJson } from '../../targeting/index.js';

export interface SharedValuesOptions {
  /** Distinct values per generation before the older one is dropped; default 100,000. */
  readonly capacity?: number;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

class Generations<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  shared(key: string, value: V): V {
    const found = this.current.get(key);
    if (found !== undefined) return found;
    const kept = this.previous.get(key) ?? value;
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, kept);
    return kept;
  }
}

export class SharedValues {
  private readonly strings: Generations<string>;
  private readonly objects: Generations<object>;

  constructor(options: SharedValuesOptions = {}) {
    const capacity = options.capacity ?? 100_000;
    this.strings = new Generations(capacity);
    this.objects = new Generations(capacity);
  }

  /** The copy of `value` kept before, or this one. */
  string<T extends string | undefined>(value: T): T {
    return (value === undefined ? value : this.strings.shared(value, value)) as T;
  }

  /**
   * A string map with each value shared. The map itself is not: label maps name their
   * cluster, so they rarely repeat, and keeping a key per distinct map would cost more.
   */
  labels<T extends Record<string, string> | undefined>(labels: T): T {
    if (labels === undefined) return labels;
    const own: Record<string, string> = {};
    for (const [k, v] of Object.entries(labels)) own[k] = this.string(v);
    return own as T;
  }

  /**
   * An object equal (same canonical JSON) to one kept before, or this one, deep-frozen: it is
   * shared between cached objects, so nobody may change it.
   */
  object<T extends object | undefined>(value: T): T {
    if (value === undefined) return value;
    // Only a value kept for the first time is frozen: freezing every copy first walked each
    // BundleDeployment's options on every watch event, to throw the copy away.
    const kept = this.objects.shared(canonicalJson(value), value);
    return (kept === value ? deepFreeze(value) : kept) as T;
  }
}
