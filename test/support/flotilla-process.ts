/**
 * Runs the real `flotilla` command (the compiled CLI, as `npx flotilla` runs it) as a child
 * process, for tests that need process boundaries: signals, crashes, restarts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FLOTILLA_BIN = join(REPO_ROOT, 'bin', 'flotilla.js');

export interface FlotillaProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first stdout line matching `pattern`. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startFlotilla(args: string[], env: NodeJS.ProcessEnv = {}): FlotillaProcess {
  if (!existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does) before this test');
  }
  const child = spawn(process.execPath, [FLOTILLA_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const waitFor = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        const m = pattern.exec(out);
        if (m) return resolve(m);
        if (child.exitCode !== null) return reject(new Error(`flotilla exited (${child.exitCode}) before printing ${pattern}:\n${out}`));
        if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${pattern}:\n${out}`));
        setTimeout(check, 20);
      };
      check();
    });
  return { child, output: () => out, waitFor, exited };
}
