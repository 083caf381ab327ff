/**
 * Watches the run's processes and the machine while a scale run goes: every few seconds it
 * reads each process's resident memory and open descriptors from /proc and the machine's
 * available memory, prints them now and then (RSS per agent host, so an agent's cost is seen
 * as it grows), and fails the run with a clear message once available memory falls under a
 * floor: at 10,000 agents the hosts alone can take most of a 24 GiB machine, and a run that
 * pushes it into the kernel's OOM killer loses a random process (often another engineer's)
 * and every figure with it.
 */
import { readdir, readFile } from 'node:fs/promises';

export interface WatchedProcess {
  /** "hub", "controller", "member 1", "agent host 3". */
  role: string;
  pid: number;
  /** Agents it runs, for agent hosts: RSS per agent is shown beside it. */
  agents?: number;
}

export interface ProcessReading extends WatchedProcess {
  residentBytes: number;
  descriptors: number;
}

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${Math.round(bytes / MIB)} MiB`;

/** The machine's MemAvailable, from /proc/meminfo (undefined where there is none). */
export async function availableMemoryBytes(): Promise<number | undefined> {
  try {
    const match = /^MemAvailable:\s+(\d+)\s+kB$/m.exec(await readFile('/proc/meminfo', 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

/** One process's RSS and descriptor count; zeros for a process that is gone (its death is reported elsewhere). */
export async function readProcess(process: WatchedProcess): Promise<ProcessReading> {
  try {
    const [status, fds] = await Promise.all([readFile(`/proc/${process.pid}/status`, 'utf8'), readdir(`/proc/${process.pid}/fd`)]);
    const rss = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return { ...process, residentBytes: rss === undefined ? 0 : Number(rss) * 1024, descriptors: fds.length };
  } catch {
    return { ...process, residentBytes: 0, descriptors: 0 };
  }
}

/** Why the run must stop for memory, or undefined while there is enough. */
export function memoryShortfall(input: { availableBytes: number | undefined; floorBytes: number; readings: readonly ProcessReading[] }): string | undefined {
  if (input.availableBytes === undefined || input.availableBytes >= input.floorBytes) return undefined;
  const largest = [...input.readings].sort((a, b) => b.residentBytes - a.residentBytes).slice(0, 3);
  const hosts = input.readings.filter((r) => r.agents !== undefined);
  const hostBytes = hosts.reduce((sum, r) => sum + r.residentBytes, 0);
  return (
    `stopping the run before the machine runs out of memory: ${mib(input.availableBytes)} available, under the floor of ${mib(input.floorBytes)} (--min-available-mib); ` +
    `agent hosts hold ${mib(hostBytes)} in ${hosts.length} processes, largest processes: ${largest.map((r) => `${r.role} ${mib(r.residentBytes)}`).join(', ')}. ` +
    'Run fewer clusters, or more agents per host (each host has its own base cost).'
  );
}

/** One progress line: RSS and descriptors per process, agent hosts with RSS per agent. */
export function censusLine(readings: readonly ProcessReading[], availableBytes: number | undefined): string {
  const parts = readings.map((r) => {
    const perAgent = r.agents ? `, ${(r.residentBytes / MIB / r.agents).toFixed(2)} MiB per agent` : '';
    return `${r.role} ${mib(r.residentBytes)} ${r.descriptors} fds${perAgent}`;
  });
  const free = availableBytes === undefined ? '' : `; machine: ${mib(availableBytes)} available`;
  return `processes: ${parts.join('; ')}${free}`;
}

export interface ResourceWatchOptions {
  processes: () => readonly WatchedProcess[];
  floorBytes: number;
  checkEveryMs: number;
  sayEveryMs: number;
  say: (line: string) => void;
}

export class ResourceWatch {
  private timer: NodeJS.Timeout | undefined;
  private lastSaid = 0;
  private fail: (err: Error) => void = () => undefined;
  private readonly failure: Promise<never>;
  /** The largest reading of each role seen, for the report at the end. */
  readonly peaks = new Map<string, ProcessReading>();

  constructor(private readonly options: ResourceWatchOptions) {
    this.failure = new Promise<never>((_, reject) => (this.fail = reject));
    // Nobody may be racing it yet: an unobserved rejection must not crash the benchmark.
    this.failure.catch(() => undefined);
  }

  start(): void {
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Rejects with the reason once available memory falls under the floor; never resolves. */
  failed(): Promise<never> {
    return this.failure;
  }

  /** Reads every process now; prints the census when it is time, and fails the run on a shortfall. */
  async check(options: { say?: boolean } = {}): Promise<readonly ProcessReading[]> {
    const [readings, availableBytes] = await Promise.all([Promise.all(this.options.processes().map(readProcess)), availableMemoryBytes()]);
    for (const r of readings) {
      const peak = this.peaks.get(r.role);
      if (!peak || r.residentBytes > peak.residentBytes || r.descriptors > peak.descriptors) {
        this.peaks.set(r.role, { ...r, residentBytes: Math.max(r.residentBytes, peak?.residentBytes ?? 0), descriptors: Math.max(r.descriptors, peak?.descriptors ?? 0) });
      }
    }
    const now = Date.now();
    if (options.say || now - this.lastSaid >= this.options.sayEveryMs) {
      this.lastSaid = now;
      this.options.say(censusLine(readings, availableBytes));
    }
    const shortfall = memoryShortfall({ availableBytes, floorBytes: this.options.floorBytes, readings });
    if (shortfall) {
      this.stop();
      this.fail(new Error(shortfall));
    }
    return readings;
  }
}
