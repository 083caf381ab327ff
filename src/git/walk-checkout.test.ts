import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, createBareRepo } from '../../test/support/git-repo.js';
import { CheckoutError } from './checkout-error.js';
import { resolveCheckoutPath } from './checkout-path.js';
import { fetchRevision } from './fetch-revision.js';
import { checkCheckoutSize, walkCheckout } from './walk-checkout.js';

let base: string;
let root: string;
const secret = 'TOP-SECRET-OUTSIDE';

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'walk-'));
  root = join(base, 'checkout');
  const outside = join(base, 'outside');
  await mkdir(join(root, 'a/b'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(outside, 'secret.txt'), secret);
  await writeFile(join(root, 'a/cm.yaml'), 'kind: ConfigMap\n');
  await writeFile(join(root, 'a/b/deep.yaml'), 'kind: Secret\n');
  await writeFile(join(root, 'exec.sh'), '#!/bin/sh\n');
  await chmod(join(root, 'exec.sh'), 0o755);
  await symlink('a/cm.yaml', join(root, 'link-in'));
  await symlink('link-in', join(root, 'chain'));
  await symlink(join(outside, 'secret.txt'), join(root, 'link-abs-out'));
  await symlink('../outside/secret.txt', join(root, 'link-rel-out'));
  await symlink('a', join(root, 'link-dir'));
  await symlink('nope', join(root, 'broken'));
  await symlink('../outside', join(root, 'outdir'));
  await symlink('outdir/secret.txt', join(root, 'sneaky'));
  await symlink('a/../../outside/secret.txt', join(root, 'climb'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('walkCheckout', () => {
  it('reads files and inside links, and reports links out of the checkout without reading them', async () => {
    const result = await walkCheckout({ root });
    expect(result.files.map((f) => [f.path, f.content.toString(), f.executable])).toEqual([
      ['a/b/deep.yaml', 'kind: Secret\n', false],
      ['a/cm.yaml', 'kind: ConfigMap\n', false],
      ['chain', 'kind: ConfigMap\n', false],
      ['exec.sh', '#!/bin/sh\n', true],
      ['link-in', 'kind: ConfigMap\n', false],
    ]);
    expect(result.skipped).toEqual([
      { path: 'broken', reason: 'BrokenSymlink', target: 'nope' },
      { path: 'climb', reason: 'SymlinkOutsideCheckout', target: 'a/../../outside/secret.txt' },
      { path: 'link-abs-out', reason: 'SymlinkOutsideCheckout', target: join(base, 'outside/secret.txt') },
      { path: 'link-dir', reason: 'SymlinkToDirectory' },
      { path: 'link-rel-out', reason: 'SymlinkOutsideCheckout', target: '../outside/secret.txt' },
      { path: 'outdir', reason: 'SymlinkOutsideCheckout', target: '../outside' },
      { path: 'sneaky', reason: 'SymlinkOutsideCheckout', target: 'outdir/secret.txt' },
    ]);
    expect(result.files.some((f) => f.content.toString().includes(secret))).toBe(false);
    expect(result.totalBytes).toBe(result.files.reduce((n, f) => n + f.content.length, 0));
  });

  it('walks only the given path, naming files from the checkout root', async () => {
    const result = await walkCheckout({ root, path: './a/' });
    expect(result.files.map((f) => f.path)).toEqual(['a/b/deep.yaml', 'a/cm.yaml']);
  });

  it('leaves out what the ignore function names, directories included', async () => {
    const result = await walkCheckout({ root, path: 'a', ignore: (path, { directory }) => directory && path === 'a/b' });
    expect(result.files.map((f) => f.path)).toEqual(['a/cm.yaml']);
  });

  const badPaths = [
    { name: 'a path climbing with .. is refused', path: '../outside', reason: 'PathEscapes' },
    { name: 'a path hiding .. in the middle is refused', path: 'a/../../outside', reason: 'PathEscapes' },
    { name: 'an absolute path is refused', path: '/etc', reason: 'PathEscapes' },
    { name: 'a path through a symlink out of the checkout is refused', path: 'outdir', reason: 'PathEscapes' },
    { name: 'a missing path is NotFound', path: 'missing', reason: 'NotFound' },
  ];
  it.each(badPaths)('$name', async ({ path, reason }) => {
    await expect(walkCheckout({ root, path })).rejects.toMatchObject({ reason });
    await expect(resolveCheckoutPath(root, path)).rejects.toBeInstanceOf(CheckoutError);
  });

  const limits = [
    { name: 'a file over maxFileBytes is refused, naming it', limits: { maxFileBytes: 14 }, reason: 'FileTooLarge', path: 'a/cm.yaml' },
    { name: 'more files than maxFiles are refused at the first one too many', limits: { maxFiles: 2 }, reason: 'TooManyFiles', path: 'chain' },
    { name: 'files adding up past maxTotalBytes are refused', limits: { maxTotalBytes: 20 }, reason: 'TooManyBytes', path: 'a/cm.yaml' },
    { name: 'directories deeper than maxDepth are refused', limits: { maxDepth: 1 }, reason: 'TooDeep', path: 'a/b' },
  ];
  it.each(limits)('$name', async ({ limits: given, reason, path }) => {
    const error = await walkCheckout({ root, limits: given }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckoutError);
    expect(error).toMatchObject({ reason, path });
    expect((error as Error).message).toContain(path);
  });

  it('stops when the signal is aborted', async () => {
    await expect(walkCheckout({ root, signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it('reports a committed symlink to a host file in a real checkout, never reading it', async () => {
    const repo = await createBareRepo(base, 'links.git');
    await commitFiles(repo, {
      files: { 'app/cm.yaml': 'a: 1\n', 'app/passwd.yaml': { symlink: '/etc/passwd' }, 'app/up.yaml': { symlink: '../../../../etc/hostname' } },
    });
    const checkout = await fetchRevision({ url: repo, branch: 'main', dir: join(base, 'links-cache') });
    const result = await walkCheckout({ root: checkout.dir, path: 'app' });
    expect(result.files.map((f) => f.path)).toEqual(['app/cm.yaml']);
    expect(result.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['app/passwd.yaml', 'SymlinkOutsideCheckout'],
      ['app/up.yaml', 'SymlinkOutsideCheckout'],
    ]);
  });
});

describe('checkCheckoutSize', () => {
  const cases = [
    { name: 'a checkout within the limits is measured from metadata', limits: {}, want: { files: 12 } },
    { name: 'a checkout over maxTotalBytes is refused', limits: { maxTotalBytes: 10 }, error: 'TooManyBytes' },
    { name: 'a checkout over maxFiles is refused', limits: { maxFiles: 3 }, error: 'TooManyFiles' },
  ];
  it.each(cases)('$name', async ({ limits, want, error }) => {
    const run = checkCheckoutSize(root, limits);
    if (error) await expect(run).rejects.toMatchObject({ reason: error });
    else await expect(run).resolves.toMatchObject(want ?? {});
  });
});
