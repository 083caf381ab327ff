/**
 * ObjectStores in a temporary data directory for the tests of one describe block: `open()`
 * opens a store on the test's directory (made on first use; opening again reopens the same
 * directory, for restart cases), and after each test the last store opened is closed and the
 * directory removed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ObjectStore, type ObjectStoreOptions } from '../../src/apiserver/storage/object-store.js';

export interface TempObjectStores {
  open(options?: Omit<ObjectStoreOptions, 'dataDir'>): Promise<ObjectStore>;
}

export function useTempObjectStores(prefix = 'store-'): TempObjectStores {
  let dir: string | undefined;
  let store: ObjectStore | undefined;
  afterEach(async () => {
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    store = dir = undefined;
  });
  return {
    async open(options = {}) {
      dir ??= await mkdtemp(join(tmpdir(), prefix));
      store = new ObjectStore({ ...options, dataDir: dir });
      await store.open();
      return store;
    },
  };
}
