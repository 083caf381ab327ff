/**
 * Whether the open-file limit the run's processes can raise themselves to (scale-processes.ts
 * raises each to its hard limit) holds the connections a run needs: the hub API server keeps
 * a watch and, between heartbeats, a request connection for every agent, so about two
 * descriptors per cluster plus the controller's and the benchmark's own. An unprivileged
 * container cannot raise the hard limit, so the run says so up front instead of failing
 * thousands of agents in with EMFILE.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Descriptors the hub needs besides its agents' connections (controller, benchmark, storage). */
const HUB_OVERHEAD = 500;

export function openFileLimitWarning(input: { clusters: number; hardLimit: number | undefined }): string | undefined {
  if (input.hardLimit === undefined) return undefined;
  const needed = 2 * input.clusters + HUB_OVERHEAD;
  if (input.hardLimit >= needed) return undefined;
  return `warning: the open-file hard limit is ${input.hardLimit}, and ${input.clusters} agents may need about ${needed} connections on the hub; agents may fail with EMFILE (raise it with \`ulimit -Hn\` as root, or run fewer clusters)`;
}

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
