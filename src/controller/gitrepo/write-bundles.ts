/**
 * The write step of a GitRepo sync: for each Bundle the plan creates or updates, render its
 * default Content, write the Content, then apply the Bundle (server-side apply, field manager
 * `flotilla-controller`) naming it; delete the Bundles whose path is gone. A bundle that does
 * not render is not written: its last good Bundle stays and the error names the file. An
 * unchanged Bundle is not touched at all, so its resourceVersion stays as it was.
 */
import type { Bundle } from '../../api/bundle.js';
import type { GitRepoBundleError } from '../../api/git-repo.js';
import { API_VERSION } from '../../api/group.js';
import { LABELS } from '../../api/names.js';
import { BundleError, type HelmRunner, type KustomizeRunner } from '../../bundle/index.js';
import { isNotFound } from '../../kube/api-error.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { ensureContent, renderDefaultContent, type RenderedContent } from '../content/default-content.js';
import { FIELD_MANAGER } from '../field-manager.js';
import type { BundlesPlan, PlannedBundle } from './plan-bundles.js';

/** Annotation with the number of objects in a Bundle's default render, for the GitRepo's counts. */
export const RESOURCE_COUNT_ANNOTATION = 'flotilla.io/resource-count';

export interface WriteBundlesOptions {
  client: ObjectClient;
  plan: BundlesPlan;
  /** The Bundles stored now, by name: a bundle that fails to render keeps its stored one. */
  stored: ReadonlyMap<string, Bundle>;
  kustomizeRunner?: KustomizeRunner;
  helmRunner?: HelmRunner;
  signal?: AbortSignal;
}

export interface WriteBundlesResult {
  errors: GitRepoBundleError[];
  bundleCount: number;
  resourceCount: number;
}

function storedCount(bundle: Bundle | undefined): number {
  const n = Number(bundle?.metadata.annotations?.[RESOURCE_COUNT_ANNOTATION] ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** The default render, or the render error as the GitRepo shows it (repository paths, not bundle paths). */
async function render(options: WriteBundlesOptions, planned: PlannedBundle): Promise<RenderedContent | GitRepoBundleError> {
  try {
    const runners = { ...(options.kustomizeRunner ? { kustomizeRunner: options.kustomizeRunner } : {}), ...(options.helmRunner ? { helmRunner: options.helmRunner } : {}) };
    return await renderDefaultContent(planned.bundle, runners);
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    const prefix = planned.path === '.' ? '' : `${planned.path}/`;
    return { path: planned.path, bundleName: planned.name, file: `${prefix}${err.file}`, message: `${prefix}${err.message}` };
  }
}

/** Writes one created or updated Bundle after its Content; returns its resource count, or the render error. */
async function writeOne(options: WriteBundlesOptions, planned: PlannedBundle): Promise<number | GitRepoBundleError> {
  const { client, signal } = options;
  const rendered = await render(options, planned);
  if (!('content' in rendered)) return rendered;
  await ensureContent(client, rendered.content, { fieldManager: FIELD_MANAGER, signal });
  const bundle: Bundle = {
    ...planned.bundle,
    metadata: {
      ...planned.bundle.metadata,
      labels: { ...planned.bundle.metadata.labels, [LABELS.contentName]: rendered.content.metadata.name ?? '' },
      annotations: { ...planned.bundle.metadata.annotations, [RESOURCE_COUNT_ANNOTATION]: String(rendered.resourceCount) },
    },
  };
  await client.apply(bundle, { fieldManager: FIELD_MANAGER, force: true, signal });
  return rendered.resourceCount;
}

export async function writeBundles(options: WriteBundlesOptions): Promise<WriteBundlesResult> {
  const { client, plan, stored, signal } = options;
  const result: WriteBundlesResult = { errors: [], bundleCount: 0, resourceCount: 0 };
  for (const planned of plan.bundles) {
    const outcome = planned.action === 'unchanged' ? storedCount(planned.bundle) : await writeOne(options, planned);
    if (typeof outcome === 'number') {
      result.bundleCount += 1;
      result.resourceCount += outcome;
      continue;
    }
    result.errors.push(outcome);
    if (stored.has(planned.name)) {
      result.bundleCount += 1;
      result.resourceCount += storedCount(stored.get(planned.name));
    }
  }
  for (const name of plan.kept) {
    result.bundleCount += 1;
    result.resourceCount += storedCount(stored.get(name));
  }
  for (const name of plan.deletes) {
    const namespace = stored.get(name)?.metadata.namespace;
    try {
      await client.delete({ apiVersion: API_VERSION, kind: 'Bundle', namespace, name }, { signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return result;
}
