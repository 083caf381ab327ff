/**
 * Hostile repositories against the controller with its default limits: `..` in fleet.yaml
 * and GitRepo paths, a YAML bomb, deeply nested YAML, a tree entry named `..`, a symlink to
 * a secret outside the checkout, and a manifest of a kind no cluster knows. Each is refused
 * or reported naming the file and field, with the last good Bundles and Contents kept.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/api/meta.js';
import { LABELS } from '../../../src/api/names.js';
import { decodeContent } from '../../../src/bundle/index.js';
import { branchCommit, commitFiles, commitRawTree, setBranch } from '../../support/git-repo.js';
import { cm, deployGood } from '../../faults/support/fault-case.js';
import { startFaultHarness, WORKSPACE, type FaultHarness } from '../../faults/support/fault-harness.js';
import { runHostileCase, type HostileCase } from '../../faults/support/hostile-case.js';
import { allContentText, bundlesOf, condition, renderedState } from '../../faults/support/rendered-state.js';

const POLL = { timeout: 30_000, interval: 200 };

/** Billion laughs: ten aliases per level, nine levels, 10^9 strings once expanded. */
function yamlBomb(): string {
  const lines = ['a0: &a0 "lol"'];
  for (let i = 1; i <= 9; i += 1) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/** A ConfigMap whose data nests `depth` maps deep, in flow style so the file stays small. */
function deeplyNested(depth: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${'{a: '.repeat(depth)}x${'}'.repeat(depth)}\n`;
}

const cases: HostileCase[] = [
  {
    name: 'fleet.yaml kustomize.dir climbing out with ../../x is refused naming the file and field',
    repo: 'kustomize-dir',
    files: { 'app/fleet.yaml': 'kustomize:\n  dir: ../../x\n' },
    message: /app\/fleet\.yaml.*kustomize\.dir.*\.\.\/\.\.\/x/,
  },
  {
    name: 'an overlay named ../ in fleet.yaml is refused naming the file and field',
    repo: 'overlay-dir',
    files: { 'app/fleet.yaml': 'yaml:\n  overlays: ["../../web"]\n' },
    message: /app\/fleet\.yaml.*yaml\.overlays/,
  },
  {
    name: 'an overlay named ../ in a target customization is refused naming the file and field',
    repo: 'overlay-target',
    files: { 'app/fleet.yaml': 'targetCustomizations:\n  - name: prod\n    clusterSelector: {}\n    yaml:\n      overlays: [".."]\n' },
    message: /app\/fleet\.yaml.*targetCustomizations.*overlays/,
  },
  {
    name: 'a YAML bomb (billion laughs) is refused naming the file, without expanding it',
    repo: 'bomb',
    files: { 'app/bomb.yaml': yamlBomb() },
    message: /app\/bomb\.yaml.*alias/i,
  },
  {
    name: 'YAML nested 5,000 levels deep is refused naming the file',
    repo: 'deep',
    files: { 'app/deep.yaml': deeplyNested(5_000) },
    message: /app\/deep\.yaml.*nested too deeply/,
  },
];

describe('hostile repositories', () => {
  let h: FaultHarness;
  let outside: string;
  const OUTSIDE_SECRET = 'outside-secret-value-1a2b3c';

  beforeAll(async () => {
    outside = await mkdtemp(join(tmpdir(), 'flotilla-outside-'));
    await writeFile(join(outside, 'secret.yaml'), cm('stolen', OUTSIDE_SECRET));
    h = await startFaultHarness({ files: { 'app/cm.yaml': cm('app') } });
  });

  afterAll(async () => {
    await h?.stop();
    await rm(outside, { recursive: true, force: true });
  });

  it.each(cases)('$name', async (c) => {
    await runHostileCase(h, c);
  });

  it('a GitRepo path climbing out with ../ is refused naming the field, and the last good Bundles stay', async () => {
    await deployGood(h, { repo: 'climb' });
    const before = await renderedState(h.client, 'climb');
    const ref = { apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', namespace: WORKSPACE, name: 'climb' };
    await h.client.patch(ref, { spec: { paths: ['app', 'web', '../'] } }, { type: 'merge' });
    await expect.poll(async () => JSON.stringify((await h.getGitRepo('climb')).status?.conditions), POLL).toMatch(/paths.*\.\.\//);
    expect(condition(await h.getGitRepo('climb'), 'Ready').status).toBe('False');
    expect(await renderedState(h.client, 'climb')).toEqual(before);
    await h.client.patch(ref, { spec: { paths: ['app', 'web'] } }, { type: 'merge' });
    await expect.poll(async () => condition(await h.getGitRepo('climb'), 'Ready').status, POLL).toBe('True');
  });

  it('a tree entry named .. is refused as an invalid repository, and the last good Bundles stay', async () => {
    const repo = await deployGood(h, { repo: 'dotdot' });
    const good = await branchCommit(repo.path, 'main');
    const before = await renderedState(h.client, 'dotdot');
    await commitRawTree(repo.path, { entries: [{ name: 'app', tree: [{ name: '..', tree: [{ name: 'cm.yaml', content: cm('escaped') }] }] }] });
    await expect.poll(async () => condition(await h.getGitRepo('dotdot'), 'Stalled').status, POLL).toBe('True');
    // The message names the refusal (an unsafe file name), though not yet the entry itself.
    expect(condition(await h.getGitRepo('dotdot'), 'Stalled')).toMatchObject({ reason: 'InvalidRepository', message: expect.stringMatching(/unsafe file names/) });
    expect(await renderedState(h.client, 'dotdot')).toEqual(before);
    await setBranch(repo.path, 'main', good ?? '');
    expect(await h.pushWebhook()).toBe(202);
    await expect.poll(async () => condition(await h.getGitRepo('dotdot'), 'Ready').status, POLL).toBe('True');
  });

  it('a symlink to a secret outside the checkout is reported naming the file, and the secret is never read', async () => {
    const repo = await deployGood(h, { repo: 'symlinks' });
    await commitFiles(repo.path, {
      files: {
        'app/absolute.yaml': { symlink: join(outside, 'secret.yaml') },
        'app/relative.yaml': { symlink: `${'../'.repeat(40)}${join(outside, 'secret.yaml').slice(1)}` },
      },
    });
    await expect.poll(async () => (await h.getGitRepo('symlinks')).status?.bundleErrors?.map((e) => e.file).sort(), POLL).toEqual(['app/absolute.yaml', 'app/relative.yaml']);
    const status = JSON.stringify((await h.getGitRepo('symlinks')).status);
    expect(status).toMatch(/points outside the repository/);
    const app = (await bundlesOf(h.client, 'symlinks')).find((b) => b.metadata.name === 'symlinks-app');
    expect(app?.spec.resources?.map((r) => r.name)).toEqual(['cm.yaml']);
    expect(JSON.stringify(await bundlesOf(h.client, 'symlinks'))).not.toContain(OUTSIDE_SECRET);
    expect(status).not.toContain(OUTSIDE_SECRET);
    expect(await allContentText(h.client)).not.toContain(OUTSIDE_SECRET);
    expect(h.logs.text()).not.toContain(OUTSIDE_SECRET);
  });

  it('a manifest of a kind no cluster knows renders into its Content (the member reports it at apply time)', async () => {
    const repo = await deployGood(h, { repo: 'unknown-kind' });
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n';
    const commit = await commitFiles(repo.path, { files: { 'app/widget.yaml': widget } });
    await expect.poll(async () => (await renderedState(h.client, 'unknown-kind'))['unknown-kind-app']?.commit, POLL).toBe(commit);
    expect(condition(await h.getGitRepo('unknown-kind'), 'Ready').status).toBe('True');
    const app = (await bundlesOf(h.client, 'unknown-kind')).find((b) => b.metadata.name === 'unknown-kind-app');
    const content = await h.client.get<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Content', name: app?.metadata.labels?.[LABELS.contentName] ?? '' });
    expect(decodeContent(String(content.content)).map((m) => m.kind).sort()).toEqual(['ConfigMap', 'Widget']);
  });
});
