/**
 * Rendering a Bundle with its own options (no cluster's customization) into its Content, and
 * writing that Content to the hub when it is not there yet. The targeting controller renders
 * one Content per distinct resolved option set the same way (renderContent with a target's
 * options); a Bundle records its default render in the label `flotilla.io/content-name`.
 */
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeploymentOptions } from '../../api/bundle-options.js';
import { CONTENT_REFERENCED_AT_ANNOTATION, type Content } from '../../api/content.js';
import { decodeResources, renderBundle, type HelmRunner, type KustomizeRunner } from '../../bundle/index.js';
import type { BundleResource } from '../../bundle/index.js';
import { isAlreadyExists, isNotFound } from '../../kube/api-error.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { contentObject } from './content-object.js';
import { renderOptionsFor } from './render-options.js';

export interface RenderContentInput {
  /** The Bundle's source files as its spec holds them. */
  resources: readonly BundleResource[];
  options: BundleDeploymentOptions;
  /** The Bundle's workspace. */
  workspace: string;
  kustomizeRunner?: KustomizeRunner;
  helmRunner?: HelmRunner;
}

export interface RenderedContent {
  content: Content;
  /** How many objects the Content holds. */
  resourceCount: number;
}

/** Renders and encodes; throws BundleError (naming the file) when the bundle does not render. */
export async function renderContent(input: RenderContentInput): Promise<RenderedContent> {
  const files = decodeResources(input.resources);
  const options = {
    ...renderOptionsFor({ options: input.options, workspace: input.workspace }),
    ...(input.kustomizeRunner ? { kustomizeRunner: input.kustomizeRunner } : {}),
    ...(input.helmRunner ? { helmRunner: input.helmRunner } : {}),
  };
  const rendered = await renderBundle({ files }, options);
  return { content: contentObject(rendered.manifests), resourceCount: rendered.manifests.length };
}

/** The default render of a Bundle: its spec's own options. */
export function renderDefaultContent(bundle: Bundle, extra: { kustomizeRunner?: KustomizeRunner; helmRunner?: HelmRunner } = {}): Promise<RenderedContent> {
  const { resources = [], ...options } = bundle.spec;
  return renderContent({ resources: resources.map((r) => ({ name: r.name, content: r.content ?? '', ...(r.encoding === 'base64+gz' ? { encoding: r.encoding } : {}) })), options, workspace: bundle.metadata.namespace ?? '', ...extra });
}

/**
 * Creates the Content unless it exists. Contents are immutable, so an existing one is already
 * right, but nothing may have referred to it for a while (a revert to an older render, a
 * cluster moving back to an option set) and the collector may be about to delete it: it is
 * stamped `flotilla.io/referenced-at`, which restarts the collector's grace period and changes
 * its resourceVersion, so a deletion decided on the older version fails its precondition.
 * One collected between the create and the stamp is created again.
 */
export async function ensureContent(client: ObjectClient, content: Content, options: { fieldManager: string; signal?: AbortSignal; now?: Date }): Promise<void> {
  const { fieldManager, signal } = options;
  const ref = { apiVersion: content.apiVersion, kind: content.kind, name: content.metadata.name ?? '' };
  for (let attempt = 1; ; attempt++) {
    try {
      await client.create({ ...content }, { fieldManager, signal });
      return;
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    const stamp = { metadata: { annotations: { [CONTENT_REFERENCED_AT_ANNOTATION]: (options.now ?? new Date()).toISOString() } } };
    try {
      await client.patch(ref, stamp, { type: 'merge', fieldManager, signal });
      return;
    } catch (err) {
      if (!isNotFound(err) || attempt >= 2) throw err;
    }
  }
}
