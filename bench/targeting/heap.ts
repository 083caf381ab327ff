/**
 * Heap and time measurement for the targeting bench: heap in use after full collections
 * (gc exposed at run time, so the bench needs no node flag), and a timer around a function.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Heap in use after two full collections (the second frees what the first's finalizers released). */
export function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Wall time and this process's CPU time (user + system) of a synchronous function. On a
 * shared machine the wall time includes waiting for a core; the CPU time does not.
 */
export function timed<T>(work: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}
