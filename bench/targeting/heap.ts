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

export function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}
