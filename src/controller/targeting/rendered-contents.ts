/**
 * One Content per distinct resolved option set of a Bundle: rendered with the same code
 * path as the Bundle's default render (content/renderContent), written once, and remembered
 * by the Bundle's generation and the options hash, so a pass that changes no options renders
 * nothing. A remembered Content is written again (ensureContent: created if collected, else
 * stamped as referenced) once `refreshAfter` has passed: while no BundleDeployment used it
 * (its clusters moved to other options) the collector may have deleted it. Rendering errors
 * (BundleError, naming the file) reach the caller, which then changes nothing.
 */
import type { Bundle } from '../../api/bundle.js';
import { helmTemplate, type HelmRunner, type KustomizeRunner } from '../../bundle/index.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import type { ObjectClient } from '../../kube/object-client.js';
import type { BundleOptions } from '../../targeting/index.js';
import { ensureContent, renderContent } from '../content/index.js';
import { deploymentOptions } from './bundle-deployment-object.js';

export interface RenderedContentsOptions {
  client: ObjectClient;
  fieldManager: string;
  kustomizeRunner?: KustomizeRunner;
  /** Renders Helm charts; default one `helm template` runner for every render, so helm is found and checked once. */
  helmRunner?: HelmRunner;
  clock: Clock;
  /** How long a written Content is trusted to still exist; default 30 s, half the collector's default grace. */
  refreshAfter?: Duration;
}

interface WrittenContent {
  readonly name: string;
  /** When it was last written or stamped (clock milliseconds). */
  readonly at: number;
}

interface BundleRenders {
  readonly generation: number | undefined;
  readonly uid: string | undefined;
  readonly byHash: Map<string, WrittenContent>;
}

export class RenderedContents {
  private readonly renders = new Map<string, BundleRenders>();
  private readonly helmRunner: HelmRunner;

  constructor(private readonly options: RenderedContentsOptions) {
    this.helmRunner = options.helmRunner ?? helmTemplate();
  }

  /** The Content name for the bundle rendered with `options`; renders and writes it the first time. */
  async contentFor(bundle: Bundle, options: BundleOptions, hash: string, signal?: AbortSignal): Promise<string> {
    const key = `${bundle.metadata.namespace ?? ''}/${bundle.metadata.name ?? ''}`;
    let renders = this.renders.get(key);
    if (!renders || renders.generation !== bundle.metadata.generation || renders.uid !== bundle.metadata.uid) {
      renders = { generation: bundle.metadata.generation, uid: bundle.metadata.uid, byHash: new Map() };
      this.renders.set(key, renders);
    }
    const known = renders.byHash.get(hash);
    const now = this.options.clock.now();
    if (known && now - known.at < (this.options.refreshAfter ?? Duration.seconds(30)).toMilliseconds()) return known.name;
    const resources = (bundle.spec.resources ?? []).map((r) => ({ name: r.name, content: r.content ?? '', ...(r.encoding === 'base64+gz' ? { encoding: r.encoding } : {}) }));
    const rendered = await renderContent({
      resources,
      options: deploymentOptions(options),
      workspace: bundle.metadata.namespace ?? '',
      helmRunner: this.helmRunner,
      ...(this.options.kustomizeRunner ? { kustomizeRunner: this.options.kustomizeRunner } : {}),
    });
    await ensureContent(this.options.client, rendered.content, { fieldManager: this.options.fieldManager, ...(signal ? { signal } : {}) });
    const name = rendered.content.metadata.name ?? '';
    renders.byHash.set(hash, { name, at: now });
    return name;
  }

  forget(bundleKey: string): void {
    this.renders.delete(bundleKey);
  }
}
