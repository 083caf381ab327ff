/**
 * Which Contents nobody refers to any more, decided as a pure function. A Content is in use
 * while a Bundle names it (label `flotilla.io/content-name`, its default render) or a
 * BundleDeployment does (its `deploymentID` or `stagedDeploymentID`, or the same label), so
 * old Content stays while a rollout still holds clusters on it. A Content younger than the
 * grace period is kept too: whoever wrote it may not have written the object naming it yet.
 */
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { Content } from '../../api/content.js';
import { LABELS } from '../../api/names.js';
import { parseDeploymentId } from '../../bundle/index.js';

export interface UnreferencedContentsInput {
  contents: readonly Content[];
  bundles: readonly Bundle[];
  bundleDeployments: readonly BundleDeployment[];
  /** Milliseconds since the epoch. */
  now: number;
  /** Contents created less than this many milliseconds ago are kept. */
  graceMs: number;
}

/** Every Content name the given objects refer to. */
export function referencedContents(bundles: readonly Bundle[], bundleDeployments: readonly BundleDeployment[]): Set<string> {
  const names = new Set<string>();
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

/** Names of the Contents to delete, sorted. */
export function unreferencedContents(input: UnreferencedContentsInput): string[] {
  const used = referencedContents(input.bundles, input.bundleDeployments);
  return input.contents
    .filter((c) => {
      const name = c.metadata.name ?? '';
      if (used.has(name) || c.metadata.deletionTimestamp) return false;
      const created = Date.parse(c.metadata.creationTimestamp ?? '');
      return Number.isFinite(created) && input.now - created >= input.graceMs;
    })
    .map((c) => c.metadata.name ?? '')
    .sort();
}
