import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, commitRawTree, createBareRepo, deleteBranch, git, setBranch, tag } from '../../test/support/git-repo.js';
import { createTestCertificate, startGitServer, type GitServer, type GitServerAuth } from '../../test/support/git-server.js';
import type { GitCredentials } from './credentials.js';
import { fetchRevision } from './fetch-revision.js';
import { Duration } from './duration.js';
import { GitSourceError } from './git-error.js';
import { resolveRemote } from './resolve-remote.js';

const password = 'correct-horse-battery';
const serverAuth: GitServerAuth = { username: 'fleet', password, token: 'bearer-token-1' };

async function failure(run: Promise<unknown>): Promise<GitSourceError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitSourceError);
  return error as GitSourceError;
}

const setups = [
  { name: 'without auth', auth: undefined, credentials: undefined },
  { name: 'with basic auth', auth: serverAuth, credentials: { username: 'fleet', password } },
  { name: 'with a bearer token', auth: serverAuth, credentials: { token: 'bearer-token-1' } },
] satisfies Array<{ name: string; auth: GitServerAuth | undefined; credentials: GitCredentials | undefined }>;

describe.each(setups)('fetchRevision and resolveRemote $name', ({ auth, credentials }) => {
  let root: string;
  let cacheRoot: string;
  let server: GitServer;
  let repo: string;
  let url: string;
  let cacheCount = 0;
  const newCache = (): string => join(cacheRoot, `c${(cacheCount += 1)}`);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'git-src-root-'));
    cacheRoot = await mkdtemp(join(tmpdir(), 'git-src-cache-'));
    server = await startGitServer({ root, ...(auth ? { auth } : {}) });
    repo = await createBareRepo(root, 'apps.git');
    url = server.url('apps.git');
  });

  afterAll(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
    await rm(cacheRoot, { recursive: true, force: true });
  });

  it('clones the branch tip into a checkout without .git, then reuses it without a pack request', async () => {
    const commit = await commitFiles(repo, { files: { 'app/cm.yaml': 'a: 1\n', 'app/link.yaml': { symlink: 'cm.yaml' } } });
    const dir = newCache();
    const first = await fetchRevision({ url, branch: 'main', auth: credentials, dir });
    expect(first).toMatchObject({ commit, ref: 'refs/heads/main', fetched: true });
    expect(await readFile(join(first.dir, 'app/cm.yaml'), 'utf8')).toBe('a: 1\n');
    expect(await readlink(join(first.dir, 'app/link.yaml'))).toBe('cm.yaml');
    expect(await readdir(first.dir)).toEqual(['app']);

    server.clearRequests();
    const again = await fetchRevision({ url, branch: 'main', auth: credentials, dir });
    expect(again).toEqual({ ...first, fetched: false, transfer: expect.any(Object) });
    expect(server.requests.filter((r) => r.kind === 'fetch')).toEqual([]);
    expect(again.transfer.bytesReceived).toBeLessThan(first.transfer.bytesReceived);
  });

  it('checks for changes by ref discovery alone, then fetches only when the commit is new', async () => {
    const dir = newCache();
    const before = await fetchRevision({ url, branch: 'main', auth: credentials, dir });
    server.clearRequests();
    expect(await resolveRemote({ url, branch: 'main', auth: credentials })).toBe(before.commit);
    expect(server.requests.map((r) => r.kind).filter((k) => k !== 'info-refs')).toEqual(['ls-refs']);

    const next = await commitFiles(repo, { files: { 'app/cm.yaml': null, 'app/new.yaml': 'b: 2\n' } });
    expect(await resolveRemote({ url, branch: 'main', auth: credentials })).toBe(next);
    const after = await fetchRevision({ url, branch: 'main', auth: credentials, dir });
    expect(after).toMatchObject({ commit: next, fetched: true });
    expect((await readdir(join(after.dir, 'app'))).sort()).toEqual(['link.yaml', 'new.yaml']);
    expect((await readdir(dir)).filter((n) => n.startsWith('checkout-'))).toEqual([`checkout-${next}`]);
  });

  it('follows a force push to an unrelated history', async () => {
    const dir = newCache();
    await fetchRevision({ url, branch: 'main', auth: credentials, dir });
    const rewritten = await commitFiles(repo, { branch: 'main', orphan: true, replace: true, files: { 'only.yaml': 'c: 3\n' } });
    const got = await fetchRevision({ url, branch: 'main', auth: credentials, dir });
    expect(got.commit).toBe(rewritten);
    expect(await readdir(got.dir)).toEqual(['only.yaml']);
  });

  it('fetches a tag, lightweight or annotated, as the commit it names', async () => {
    const tagged = await commitFiles(repo, { files: { 'v.yaml': 'version: 1\n' } });
    await tag(repo, `light-${cacheCount}`, { ref: tagged });
    await tag(repo, `annotated-${cacheCount}`, { ref: tagged, annotated: true });
    await commitFiles(repo, { files: { 'v.yaml': 'version: 2\n' } });
    for (const name of [`light-${cacheCount}`, `annotated-${cacheCount}`]) {
      const got = await fetchRevision({ url, revision: name, auth: credentials, dir: newCache() });
      expect(got).toMatchObject({ commit: tagged, ref: `refs/tags/${name}` });
      expect(await readFile(join(got.dir, 'v.yaml'), 'utf8')).toBe('version: 1\n');
      expect(await resolveRemote({ url, revision: name, auth: credentials })).toBe(tagged);
    }
  });

  it('fetches an exact commit, at a branch tip or deep in history', async () => {
    const old = await commitFiles(repo, { files: { 'h.yaml': 'old\n' } });
    const tip = await commitFiles(repo, { files: { 'h.yaml': 'tip\n' } });
    const atTip = await fetchRevision({ url, revision: tip, auth: credentials, dir: newCache() });
    expect(atTip).toMatchObject({ commit: tip, ref: tip });
    const deep = await fetchRevision({ url, revision: old, auth: credentials, dir: newCache() });
    expect(await readFile(join(deep.dir, 'h.yaml'), 'utf8')).toBe('old\n');
    const missing = await failure(fetchRevision({ url, revision: 'f'.repeat(40), auth: credentials, dir: newCache() }));
    expect(missing.reason).toBe('RevisionNotFound');
  });

  it('reports a deleted branch as RevisionNotFound, which the user must fix', async () => {
    const commit = await commitFiles(repo, { branch: 'doomed', files: { 'd.yaml': 'd\n' } });
    const dir = newCache();
    await fetchRevision({ url, branch: 'doomed', auth: credentials, dir });
    await deleteBranch(repo, 'doomed');
    const error = await failure(fetchRevision({ url, branch: 'doomed', auth: credentials, dir }));
    expect(error).toMatchObject({ reason: 'RevisionNotFound', action: 'user' });
    expect((await failure(resolveRemote({ url, branch: 'doomed', auth: credentials }))).reason).toBe('RevisionNotFound');
    await setBranch(repo, 'doomed', commit);
  });

  it('follows the default branch when neither branch nor revision is given', async () => {
    const head = await git(['--git-dir', repo, 'rev-parse', 'refs/heads/main']);
    expect(await resolveRemote({ url, auth: credentials })).toBe(head);
    expect(await fetchRevision({ url, auth: credentials, dir: newCache() })).toMatchObject({ commit: head, ref: 'refs/heads/main' });
  });

  it('reports a missing repository as RepositoryNotFound', async () => {
    const error = await failure(resolveRemote({ url: server.url('nope.git'), branch: 'main', auth: credentials }));
    expect(error.reason).toBe('RepositoryNotFound');
  });
});

describe('fetchRevision failures', () => {
  let root: string;
  let cacheRoot: string;
  let locked: GitServer;
  let open: GitServer;
  let repo: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'git-fail-root-'));
    cacheRoot = await mkdtemp(join(tmpdir(), 'git-fail-cache-'));
    locked = await startGitServer({ root, auth: serverAuth });
    open = await startGitServer({ root });
    repo = await createBareRepo(root, 'apps.git');
    await commitFiles(repo, { files: { 'a.yaml': 'x'.repeat(20_000) } });
  });

  afterAll(async () => {
    await locked.stop();
    await open.stop();
    await rm(root, { recursive: true, force: true });
    await rm(cacheRoot, { recursive: true, force: true });
  });

  const authCases = [
    { name: 'a wrong password is an auth error that names no secret', auth: { username: 'fleet', password: 'wrong-password-42' } },
    { name: 'no credentials at all is an auth error', auth: undefined },
    { name: 'credentials written into the URL are used but never shown', auth: undefined, inUrl: 'wrong-password-42' },
  ];
  it.each(authCases)('$name', async ({ auth, inUrl }) => {
    const url = inUrl ? locked.url('apps.git').replace('://', `://fleet:${inUrl}@`) : locked.url('apps.git');
    const error = await failure(fetchRevision({ url, branch: 'main', auth, dir: join(cacheRoot, 'auth') }));
    expect(error).toMatchObject({ reason: 'AuthenticationFailed', action: 'user', userMustAct: true });
    expect(error.message).not.toContain('wrong-password-42');
    expect(error.stack).not.toContain('wrong-password-42');
  });

  it('a server that is down is a transient network error', async () => {
    const gone = await startGitServer({ root });
    await gone.stop();
    const error = await failure(resolveRemote({ url: gone.url('apps.git'), branch: 'main' }));
    expect(error).toMatchObject({ reason: 'NetworkError', action: 'retry' });
    expect(error.cause).toBeDefined();
  });

  it('a server answering 503 is a transient server error', async () => {
    open.intercept(() => ({ status: 503 }));
    try {
      expect(await failure(resolveRemote({ url: open.url('apps.git'), branch: 'main' }))).toMatchObject({ reason: 'ServerError', action: 'retry' });
    } finally {
      open.intercept(undefined);
    }
  });

  it('a server that never answers runs into the timeout', async () => {
    let release = (): void => undefined;
    const held = new Promise<undefined>((resolve) => (release = () => resolve(undefined)));
    open.intercept(() => held);
    try {
      const error = await failure(resolveRemote({ url: open.url('apps.git'), branch: 'main', timeout: Duration.milliseconds(200) }));
      expect(error).toMatchObject({ reason: 'Timeout', action: 'retry' });
    } finally {
      open.intercept(undefined);
      release();
    }
  });

  it('aborting the signal cancels a fetch in flight', async () => {
    const controller = new AbortController();
    open.intercept(() => {
      controller.abort();
      return new Promise<undefined>(() => undefined);
    });
    try {
      const error = await failure(fetchRevision({ url: open.url('apps.git'), branch: 'main', dir: join(cacheRoot, 'cancel'), signal: controller.signal }));
      expect(error).toMatchObject({ reason: 'Cancelled', action: 'none' });
    } finally {
      open.intercept(undefined);
    }
  });

  it('credentials are not sent to another host a redirect points at', async () => {
    locked.intercept((req) => (req.method === 'GET' ? { redirect: `${open.baseUrl}${req.path}?${req.query}` } : undefined));
    open.clearRequests();
    try {
      const got = await fetchRevision({ url: locked.url('apps.git'), branch: 'main', auth: { username: 'fleet', password }, dir: join(cacheRoot, 'redirect') });
      expect(got.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(open.requests.length).toBeGreaterThan(0);
      expect(open.requests.every((r) => !r.sentCredentials)).toBe(true);
    } finally {
      locked.intercept(undefined);
    }
  });

  const limitCases = [
    { name: 'a download over maxDownloadBytes is refused as TooLarge', limits: { maxDownloadBytes: 100 } },
    { name: 'a checkout over maxCheckoutBytes is refused as TooLarge', limits: { maxCheckoutBytes: 10_000 } },
    { name: 'a checkout with too many entries is refused as TooLarge', limits: { maxCheckoutEntries: 0 } },
  ];
  it.each(limitCases)('$name', async ({ limits }) => {
    const dir = join(cacheRoot, `limit-${Object.keys(limits)[0]}`);
    const error = await failure(fetchRevision({ url: open.url('apps.git'), branch: 'main', dir, limits }));
    expect(error).toMatchObject({ reason: 'TooLarge', action: 'user' });
    expect((await readdir(dir).catch(() => [])).filter((n) => n.includes('checkout'))).toEqual([]);
  });

  it('a server certificate is trusted only through caBundle', async () => {
    const cert = await createTestCertificate();
    const secure = await startGitServer({ root, tls: cert });
    try {
      const url = secure.url('apps.git');
      expect((await failure(resolveRemote({ url, branch: 'main' }))).reason).toBe('TlsError');
      const got = await fetchRevision({ url, branch: 'main', caBundle: cert.cert, dir: join(cacheRoot, 'tls') });
      expect(got.commit).toBe(await resolveRemote({ url, branch: 'main', caBundle: cert.cert }));
    } finally {
      await secure.stop();
    }
  });

  it('an ssh URL is refused as unsupported', async () => {
    const error = await failure(resolveRemote({ url: 'ssh://git@github.com/org/repo.git', branch: 'main' }));
    expect(error.reason).toBe('UnsupportedUrl');
  });
});

describe('fetchRevision from local repositories', () => {
  let root: string;
  let cacheRoot: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'git-local-'));
    cacheRoot = await mkdtemp(join(tmpdir(), 'git-local-cache-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(cacheRoot, { recursive: true, force: true });
  });

  it('reads a bare repository by path and by file:// URL', async () => {
    const repo = await createBareRepo(root, 'bare.git');
    const commit = await commitFiles(repo, { files: { 'x/a.yaml': 'a\n', 'run.sh': { content: '#!/bin/sh\n', executable: true } } });
    for (const url of [repo, pathToFileURL(repo).toString()]) {
      const got = await fetchRevision({ url, branch: 'main', dir: join(cacheRoot, 'bare') });
      expect(got.commit).toBe(commit);
      expect(await readFile(join(got.dir, 'x/a.yaml'), 'utf8')).toBe('a\n');
      expect(await resolveRemote({ url, branch: 'main' })).toBe(commit);
    }
  });

  it('reads a working copy by its committed content, not its working tree', async () => {
    const work = join(root, 'work');
    await git(['init', '--quiet', '--initial-branch=dev', work]);
    const env = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
    await git(['commit', '--quiet', '--allow-empty', '-m', 'empty'], { cwd: work, env });
    const got = await fetchRevision({ url: work, dir: join(cacheRoot, 'work') });
    expect(got.ref).toBe('refs/heads/dev');
    expect(await readdir(got.dir)).toEqual([]);
  });

  const hostile = [
    { name: 'a tree entry named .. is refused', entries: [{ name: 'a', tree: [{ name: '..', content: 'x' }] }] },
    { name: 'a tree entry named .git is refused', entries: [{ name: '.GIT', content: 'x' }] },
    { name: 'a tree naming one file twice is refused', entries: [{ name: 'f', content: 'x' }, { name: 'f', content: 'y' }] },
  ];
  it.each(hostile)('$name', async ({ entries }) => {
    const repo = await createBareRepo(root, `hostile-${entries.length}-${entries[0]?.name}.git`);
    await commitRawTree(repo, { entries });
    const dir = join(cacheRoot, `hostile-${entries[0]?.name}`);
    const error = await failure(fetchRevision({ url: repo, branch: 'main', dir }));
    expect(error).toMatchObject({ reason: 'InvalidRepository', action: 'user' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('a path without a repository is RepositoryNotFound', async () => {
    expect((await failure(resolveRemote({ url: join(root, 'nothing-here') }))).reason).toBe('RepositoryNotFound');
  });
});
