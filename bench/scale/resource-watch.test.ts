import { describe, expect, it } from 'vitest';
import { censusLine, memoryShortfall, readProcess, ResourceWatch, type ProcessReading } from './resource-watch.js';

const MIB = 1024 * 1024;
const readings: ProcessReading[] = [
  { role: 'hub', pid: 1, residentBytes: 900 * MIB, descriptors: 2300 },
  { role: 'agent host 1', pid: 2, agents: 250, residentBytes: 500 * MIB, descriptors: 1100 },
];

describe('memoryShortfall', () => {
  const cases = [
    { name: 'enough available memory lets the run go on', available: 4096 * MIB, stops: false },
    { name: 'an unknown amount of available memory lets the run go on', available: undefined, stops: false },
    { name: 'memory under the floor stops the run, naming the floor and what the agent hosts hold', available: 512 * MIB, stops: true },
  ];
  it.each(cases)('$name', ({ available, stops }) => {
    const reason = memoryShortfall({ availableBytes: available, floorBytes: 1024 * MIB, readings });
    if (!stops) expect(reason).toBeUndefined();
    else expect(reason).toMatch(/512 MiB available, under the floor of 1024 MiB.*agent hosts hold 500 MiB in 1 processes.*hub 900 MiB/);
  });
});

describe('censusLine', () => {
  it('shows each process\'s RSS and descriptors, and RSS per agent for agent hosts', () => {
    expect(censusLine(readings, 8192 * MIB)).toBe('processes: hub 900 MiB 2300 fds; agent host 1 500 MiB 1100 fds, 2.00 MiB per agent; machine: 8192 MiB available');
  });
});

describe('ResourceWatch', () => {
  it('reads a live process from /proc, and fails the run once memory is under the floor', async () => {
    const said: string[] = [];
    const watch = new ResourceWatch({ processes: () => [{ role: 'bench', pid: process.pid }], floorBytes: Number.MAX_SAFE_INTEGER, checkEveryMs: 60_000, sayEveryMs: 60_000, say: (line) => said.push(line) });
    const [reading] = await watch.check({ say: true });
    expect(reading?.residentBytes).toBeGreaterThan(0);
    expect(reading?.descriptors).toBeGreaterThan(0);
    expect(said[0]).toMatch(/^processes: bench \d+ MiB \d+ fds; machine: \d+ MiB available$/);
    await expect(watch.failed()).rejects.toThrow(/stopping the run before the machine runs out of memory/);
    expect(watch.peaks.get('bench')?.descriptors).toBe(reading?.descriptors);
  });

  it('reads a process that is gone as zeros', async () => {
    expect(await readProcess({ role: 'gone', pid: 2 ** 22 + 1 })).toMatchObject({ residentBytes: 0, descriptors: 0 });
  });
});
