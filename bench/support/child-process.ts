/**
 * A peer the benchmark runs as a separate process (our CLI, etcd): started, awaited until
 * it prints the line saying it is ready, and stopped with SIGTERM (SIGKILL if it lingers).
 * Its output is kept, bounded, so a failure can show why the peer died, and all of it in a
 * file when asked (`logFile`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { CleanupStack } from './cleanup-stack.js';
import { LineSplitter } from './line-splitter.js';

export interface ChildOptions {
  /** Shown in messages: "flotilla apiserver", "etcd". */
  label: string;
  command: string;
  args: string[];
  cwd?: string;
  /** A line of stdout or stderr matching this means the process is ready. */
  ready: RegExp;
  readyTimeoutMs: number;
  /** The process's stop is registered here as soon as it is spawned, not once it is ready: Ctrl-C during start-up must stop it too. */
  cleanup: CleanupStack;
  /** Every line the process writes (stdout and stderr) is also appended to this file. */
  logFile?: string;
}

export interface RunningChild {
  readonly pid: number;
  /** The ready line's match (capture groups carry e.g. the URL). */
  readonly match: RegExpMatchArray;
  /** The last lines the process wrote, for error messages. */
  outputTail(): string;
  /**
   * Rejects, with the process's last output, if it exits before `stop` is called; never
   * resolves otherwise. A long wait races it, so a crashed peer ends the run at once instead
   * of leaving the benchmark waiting for clusters a dead process will never register.
   */
  whenDied(): Promise<never>;
  stop(): Promise<void>;
}

const keptLines = 40;

export async function startChild(options: ChildOptions): Promise<RunningChild> {
  const child = spawn(options.command, options.args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  let exitedWith = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedWith = signal ?? `code ${String(code)}`;
      if (log) log.end(resolve);
      else resolve();
    }),
  );
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopChild(child, exited));
  options.cleanup.defer(`stop ${options.label}`, stop);
  const outputTail = () => tail.join('\n');
  try {
    const match = await waitForReady(child, options, tail, log);
    const whenDied = () =>
      exited.then(() => {
        // A stop in progress is not a death: stay pending, as documented.
        if (stopping) return new Promise<never>(() => undefined);
        throw new Error(`${options.label} exited unexpectedly (${exitedWith})\n--- its last output ---\n${outputTail()}`);
      });
    return { pid: child.pid ?? 0, match, outputTail, whenDied, stop };
  } catch (err) {
    await stop();
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`${options.label} did not start: ${why}\n--- its last output ---\n${outputTail()}`, { cause: err });
  }
}

function waitForReady(child: ChildProcess, options: ChildOptions, tail: string[], log: WriteStream | undefined): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within ${options.readyTimeoutMs} ms`)), options.readyTimeoutMs);
    const onLine = (line: string) => {
      log?.write(`${line}\n`);
      tail.push(line);
      if (tail.length > keptLines) tail.shift();
      const match = options.ready.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      const splitter = new LineSplitter();
      stream?.on('data', (chunk: Buffer) => splitter.push(chunk).forEach(onLine));
    }
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${signal ?? `code ${String(code)}`}`));
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 10_000)));
  const outcome = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
}
