/**
 * Lease-based leader election (coordination.k8s.io/v1 Lease), so that of several controller
 * replicas exactly one works at a time. Every `retryPeriod` a candidate reads the Lease and
 * creates, renews or takes it over with optimistic concurrency (the resourceVersion it read),
 * so two candidates cannot both win a race. A leader that cannot renew within
 * `renewDeadline` steps down: its leadership signal aborts. `stop()` releases the Lease so a
 * successor takes over at its next try instead of waiting for expiry.
 */
import { pino, type Logger } from 'pino';
import type { KubeObject } from '../api/meta.js';
import { isAlreadyExists, isConflict, isNotFound } from './api-error.js';
import { systemClock, type Clock } from './clock.js';
import { Duration, type DurationLike } from './duration.js';
import { decideLease, heldLeaseSpec, observationKey, releasedLeaseSpec, type LeaseSpec } from './lease-decision.js';
import type { ObjectClient } from './object-client.js';

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

export interface LeaderElectionOptions {
  client: ObjectClient;
  namespace: string;
  /** The Lease's name: one per set of candidates (e.g. the controller's name). */
  name: string;
  /** This candidate, unique among them (e.g. hostname + random suffix). */
  identity: string;
  /** How long a Lease holds without renewal; default 15 s. */
  leaseDuration?: DurationLike;
  /** How long a leader keeps trying to renew before it steps down; default 10 s. */
  renewDeadline?: DurationLike;
  /** Time between tries; default 2 s. */
  retryPeriod?: DurationLike;
  /** Give the Lease up on stop (default true); false acts like a crash, for tests. */
  releaseOnStop?: boolean;
  /** Called on becoming leader, with a signal that aborts when leadership ends. */
  onStartedLeading?: (signal: AbortSignal) => void;
  onStoppedLeading?: () => void;
  /** Called when the observed holder changes (including to ourselves). */
  onNewLeader?: (identity: string) => void;
  clock?: Clock;
  logger?: Logger;
}

const LEASE_TYPE = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' } as const;

export class LeaderElector {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly leaseDuration: Duration;
  private readonly renewDeadline: Duration;
  private readonly retryPeriod: Duration;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private leadership: AbortController | undefined;
  private lastRenew = 0;
  private observed = { key: '', at: 0 };
  private holder: string | undefined;
  private lease: Lease | undefined;

  constructor(private readonly options: LeaderElectionOptions) {
    this.clock = options.clock ?? systemClock();
    this.logger = (options.logger ?? pino({ level: 'silent' })).child({ lease: `${options.namespace}/${options.name}`, identity: options.identity });
    this.leaseDuration = Duration.from(options.leaseDuration ?? Duration.seconds(15));
    this.renewDeadline = Duration.from(options.renewDeadline ?? Duration.seconds(10));
    this.retryPeriod = Duration.from(options.retryPeriod ?? Duration.seconds(2));
    if (this.renewDeadline.toMilliseconds() >= this.leaseDuration.toMilliseconds()) {
      throw new RangeError('renewDeadline must be shorter than leaseDuration, or two leaders could overlap');
    }
  }

  isLeader(): boolean {
    return this.leadership !== undefined;
  }

  /** The holder last observed, if any. */
  get leader(): string | undefined {
    return this.holder;
  }

  start(signal?: AbortSignal): void {
    if (this.running) throw new Error('leader election already started');
    const controller = new AbortController();
    this.controller = controller;
    signal?.addEventListener('abort', () => controller.abort(), { once: true });
    this.running = this.run(controller.signal);
  }

  /** Stops trying, steps down and (unless releaseOnStop is false) releases the Lease. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const held = await this.tryAcquireOrRenew(signal).catch((err: unknown) => {
        this.logger.warn({ err }, 'could not read or write the lease');
        return false;
      });
      const now = this.clock.now();
      if (held) {
        this.lastRenew = now;
        this.becomeLeader();
      } else if (this.leadership && this.holder !== undefined && this.holder !== this.options.identity) {
        this.stepDown(`${this.holder} holds the lease`);
      } else if (this.leadership && now - this.lastRenew >= this.renewDeadline.toMilliseconds()) {
        this.stepDown('could not renew the lease within renewDeadline');
      }
      await this.clock.sleep(this.retryPeriod, signal).catch(() => undefined);
    }
    if (this.leadership && this.options.releaseOnStop !== false) await this.release();
    if (this.leadership) this.stepDown('stopped');
  }

  private async tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const { client, namespace, name, identity } = this.options;
    const current = await client.get<Lease>({ ...LEASE_TYPE, namespace, name }, { signal }).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    const now = this.clock.now();
    const key = observationKey(current?.spec);
    if (key !== this.observed.key) this.observed = { key, at: now };
    this.noteHolder(current?.spec?.holderIdentity);
    const decision = decideLease({ spec: current?.spec, identity, now, observedAt: this.observed.at });
    if (decision.kind === 'wait') return false;
    const spec = heldLeaseSpec(current?.spec, decision, { identity, now, leaseDurationSeconds: Math.ceil(this.leaseDuration.toSeconds()) });
    try {
      this.lease = current
        ? await client.update<Lease>({ ...current, spec }, { signal })
        : await client.create<Lease>({ ...LEASE_TYPE, metadata: { namespace, name }, spec }, { signal });
    } catch (err) {
      // Someone else wrote the Lease since we read it: they won this round.
      if (isConflict(err) || isAlreadyExists(err)) return false;
      throw err;
    }
    this.observed = { key: observationKey(spec), at: now };
    this.noteHolder(identity);
    return true;
  }

  private noteHolder(identity: string | undefined): void {
    if (!identity || identity === this.holder) return;
    this.holder = identity;
    this.logger.info({ leader: identity }, 'new leader observed');
    this.options.onNewLeader?.(identity);
  }

  private becomeLeader(): void {
    if (this.leadership) return;
    this.leadership = new AbortController();
    this.logger.info('became leader');
    this.options.onStartedLeading?.(this.leadership.signal);
  }

  private stepDown(why: string): void {
    const leadership = this.leadership;
    if (!leadership) return;
    this.leadership = undefined;
    this.logger.info({ why }, 'stopped leading');
    leadership.abort(new Error(`leadership lost: ${why}`));
    this.options.onStoppedLeading?.();
  }

  private async release(): Promise<void> {
    const lease = this.lease;
    if (!lease?.spec) return;
    try {
      this.lease = await this.options.client.update<Lease>({ ...lease, spec: releasedLeaseSpec(lease.spec, this.clock.now()) });
      this.holder = undefined;
    } catch (err) {
      // Someone took it meanwhile, or the server is away: expiry frees it anyway.
      this.logger.warn({ err }, 'could not release the lease');
    }
  }
}
