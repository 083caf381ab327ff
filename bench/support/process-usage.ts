/**
 * CPU time and resident memory of a peer process, read from Linux's /proc so the benchmark
 * can say what each write cost in CPU, not only how long it took. Elsewhere the figures are
 * undefined and reported as not measured.
 */
import { readFile } from 'node:fs/promises';

export interface ProcessUsage {
  /** User plus system CPU time since the process started. */
  cpuSeconds: number;
  residentBytes: number;
}

/** Linux reports CPU times in clock ticks; USER_HZ is 100 on every mainstream architecture. */
const ticksPerSecond = 100;

export async function processUsage(pid: number): Promise<ProcessUsage | undefined> {
  try {
    const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
    const ticks = cpuTicksFromStat(stat);
    const residentBytes = residentBytesFromStatus(status);
    if (ticks === undefined || residentBytes === undefined) return undefined;
    return { cpuSeconds: ticks / ticksPerSecond, residentBytes };
  } catch {
    return undefined;
  }
}

/** utime + stime: fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised name (which may hold spaces). */
export function cpuTicksFromStat(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field n is fields[n - 3].
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

export function residentBytesFromStatus(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}
