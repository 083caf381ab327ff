/**
 * Runs the agents of one `flotilla agent` process (one, or N with `--simulate`): each is
 * started on its own, at most `concurrency` at a time (a host starting hundreds at once made
 * the hub answer hundreds of registrations together, and each waited for all), and one that
 * fails is retried after a growing, jittered delay and logged, while the others keep running:
 * one agent failing to start used to end every agent of the host. A failure the hub will
 * answer the same way every time (a rejected token, a refused registration) is not retried;
 * the host ends non-zero only when no agent runs and none is left to retry. The bound is a
 * p-queue: a retry waits its backoff outside the queue, so it holds no slot while it sleeps,
 * and a host stopped meanwhile never begins the starts still waiting for a slot.
 */
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import { backoffDelay, type BackoffOptions } from '../../kube/backoff.js';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';

export interface HostedAgent {
  stop(): Promise<void>;
}

export interface AgentHostOptions<I, A extends HostedAgent> {
  instances: readonly I[];
  start: (instance: I, signal: AbortSignal) => Promise<A>;
  /** True for a failure retrying cannot mend. */
  isPermanent: (err: unknown) => boolean;
  /** Most agents starting (registering) at once. */
  concurrency: number;
  backoff: BackoffOptions;
  clock: Clock;
  logger: Logger;
  describe: (instance: I) => string;
  random?: () => number;
}

export interface AgentHostOutcome {
  running: number;
  /** The permanent failures, one per agent that gave up. */
  failures: unknown[];
}

/** The wait before retry `failures` (1-based): the backoff spread by ±25 %, so agents failing together retry apart. */
export function retryDelay(backoff: BackoffOptions, failures: number, random: () => number): Duration {
  return Duration.milliseconds(Math.round(backoffDelay(backoff, failures).toMilliseconds() * (0.75 + random() * 0.5)));
}

export class AgentHost<I, A extends HostedAgent> {
  private readonly running: A[] = [];
  private readonly failures: unknown[] = [];
  private readonly lifetime = new AbortController();
  private readonly starts: PQueue;

  constructor(private readonly options: AgentHostOptions<I, A>) {
    this.starts = new PQueue({ concurrency: Math.max(1, options.concurrency) });
  }

  /** Starts every agent, retrying transient failures; resolves once each runs or gave up (or the host stops). */
  async start(): Promise<AgentHostOutcome> {
    await Promise.all(this.options.instances.map((i) => this.keepStarting(i)));
    return { running: this.running.length, failures: [...this.failures] };
  }

  /** Stops retrying and stops every running agent. */
  async stop(): Promise<void> {
    this.lifetime.abort();
    await Promise.all(this.running.splice(0).map((a) => a.stop()));
  }

  private async keepStarting(instance: I): Promise<void> {
    const signal = this.lifetime.signal;
    for (let failures = 1; !signal.aborted; failures++) {
      try {
        const agent = await this.starts.add(() => this.startUnlessStopped(instance, signal));
        if (signal.aborted) await agent.stop();
        else this.running.push(agent);
        return;
      } catch (err) {
        if (signal.aborted) return;
        const what = { agent: this.options.describe(instance), err: err instanceof Error ? err.message : String(err) };
        if (this.options.isPermanent(err)) {
          this.options.logger.error(what, 'agent failed to start and will not be retried');
          this.failures.push(err);
          return;
        }
        const delay = retryDelay(this.options.backoff, failures, this.options.random ?? Math.random);
        this.options.logger.warn({ ...what, failures, retryIn: delay.toString() }, 'agent failed to start; retrying');
        await this.options.clock.sleep(delay, signal).catch(() => undefined);
      }
    }
  }

  /**
   * A start still queued when the host stops is not begun. The signal is checked here rather
   * than handed to p-queue, whose add() rejects at abort even for a start under way, and an
   * agent that start went on to run would never be stopped.
   */
  private startUnlessStopped(instance: I, signal: AbortSignal): Promise<A> {
    if (signal.aborted) return Promise.reject(new Error('the agent host stopped before this agent started'));
    return this.options.start(instance, signal);
  }
}
