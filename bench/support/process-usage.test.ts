import { describe, expect, it } from 'vitest';
import { cpuTicksFromStat, processUsage, residentBytesFromStatus } from './process-usage.js';

describe('cpuTicksFromStat', () => {
  const cases = [
    { name: 'user and system ticks are added', stat: '42 (node) S 1 42 42 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 11 0', ticks: 325 },
    { name: 'a process name with spaces and parentheses does not shift the fields', stat: '7 (my (odd) name) R 1 7 7 0 -1 0 0 0 0 0 3 4 0 0', ticks: 7 },
    { name: 'a truncated line gives no figure', stat: '7 (x) R 1', ticks: undefined },
  ];
  it.each(cases)('$name', ({ stat, ticks }) => {
    expect(cpuTicksFromStat(stat)).toBe(ticks);
  });
});

describe('residentBytesFromStatus', () => {
  const cases = [
    { name: 'VmRSS in kB is read as bytes', status: 'Name:\tnode\nVmRSS:\t  51200 kB\nThreads:\t11\n', bytes: 51200 * 1024 },
    { name: 'a kernel thread without VmRSS gives no figure', status: 'Name:\tkthreadd\nThreads:\t1\n', bytes: undefined },
  ];
  it.each(cases)('$name', ({ status, bytes }) => {
    expect(residentBytesFromStatus(status)).toBe(bytes);
  });
});

describe('processUsage', () => {
  it('reads this very process from /proc', async () => {
    const usage = await processUsage(process.pid);
    expect(usage?.cpuSeconds).toBeGreaterThan(0);
    expect(usage?.residentBytes).toBeGreaterThan(1024 * 1024);
  });

  it('a process that does not exist gives no figure', async () => {
    expect(await processUsage(2 ** 30)).toBeUndefined();
  });
});
