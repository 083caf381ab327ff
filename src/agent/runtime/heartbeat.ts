/**
 * The agent's heartbeat: one status patch of its Cluster every interval (`status.agent`:
 * lastSeen, version, namespace), however busy the agent is, so 100,000 agents cost the hub a
 * predictable write rate. A failed beat is logged and the next one tried on time.
 */
import type { Logger } from 'pino';
import { API_VERSION } from '../../api/group.js';
import { SYSTEM_NAMESPACE } from '../../api/names.js';
import type { Clock } from '../../kube/clock.js';
import type { DurationLike } from '../../kube/duration.js';
import type { ObjectClient } from '../../kube/object-client.js';

export interface HeartbeatOptions {
  hub: ObjectClient;
  workspace: string;
  clusterName: string;
  version: string;
  interval: DurationLike;
  clock: Clock;
  logger: Logger;
  /** Called after every beat that reached the hub (for tests and metrics). */
  onBeat?: (lastSeen: string) => void;
}

export class Heartbeat {
  private readonly controller = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly options: HeartbeatOptions) {}

  start(): void {
    this.running ??= this.loop(this.controller.signal);
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }

  /** Sends one beat now. */
  async beat(signal?: AbortSignal): Promise<void> {
    const { hub, workspace, clusterName, version, clock } = this.options;
    const lastSeen = new Date(clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
    const patch = { status: { agent: { lastSeen, version, namespace: SYSTEM_NAMESPACE } } };
    await hub.patch({ apiVersion: API_VERSION, kind: 'Cluster', namespace: workspace, name: clusterName }, patch, { type: 'merge', subresource: 'status', signal });
    this.options.onBeat?.(lastSeen);
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.beat(signal);
      } catch (err) {
        if (signal.aborted) return;
        this.options.logger.warn({ err }, 'heartbeat failed; trying again next interval');
      }
      try {
        await this.options.clock.sleep(this.options.interval, signal);
      } catch {
        return;
      }
    }
  }
}
