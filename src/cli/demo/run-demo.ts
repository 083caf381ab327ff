/**
 * The `flotilla demo` flow: start the session, show the rollout live until everything is
 * ready, the timeout passes or the user interrupts, print the managed namespaces by member
 * cluster, optionally keep running for exploration, and always tear everything down. The
 * exit code says how it ended: 0 ready, 1 failed or timed out (with what was not ready and
 * why), 130 interrupted.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { startDemoSession, type DemoSession } from './demo-session.js';
import { namespaceTable } from './namespace-table.js';
import { ProgressDisplay } from './progress-view.js';
import { readRollout } from './read-rollout.js';
import { rolloutState, type RolloutState } from './rollout-state.js';

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface DemoRunOptions {
  clusters: number;
  keep: boolean;
  timeout: Duration;
  examplesDir: string;
  version: string;
  logger: Logger;
  clock: Clock;
  /** Aborted on Ctrl-C or SIGTERM. */
  signal: AbortSignal;
  stdout: OutputStream;
  stderr: OutputStream;
}

export const EXIT_READY = 0;
export const EXIT_FAILED = 1;
export const EXIT_INTERRUPTED = 130;

type Outcome = { kind: 'ready'; state: RolloutState } | { kind: 'stalled'; state: RolloutState } | { kind: 'timeout'; state: RolloutState | undefined } | { kind: 'interrupted' };

const POLL = Duration.milliseconds(250);

async function watchRollout(session: DemoSession, options: DemoRunOptions): Promise<Outcome> {
  const display = new ProgressDisplay(options.stderr);
  const scope = { workspace: session.workspace, gitRepoNames: session.gitRepoNames, clusters: session.members.map((m) => m.name) };
  const deadline = options.clock.now() + options.timeout.toMilliseconds();
  let state: RolloutState | undefined;
  while (!options.signal.aborted) {
    state = rolloutState(await readRollout(session.client, scope));
    display.update(state);
    if (state.done) return { kind: 'ready', state };
    if (state.stalled.length > 0) return { kind: 'stalled', state };
    if (options.clock.now() >= deadline) return { kind: 'timeout', state };
    await options.clock.sleep(POLL, options.signal).catch(() => undefined);
  }
  return { kind: 'interrupted' };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

async function printTable(session: DemoSession, options: DemoRunOptions): Promise<void> {
  const input = await readRollout(session.client, { workspace: session.workspace, gitRepoNames: session.gitRepoNames, clusters: session.members.map((m) => m.name) });
  options.stdout.write(`\n${namespaceTable(input.clusters, input.managedNamespaces)}`);
}

function printKubeconfigs(session: DemoSession, options: DemoRunOptions): void {
  const { hub, members } = session.kubeconfigs;
  const lines = [
    '',
    'The demo keeps running; press Ctrl-C to stop it and remove everything it made.',
    `  hub:        export KUBECONFIG=${hub}`,
    ...Object.entries(members).map(([name, file]) => `  ${`${name}:`.padEnd(11)} kubectl --kubeconfig ${file} get namespaces`),
    '',
    'Try: kubectl get gitrepos,bundles,managednamespaces -A   (with the hub KUBECONFIG)',
    '     npx flotilla status',
    '',
  ];
  options.stdout.write(lines.join('\n'));
}

async function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

async function report(outcome: Outcome, session: DemoSession, options: DemoRunOptions, startedAt: number): Promise<number> {
  const note = (text: string) => options.stderr.write(`flotilla demo: ${text}\n`);
  if (outcome.kind === 'interrupted') {
    note('interrupted; stopping');
    return EXIT_INTERRUPTED;
  }
  await printTable(session, options);
  if (outcome.kind === 'stalled') {
    note('stopped: the examples cannot be deployed until they are changed:');
    for (const reason of outcome.state.stalled) options.stderr.write(`  - ${reason}\n`);
    return EXIT_FAILED;
  }
  if (outcome.kind === 'timeout') {
    note(`not ready after ${options.timeout.toString()}; still waiting for:`);
    for (const reason of outcome.state?.waitingFor ?? ['the first read of the hub']) options.stderr.write(`  - ${reason}\n`);
    return EXIT_FAILED;
  }
  note(`every managed namespace placed and every bundle applied in ${seconds(options.clock.now() - startedAt)}`);
  const notReady = outcome.state.clusters.flatMap((c) => c.notReady.map((n) => `  - ${n.bundle} on ${c.cluster}: ${n.state}${n.message ? ` (${n.message})` : ''}\n`));
  if (notReady.length > 0) {
    note('applied but not Ready (the demo’s member clusters are logical clusters: they store workloads but run no pods):');
    for (const line of notReady) options.stderr.write(line);
  }
  if (options.keep) {
    printKubeconfigs(session, options);
    await untilAborted(options.signal);
  }
  return EXIT_READY;
}

export async function runDemo(options: DemoRunOptions): Promise<number> {
  const startedAt = options.clock.now();
  const note = (text: string) => options.stderr.write(`flotilla demo: ${text}\n`);
  let session: DemoSession | undefined;
  try {
    session = await startDemoSession({ clusters: options.clusters, examplesDir: options.examplesDir, version: options.version, logger: options.logger, signal: options.signal, onStep: note });
    const outcome = await watchRollout(session, options);
    return await report(outcome, session, options, startedAt);
  } catch (err) {
    if (options.signal.aborted) {
      note('interrupted; stopping');
      return EXIT_INTERRUPTED;
    }
    note(`failed: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT_FAILED;
  } finally {
    await session?.stop();
  }
}
