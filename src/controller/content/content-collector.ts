/**
 * Content garbage collection: every `interval` (and when asked), deletes the Contents no
 * Bundle or BundleDeployment refers to (the decision is `unreferencedContents`). It runs as a
 * reconcile loop of one key, so runs never overlap and a failed run is retried with backoff.
 *
 * A run lists the Contents (one per bundle render, not per cluster) and, when it is given the
 * controller's caches, first asks them which Contents look unreferenced: usually none, and
 * then the run ends there. Only for such candidates is the hub asked again, page by page,
 * for every Bundle and BundleDeployment: a cache may lag (a watch not yet resumed), and a
 * Content deleted while something refers to it breaks every agent that needs it. Without
 * caches every run asks the hub. A candidate is deleted with its resourceVersion as a
 * precondition, so one referenced again meanwhile (ensureContent stamps it) stays.
 */
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { Content } from '../../api/content.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { isConflict, isNotFound } from '../../kube/api-error.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import type { Informer } from '../../kube/informer.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { Reconciler } from '../../kube/reconciler.js';
import { reconcileResult } from '../../kube/reconcile-result.js';
import { addReferencedContents, referencedContents, unreferencedContents } from './unreferenced-contents.js';

/** Caches of the kinds that refer to Contents, kept by their owner (the targeting controller). */
export interface ContentReferences {
  bundles: Informer<Bundle>;
  bundleDeployments: Informer<BundleDeployment>;
}

export interface ContentCollectorOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
  /** Caches that rule out referenced Contents without reading the hub; default none. */
  references?: ContentReferences;
  /** Time between runs; default 1 minute. */
  interval?: Duration;
  /** Contents created or referenced again less than this long ago are kept; default 1 minute. */
  grace?: Duration;
}

const KEY = 'contents';

export class ContentCollector {
  private readonly reconciler: Reconciler;

  constructor(private readonly options: ContentCollectorOptions) {
    this.reconciler = new Reconciler({
      name: 'content-gc',
      logger: options.logger,
      clock: options.clock,
      reconcile: async (_request, context) => {
        const deleted = await this.collect(context.signal);
        if (deleted.length > 0) context.logger.info({ deleted }, 'deleted unreferenced Contents');
        return reconcileResult.requeueAfter(options.interval ?? Duration.minutes(1));
      },
    });
  }

  /** Deletes unreferenced Contents once; returns their names. */
  async collect(signal: AbortSignal): Promise<string[]> {
    // Contents first: one created after this list cannot be deleted by this run.
    const contents = await this.listContents(signal);
    let candidates = this.unreferenced(contents, this.cachedReferences());
    if (candidates.length === 0) return [];
    candidates = this.unreferenced(candidates, await this.hubReferences(signal));
    const deleted: string[] = [];
    for (const content of candidates) {
      if (await this.deleteUnchanged(content, signal)) deleted.push(content.metadata.name ?? '');
    }
    return deleted;
  }

  /** Runs a collection soon (e.g. after Bundles were deleted). */
  trigger(): void {
    this.reconciler.enqueue(KEY);
  }

  start(signal?: AbortSignal): void {
    this.reconciler.start(signal);
    this.reconciler.enqueue(KEY);
  }

  stop(): Promise<void> {
    return this.reconciler.stop();
  }

  private unreferenced(contents: readonly Content[], referenced: ReadonlySet<string>): Content[] {
    const graceMs = (this.options.grace ?? Duration.minutes(1)).toMilliseconds();
    return unreferencedContents({ contents, referenced, now: this.options.clock.now(), graceMs });
  }

  private async listContents(signal: AbortSignal): Promise<Content[]> {
    const list = await this.options.client.listAll<KubeObject>({ apiVersion: API_VERSION, kind: 'Content' }, { signal });
    return list.items as unknown as Content[];
  }

  /** What the caches refer to; nothing (every Content a candidate) without synced caches. */
  private cachedReferences(): ReadonlySet<string> {
    const caches = this.options.references;
    if (!caches || !caches.bundles.hasSynced() || !caches.bundleDeployments.hasSynced()) return new Set();
    return referencedContents(caches.bundles.cache.list(), caches.bundleDeployments.cache.list());
  }

  /** What the hub's Bundles and BundleDeployments refer to now, read a page at a time. */
  private async hubReferences(signal: AbortSignal): Promise<ReadonlySet<string>> {
    const names = new Set<string>();
    const pages = (kind: string) => this.options.client.listPages<KubeObject>({ apiVersion: API_VERSION, kind }, { signal });
    // The kinds' types have no index signature, so they are read as KubeObject and narrowed by kind.
    for await (const page of pages('Bundle')) addReferencedContents(names, page.items as unknown as Bundle[], []);
    for await (const page of pages('BundleDeployment')) addReferencedContents(names, [], page.items as unknown as BundleDeployment[]);
    return names;
  }

  /** Deletes the Content as it was listed; false when it changed (referenced again) or is gone. */
  private async deleteUnchanged(content: Content, signal: AbortSignal): Promise<boolean> {
    const { uid, resourceVersion } = content.metadata;
    const preconditions = { ...(uid ? { uid } : {}), ...(resourceVersion ? { resourceVersion } : {}) };
    try {
      await this.options.client.delete({ apiVersion: API_VERSION, kind: 'Content', name: content.metadata.name ?? '' }, { signal, preconditions });
      return true;
    } catch (err) {
      if (isNotFound(err) || isConflict(err)) return false;
      throw err;
    }
  }
}
