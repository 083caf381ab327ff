/**
 * `flotilla test` as a user runs it: `node bin/flotilla.js test DIR -l env=prod` on a fixture
 * bundle, checking the YAML it prints: the target customization chosen by the labels, its
 * overlay applied, and the namespace rules of fleet.yaml.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ensureCliBuilt } from '../integration/controller/gitrepo-support.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/repos/multi-path');

async function flotillaTest(args: string[]): Promise<{ objects: any[]; stderr: string }> {
  const { stdout, stderr } = await run('node', [join(ROOT, 'bin/flotilla.js'), 'test', ...args], { cwd: ROOT });
  return { objects: parseAllDocuments(stdout).map((d) => d.toJS()), stderr };
}

const cases = [
  {
    name: 'a cluster labelled env=prod gets the prod customization’s overlay',
    args: [join(FIXTURE, 'frontend'), '-l', 'env=prod'],
    want: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'frontend', namespace: 'web' }, data: { replicas: '3', env: 'prod' } }],
  },
  {
    name: 'a cluster without the label gets the plain manifests in the default namespace',
    args: [join(FIXTURE, 'frontend'), '-l', 'env=dev'],
    want: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'frontend', namespace: 'web' }, data: { replicas: '1', env: 'dev' } }],
  },
  {
    name: 'a forced namespace puts every object of the bundle in it',
    args: [join(FIXTURE, 'backend'), '-l', 'env=prod'],
    want: [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'backend', namespace: 'api' }, stringData: { token: 'not-a-real-token' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'backend', namespace: 'api' }, data: { log: 'info' } },
    ],
  },
];

describe('flotilla test', () => {
  beforeAll(ensureCliBuilt, 180_000);

  it.each(cases)('$name', async ({ args, want }) => {
    const { objects } = await flotillaTest(args);
    expect(objects).toEqual(want);
  });

  it('a malformed label is refused with a message naming it', async () => {
    await expect(flotillaTest([join(FIXTURE, 'frontend'), '-l', 'env'])).rejects.toMatchObject({ stderr: expect.stringContaining('-l env: expected key=value') });
  });
});
