import { describe, expect, it } from 'vitest';
import { runConcurrently } from './run-concurrently.js';

describe('runConcurrently', () => {
  const cases = [
    { name: 'every index runs once with fewer clients than operations', total: 25, concurrency: 4, maxInFlight: 4 },
    { name: 'more clients than operations start only as many as there are operations', total: 3, concurrency: 16, maxInFlight: 3 },
  ];

  it.each(cases)('$name', async ({ total, concurrency, maxInFlight }) => {
    const seen: number[] = [];
    let inFlight = 0;
    let peak = 0;
    const run = await runConcurrently({
      total,
      concurrency,
      operation: async (index) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(index);
        inFlight--;
      },
    });
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(peak).toBe(maxInFlight);
    expect(run.latenciesMs).toHaveLength(total);
    expect(run.perSecond).toBeGreaterThan(0);
  });

  it('the first failure stops the other clients and is rethrown', async () => {
    let started = 0;
    const run = runConcurrently({
      total: 1000,
      concurrency: 2,
      operation: async (index) => {
        started++;
        await new Promise((resolve) => setImmediate(resolve));
        if (index === 3) throw new Error('write 3 was refused');
      },
    });
    await expect(run).rejects.toThrow('write 3 was refused');
    expect(started).toBeLessThan(10);
  });

  it('reports progress after each operation', async () => {
    const done: number[] = [];
    await runConcurrently({ total: 3, concurrency: 1, operation: async () => undefined, onDone: (n) => done.push(n) });
    expect(done).toEqual([1, 2, 3]);
  });
});
