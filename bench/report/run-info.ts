/**
 * What a result must say about where and on what it was measured, so a later run can be
 * compared with it: the commit (and whether the tree had uncommitted changes), the machine's
 * cores, CPU and memory, how busy it already was, and Node's version.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

export interface RunInfo {
  /** ISO timestamp of the run's start. */
  startedAt: string;
  commit: string;
  /** True when the working tree differed from the commit: the figures are then of that tree. */
  dirty: boolean;
  cores: number;
  cpuModel: string;
  totalMemoryMiB: number;
  /** The 1-minute load average when the run started: above the core count, other work competed with it. */
  loadAverageAtStart: number;
  node: string;
  platform: string;
}

export function collectRunInfo(options: { repoRoot: string; now: Date }): RunInfo {
  return {
    startedAt: options.now.toISOString(),
    commit: git(options.repoRoot, ['rev-parse', '--short', 'HEAD']) ?? 'unknown',
    dirty: (git(options.repoRoot, ['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    totalMemoryMiB: Math.round(totalmem() / 2 ** 20),
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
