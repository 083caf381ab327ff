/**
 * The benchmark's view of every BundleDeployment on the hub: one list+watch (the same
 * Informer the controller and agents use) with the admin credential, keeping only the few
 * fields a wave reads, so 100,000 BundleDeployments cost the benchmark little memory. Each
 * event is stamped on arrival and handed to the waves being timed.
 */
import type { Logger } from 'pino';
import type { BundleDeployment } from '../../src/api/bundle-deployment.js';
import { API_VERSION } from '../../src/api/group.js';
import { Informer } from '../../src/kube/informer.js';
import type { ObjectClient } from '../../src/kube/object-client.js';
import { Duration } from '../../src/kube/duration.js';
import { deploymentKey, type RolloutWave } from './rollout-wave.js';

/** Only what the waves read: name, namespace, labels, the deploymentID and the agent's verdict. */
export function compactDeployment(bd: BundleDeployment): BundleDeployment {
  const { name, namespace, labels } = bd.metadata;
  const status = bd.status ? { ready: bd.status.ready, appliedDeploymentID: bd.status.appliedDeploymentID } : undefined;
  return {
    apiVersion: bd.apiVersion,
    kind: bd.kind,
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
    spec: { deploymentID: bd.spec.deploymentID },
    ...(status ? { status } : {}),
  } as BundleDeployment;
}

export class DeploymentWatch {
  private readonly informer: Informer<BundleDeployment>;
  private readonly waves = new Set<RolloutWave>();

  constructor(options: { hub: ObjectClient; logger: Logger; now: () => number }) {
    this.informer = new Informer<BundleDeployment>({
      client: options.hub,
      apiVersion: API_VERSION,
      kind: 'BundleDeployment',
      logger: options.logger,
      transform: compactDeployment,
      pageSize: 2000,
      watchTimeout: Duration.minutes(30),
    });
    const seen = (bd: BundleDeployment) => {
      const at = options.now();
      for (const wave of this.waves) wave.observe(bd, at);
    };
    this.informer.on({ add: seen, update: (_old, bd) => seen(bd) });
  }

  async start(): Promise<void> {
    this.informer.start();
    await this.informer.waitForSync();
  }

  /** Times `wave` from now on, after showing it what the cache already holds (stamped now). */
  track(wave: RolloutWave, now: number): void {
    this.waves.add(wave);
    for (const bd of this.informer.cache.list()) wave.observe(bd, now);
  }

  untrack(wave: RolloutWave): void {
    this.waves.delete(wave);
  }

  /** deploymentID of every BundleDeployment now, by `namespace/name`. */
  deploymentIds(): Map<string, string> {
    return new Map(this.informer.cache.list().map((bd) => [deploymentKey(bd), bd.spec.deploymentID ?? '']));
  }

  count(includes: (bd: BundleDeployment) => boolean = () => true): number {
    return this.informer.cache.list().filter(includes).length;
  }

  stop(): Promise<void> {
    return this.informer.stop();
  }
}
