/**
 * Writes many objects with a bounded number in flight, so a Bundle reaching 10,000 clusters
 * is written in parallel batches without opening 10,000 requests at once. Every write is
 * tried; failures are collected and returned, so one missing namespace does not stop the rest.
 */
export interface BatchFailure<T> {
  readonly item: T;
  readonly error: unknown;
}

export async function runBatched<T>(items: readonly T[], concurrency: number, write: (item: T) => Promise<void>): Promise<BatchFailure<T>[]> {
  const failures: BatchFailure<T>[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await write(item);
      } catch (error) {
        failures.push({ item, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return failures;
}
