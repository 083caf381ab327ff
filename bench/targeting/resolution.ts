/**
 * Target resolution measured beside its peer in the same run: `resolveTargets` through the
 * ClusterIndex (what the controller runs) against the same function over a plain list, which
 * evaluates every bundle against every cluster (a straightforward nested loop over the same
 * selectors). Both must agree on every targeted pair, or the run fails. Also measures the
 * index's memory per cluster and a relabel's incremental re-evaluation.
 * `measureResolution` is what the scale harness calls for its `resolutionVsNestedLoop` ratio.
 */
import { BundleReferenceIndex, ClusterIndex, bundleMatchers, resolveTargets, type BundleResolution, type TargetCluster } from '../../src/targeting/index.js';
import { heapAfterGc, timed } from './heap.js';
import { GROUPS, makeBundles, makeClusters } from './workload.js';

export interface MeasureResolutionOptions {
  /** Clusters, as plain data (no hub). */
  readonly clusters: number;
  /** Bundles, cycling through every selector form. */
  readonly bundles: number;
}

export interface ResolutionFigures {
  readonly clusters: number;
  readonly bundles: number;
  /** Resolving every bundle through the index. */
  readonly flotillaMs: number;
  /** Resolving every bundle against every cluster. */
  readonly nestedLoopMs: number;
  /** nestedLoopMs / flotillaMs: > 1 when the index is faster. */
  readonly ratio: number;
  /** The same in CPU time of this process (garbage collection included), which other load on the machine does not inflate. */
  readonly flotillaCpuMs: number;
  readonly nestedLoopCpuMs: number;
  readonly indexBuildMs: number;
  /** Targeted (bundle, cluster) pairs; equal for both ways or the measurement throws. */
  readonly pairs: number;
  /** Heap after GC per cluster: the plain cluster data and the index over it. */
  readonly bytesPerCluster: number;
  readonly relabelMs: number;
  readonly bundlesPerRelabel: number;
}

function targetedKeys(resolutions: readonly BundleResolution[]): string[] {
  return resolutions.flatMap((r) => r.decisions.filter((d) => d.targeted).map((d) => `${d.bundle}>${d.cluster}`)).sort();
}

function assertSameTargets(indexed: readonly BundleResolution[], nested: readonly BundleResolution[]): number {
  const a = targetedKeys(indexed);
  const b = targetedKeys(nested);
  const differ = a.length !== b.length || a.some((key, i) => key !== b[i]);
  if (differ) throw new Error(`index and nested loop disagree: ${a.length} vs ${b.length} targeted pairs`);
  return a.length;
}

/** Resolves `bundles` bundles over `clusters` clusters both ways, in this process, and compares. */
export function measureResolution(options: MeasureResolutionOptions): ResolutionFigures {
  const bundles = makeBundles(options.bundles);
  const before = heapAfterGc();
  const clusters = makeClusters(options.clusters);
  const built = timed(() => new ClusterIndex(clusters));
  const bytesPerCluster = (heapAfterGc() - before) / options.clusters;
  const indexed = timed(() => resolveTargets({ bundles, clusters: built.value, groups: GROUPS }));
  const nested = timed(() => resolveTargets({ bundles, clusters, groups: GROUPS }));
  const pairs = assertSameTargets(indexed.value, nested.value);
  const references = new BundleReferenceIndex();
  for (const b of bundles) references.set(`${b.namespace}/${b.name}`, bundleMatchers(b));
  const before0 = clusters[0] as TargetCluster;
  // A label few bundles read (only the NotIn expressions refer to env): the others are not re-evaluated.
  const after0: TargetCluster = { ...before0, labels: { ...before0.labels, env: 'canary' } };
  const relabel = timed(() => {
    built.value.upsert(after0);
    const affected = new Set(references.affectedBundles({ before: before0, after: after0 }, GROUPS));
    resolveTargets({ bundles: bundles.filter((b) => affected.has(`${b.namespace}/${b.name}`)), clusters: built.value, groups: GROUPS });
    return affected.size;
  });
  return {
    clusters: options.clusters,
    bundles: options.bundles,
    flotillaMs: indexed.ms,
    nestedLoopMs: nested.ms,
    ratio: nested.ms / indexed.ms,
    flotillaCpuMs: indexed.cpuMs,
    nestedLoopCpuMs: nested.cpuMs,
    indexBuildMs: built.ms,
    pairs,
    bytesPerCluster,
    relabelMs: relabel.ms,
    bundlesPerRelabel: relabel.value,
  };
}
