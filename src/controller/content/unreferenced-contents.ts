/**
 * Which Contents nobody refers to any more, decided as a pure function. A Content is in use
 * while a Bundle names it (label `flotilla.io/content-name`, its default render) or a
 * BundleDeployment does (its `deploymentID` or `stagedDeploymentID`, or the same label), so
 * old Content stays while a rollout still holds clusters on it. A Content created or
 * referenced again (annotation `flotilla.io/referenced-at`) less than the grace period ago is
 * kept too: whoever wrote it may not have written the object naming it yet.
 */
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { CONTENT_REFERENCED_AT_ANNOTATION, type Content } from '../../api/content.js';
import { LABELS } from '../../api/names.js';
import { parseDeploymentId } from '../../bundle/index.js';

export interface UnreferencedContentsInput {
  contents: readonly Content[];
  /** Content names some object refers to (`referencedContents`). */
  referenced: ReadonlySet<string>;
  /** Milliseconds since the epoch. */
  now: number;
  /** Contents created or referenced again less than this many milliseconds ago are kept. */
  graceMs: number;
}

/** Adds every Content name the given objects refer to; returns `names`. */
export function addReferencedContents(names: Set<string>, bundles: Iterable<Bundle>, bundleDeployments: Iterable<BundleDeployment>): Set<string> {
  const add = (name: string | undefined): void => {
    if (name) names.add(name);
  };
  for (const b of bundles) add(b.metadata.labels?.[LABELS.contentName]);
  for (const bd of bundleDeployments) {
    add(bd.metadata.labels?.[LABELS.contentName]);
    for (const id of [bd.spec?.deploymentID, bd.spec?.stagedDeploymentID]) if (id) add(parseDeploymentId(id).contentName);
  }
  return names;
}

/** Every Content name the given objects refer to. */
export function referencedContents(bundles: Iterable<Bundle>, bundleDeployments: Iterable<BundleDeployment>): Set<string> {
  return addReferencedContents(new Set(), bundles, bundleDeployments);
}

/** When the Content was last created or referenced again, in milliseconds since the epoch; NaN when unknown. */
function lastReferencedAt(content: Content): number {
  const created = Date.parse(content.metadata.creationTimestamp ?? '');
  const stamped = Date.parse(content.metadata.annotations?.[CONTENT_REFERENCED_AT_ANNOTATION] ?? '');
  return Number.isFinite(stamped) && !(stamped < created) ? stamped : created;
}

/** The Contents to delete, sorted by name. */
export function unreferencedContents(input: UnreferencedContentsInput): Content[] {
  return input.contents
    .filter((c) => {
      if (input.referenced.has(c.metadata.name ?? '') || c.metadata.deletionTimestamp) return false;
      const at = lastReferencedAt(c);
      return Number.isFinite(at) && input.now - at >= input.graceMs;
    })
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}
