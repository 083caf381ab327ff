/**
 * Rendering a Bundle with its own options (no cluster's customization) into its Content, and
 * writing that Content to the hub when it is not there yet. The targeting controller renders
 * one Content per distinct resolved option set the same way (renderContent with a target's
 * options); a Bundle records its default render in the label `flotilla.io/content-name`.
 */
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeploymentOptions } from '../../api/bundle-options.js';
import type { Content } from '../../api/content.js';
import { decodeResources, renderBundle, type HelmRunner, type KustomizeRunner } from '../../bundle/index.js';
import type { BundleResource } from '../../bundle/index.js';
import { isAlreadyExists } from '../../kube/api-error.js';
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

/** Creates the Content unless it exists; Contents are immutable, so an existing one is already right. */
export async function ensureContent(client: ObjectClient, content: Content, options: { fieldManager: string; signal?: AbortSignal }): Promise<void> {
  try {
    await client.create({ ...content }, options);
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}
