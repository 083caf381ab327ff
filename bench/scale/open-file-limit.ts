/**
 * The open-file hard limit the run's processes can raise themselves to (scale-processes.ts
 * raises each to it): an unprivileged container cannot raise it further, so the process plan
 * (scale-plan.ts) spreads the run's connections over processes against it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The hard open-file limit a child shell sees, or undefined when it cannot be read (or is unlimited). */
export async function processOpenFileLimit(): Promise<number | undefined> {
  try {
    const { stdout } = await promisify(execFile)('sh', ['-c', 'ulimit -Hn']);
    const n = Number(stdout.trim());
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}
