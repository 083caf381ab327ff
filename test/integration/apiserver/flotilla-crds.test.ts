/**
 * Flotilla's own CRDs install with `kubectl apply --server-side -f crds/` and serve every
 * kind, with the printer columns and short names the definitions declare.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_KINDS } from '../../../src/api/index.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { REPO_ROOT } from '../../support/flotilla-process.js';
import { kubectl } from '../../support/kubectl.js';

let api: TestApiServer;
let dir: string;

beforeAll(async () => {
  api = await startTestApiServer();
  dir = await mkdtemp(join(tmpdir(), 'flotilla-crds-'));
});
afterAll(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('crds/', () => {
  it('installs with kubectl apply --server-side and serves every kind', async () => {
    const opts = { kubeconfig: api.kubeconfigPath, cacheDir: join(dir, 'cache') };
    const applied = await kubectl(['apply', '--server-side', '-f', join(REPO_ROOT, 'crds')], opts);
    expect(applied.stderr).toBe('');
    expect(applied.stdout.trim().split('\n')).toHaveLength(ALL_KINDS.length);
    const resources = await kubectl(['api-resources', '--api-group=flotilla.io', '-o', 'name'], opts);
    const served = resources.stdout.trim().split('\n').sort();
    expect(served).toEqual(ALL_KINDS.map((k) => `${k.plural}.flotilla.io`).sort());
    const again = await kubectl(['apply', '--server-side', '-f', join(REPO_ROOT, 'crds')], opts);
    expect(again.stdout).toContain('serverside-applied');
  });
});
