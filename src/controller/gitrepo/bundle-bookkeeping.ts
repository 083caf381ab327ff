/**
 * The controller's own bookkeeping on a Bundle it writes from git: which path it came from
 * (so a path whose fleet.yaml breaks keeps its Bundle even when fleet.yaml renamed it), and a
 * hash of everything the controller sets, so an unchanged bundle is recognised without
 * comparing against fields the API server defaults or adds, and is then not written at all.
 */
import { createHash } from 'node:crypto';
import type { Bundle } from '../../api/bundle.js';
import { LABELS } from '../../api/names.js';
import { canonicalJson } from '../../bundle/index.js';

/** Annotation keys the GitRepo controller keeps on its Bundles. */
export const BUNDLE_ANNOTATIONS = Object.freeze({
  /** The bundle's root directory in the repository (`.` for the root). */
  path: 'flotilla.io/bundle-path',
  /** sha256 of the labels, owner references and spec the controller wrote. */
  specHash: 'flotilla.io/bundle-spec-hash',
});

/** The hash of what the controller decides about a Bundle (per-commit bookkeeping left out). */
export function bundleHash(bundle: Bundle): string {
  const { [LABELS.commit]: _commit, [LABELS.contentName]: _content, ...labels } = bundle.metadata.labels ?? {};
  const { [BUNDLE_ANNOTATIONS.specHash]: _hash, ...annotations } = bundle.metadata.annotations ?? {};
  const decided = { labels, annotations, ownerReferences: bundle.metadata.ownerReferences ?? [], spec: bundle.spec };
  return createHash('sha256').update(canonicalJson(decided)).digest('hex');
}

/** The path a Bundle was written for, when this controller wrote it. */
export function bundlePath(bundle: Bundle): string | undefined {
  return bundle.metadata.annotations?.[BUNDLE_ANNOTATIONS.path];
}

/** The Bundle with its path and hash annotations and the commit it is written at. */
export function withBookkeeping(bundle: Bundle, options: { path: string; commit: string }): Bundle {
  const annotations = { ...bundle.metadata.annotations, [BUNDLE_ANNOTATIONS.path]: options.path };
  const withPath: Bundle = { ...bundle, metadata: { ...bundle.metadata, annotations } };
  return {
    ...withPath,
    metadata: {
      ...withPath.metadata,
      labels: { ...withPath.metadata.labels, [LABELS.commit]: options.commit },
      annotations: { ...annotations, [BUNDLE_ANNOTATIONS.specHash]: bundleHash(withPath) },
    },
  };
}
