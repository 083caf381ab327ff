/**
 * Re-evaluation triggers for applied objects: one informer per kind the agent applied,
 * selecting objects labelled `flotilla.io/managed-by=<hub>`, maps every add, change or
 * delete to the BundleDeployment named in the object's `flotilla.io/bundle-deployment`
 * annotation and calls `onChange` with its key; a resync timer calls it for every tracked
 * BundleDeployment as a fallback for missed events. The caller queues the keys (a work queue
 * collapses duplicates) and runs `BundleDeploymentApplier.check`.
 *
 * The agent's own inventory ConfigMaps carry the same label and annotation; their writes are
 * the agent's own doing (two per apply) and queued two needless re-checks each, so only an
 * inventory's deletion is reported; likewise an applied object's version that is the answer to
 * the agent's own apply (`isOwnWrite`) is not, since the check after the apply already saw it. The caches keep only what the handlers read (kind, name,
 * version and the BundleDeployment annotation), since every agent holds one per kind.
 */
import { pino, type Logger } from 'pino';
import type { KubeObject } from '../api/meta.js';
import { ANNOTATIONS, LABELS, SYSTEM_NAMESPACE } from '../api/names.js';
import { systemClock, type Clock } from '../kube/clock.js';
import type { DurationLike } from '../kube/duration.js';
import { Informer } from '../kube/informer.js';
import type { ObjectClient } from '../kube/object-client.js';
import { INVENTORY_NAME_PREFIX } from './inventory-store.js';
import type { AppliedObjectRef } from './object-ref.js';

export interface AppliedObjectMonitorOptions {
  client: ObjectClient;
  hub: string;
  onChange: (bundleDeploymentKey: string) => void;
  /** How often every tracked BundleDeployment is re-checked regardless of events. */
  resyncEvery: DurationLike;
  clock?: Clock;
  /** Whether a version seen is the agent's own apply echoed back (nothing to re-check); default never. */
  isOwnWrite?: (ref: AppliedObjectRef, seen: KubeObject) => boolean;
  /**
   * Where the informers report failed lists and watches; default silent. Each informer left to
   * make its own silent logger built a whole pino instance with its own output stream, about
   * 15 KiB per kind per agent, and a watch of the member that kept failing went unreported.
   */
  logger?: Logger;
}

export class AppliedObjectMonitor {
  private readonly informers = new Map<string, Informer<KubeObject>>();
  private readonly tracked = new Set<string>();
  private readonly controller = new AbortController();
  private resync: Promise<void> | undefined;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly options: AppliedObjectMonitorOptions) {
    this.clock = options.clock ?? systemClock();
    this.logger = options.logger ?? pino({ level: 'silent' });
  }

  /** Starts the resync timer; informers start as kinds are tracked. */
  start(): void {
    this.resync ??= this.resyncLoop(this.controller.signal);
  }

  /** Watches the kinds of `refs` (once per kind) and reports changes for `bundleDeploymentKey`. */
  track(bundleDeploymentKey: string, refs: readonly AppliedObjectRef[]): void {
    this.tracked.add(bundleDeploymentKey);
    for (const ref of refs) this.ensureInformer(ref.apiVersion, ref.kind);
  }

  untrack(bundleDeploymentKey: string): void {
    this.tracked.delete(bundleDeploymentKey);
  }

  /** Resolves once every informer started so far has listed. */
  async waitForSync(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync(this.controller.signal)));
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
    await this.resync;
  }

  private ensureInformer(apiVersion: string, kind: string): void {
    const type = `${apiVersion}/${kind}`;
    if (this.informers.has(type) || this.controller.signal.aborted) return;
    const informer = new Informer<KubeObject>({ client: this.options.client, apiVersion, kind, labelSelector: `${LABELS.managedBy}=${this.options.hub}`, clock: this.clock, logger: this.logger, transform: triggerOnly });
    const notify = (obj: KubeObject) => {
      const key = obj.metadata.annotations?.[ANNOTATIONS.bundleDeployment];
      if (key !== undefined && this.tracked.has(key)) this.options.onChange(key);
    };
    // List items may not name their kind: the informer's kind says whether these can be inventories.
    const notifyUnlessInventory = (obj: KubeObject) => {
      if (apiVersion === 'v1' && kind === 'ConfigMap' && isInventory(obj)) return;
      const { name = '', namespace } = obj.metadata;
      if (this.options.isOwnWrite?.({ apiVersion, kind, name, ...(namespace ? { namespace } : {}) }, obj)) return;
      notify(obj);
    };
    informer.on({ add: notifyUnlessInventory, update: (_old, obj) => notifyUnlessInventory(obj), delete: notify });
    this.informers.set(type, informer);
    informer.start(this.controller.signal);
  }

  private async resyncLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.clock.sleep(this.options.resyncEvery, signal);
      } catch {
        return;
      }
      for (const key of this.tracked) this.options.onChange(key);
    }
  }
}

function isInventory(obj: KubeObject): boolean {
  return obj.metadata.namespace === SYSTEM_NAMESPACE && (obj.metadata.name ?? '').startsWith(INVENTORY_NAME_PREFIX);
}

/** What the monitor's caches keep of an object: enough to name it, version it and find its BundleDeployment. */
export function triggerOnly(obj: KubeObject): KubeObject {
  const { name, namespace, uid, resourceVersion, annotations } = obj.metadata;
  const bundleDeployment = annotations?.[ANNOTATIONS.bundleDeployment];
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: { name, namespace, uid, resourceVersion, ...(bundleDeployment === undefined ? {} : { annotations: { [ANNOTATIONS.bundleDeployment]: bundleDeployment } }) },
  };
}
