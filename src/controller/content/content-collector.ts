/**
 * Content garbage collection: every `interval` (and when asked), lists Contents, Bundles and
 * BundleDeployments and deletes the Contents none of them refers to (the decision is
 * `unreferencedContents`). It runs as a reconcile loop of one key, so runs never overlap and
 * a failed run is retried with backoff. BundleDeployments may not be served yet on an old
 * hub; then only Bundles count.
 */
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { Content } from '../../api/content.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { isNotFound } from '../../kube/api-error.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { Reconciler } from '../../kube/reconciler.js';
import { reconcileResult } from '../../kube/reconcile-result.js';
import { unreferencedContents } from './unreferenced-contents.js';

export interface ContentCollectorOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
  /** Time between runs; default 1 minute. */
  interval?: Duration;
  /** Contents younger than this are kept; default 1 minute. */
  grace?: Duration;
}

const KEY = 'contents';

async function listOrEmpty<T>(client: ObjectClient, kind: string, signal: AbortSignal): Promise<T[]> {
  try {
    // The kinds' types have no index signature, so they are read as KubeObject and narrowed by kind.
    return (await client.listAll<KubeObject>({ apiVersion: API_VERSION, kind }, { signal })).items as unknown as T[];
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

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
    const { client } = this.options;
    // Contents first: one created after this list cannot be deleted by this run.
    const contents = await listOrEmpty<Content>(client, 'Content', signal);
    const [bundles, bundleDeployments] = await Promise.all([
      listOrEmpty<Bundle>(client, 'Bundle', signal),
      listOrEmpty<BundleDeployment>(client, 'BundleDeployment', signal),
    ]);
    const graceMs = (this.options.grace ?? Duration.minutes(1)).toMilliseconds();
    const names = unreferencedContents({ contents, bundles, bundleDeployments, now: this.options.clock.now(), graceMs });
    for (const name of names) {
      try {
        await client.delete({ apiVersion: API_VERSION, kind: 'Content', name }, { signal });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    return names;
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
}
