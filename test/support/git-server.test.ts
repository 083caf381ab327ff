import { mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branchCommit, commitFiles, createBareRepo, deleteBranch, git, setBranch, tag } from './git-repo.js';
import { createTestCertificate, startGitServer, type GitServer } from './git-server.js';

const auth = { username: 'fleet', password: 's3cret', token: 'tok-123' };

/** `git` with credentials placed in the URL, as a user would for a quick test. */
function withUserInfo(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

describe('startGitServer', () => {
  let root: string;
  let work: string;
  let open: GitServer;
  let locked: GitServer;
  let first: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'git-server-root-'));
    work = await mkdtemp(join(tmpdir(), 'git-server-work-'));
    open = await startGitServer({ root });
    locked = await startGitServer({ root, auth });
    const repo = await createBareRepo(root, 'apps.git');
    first = await commitFiles(repo, {
      files: {
        'a/cm.yaml': 'kind: ConfigMap\n',
        'bin/run.sh': { content: '#!/bin/sh\n', executable: true },
        'link.yaml': { symlink: 'a/cm.yaml' },
      },
    });
  });

  afterAll(async () => {
    await open.stop();
    await locked.stop();
    await rm(root, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it('serves a clone with the committed files, symlinks and modes', async () => {
    const dir = join(work, 'clone-open');
    await git(['clone', '--quiet', open.url('apps.git'), dir]);
    expect(await readFile(join(dir, 'a/cm.yaml'), 'utf8')).toBe('kind: ConfigMap\n');
    expect(await readlink(join(dir, 'link.yaml'))).toBe('a/cm.yaml');
    expect((await stat(join(dir, 'bin/run.sh'))).mode & 0o111).not.toBe(0);
    expect(await git(['rev-parse', 'HEAD'], { cwd: dir })).toBe(first);
  });

  it('logs the ref advertisement and the pack download with their byte counts', async () => {
    open.clearRequests();
    await git(['-c', 'protocol.version=2', 'ls-remote', open.url('apps.git')]);
    expect(open.requests.map((r) => r.kind)).toEqual(['info-refs', 'ls-refs']);
    open.clearRequests();
    await git(['clone', '--quiet', '--depth=1', open.url('apps.git'), join(work, 'clone-log')]);
    const fetches = open.requests.filter((r) => r.kind === 'fetch');
    expect(fetches.length).toBeGreaterThan(0);
    expect(fetches.every((r) => r.status === 200 && r.requestBytes > 0)).toBe(true);
    expect(open.totals().responseBytes).toBeGreaterThan(0);
  });

  const authCases = [
    { name: 'a request without credentials is refused with 401', user: undefined, password: undefined, ok: false },
    { name: 'a wrong password is refused', user: 'fleet', password: 'nope', ok: false },
    { name: 'the right user and password are accepted', user: 'fleet', password: 's3cret', ok: true },
  ];
  it.each(authCases)('$name', async ({ user, password, ok }) => {
    locked.clearRequests();
    const url = user && password ? withUserInfo(locked.url('apps.git'), user, password) : locked.url('apps.git');
    const run = git(['ls-remote', url]);
    if (ok) await expect(run).resolves.toContain(first);
    else await expect(run).rejects.toThrow(/Authentication failed|could not read Username|401/);
    if (ok) expect(locked.requests.at(-1)).toMatchObject({ authorized: true, sentCredentials: true, status: 200 });
    else expect(locked.requests.every((r) => r.status === 401 && !r.authorized)).toBe(true);
  });

  it('inflates a gzip request body as git sends large negotiations', async () => {
    const body = gzipSync(Buffer.from('0014command=ls-refs\n0000'));
    open.clearRequests();
    const res = await fetch(`${open.url('apps.git')}/git-upload-pack`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-git-upload-pack-request', 'content-encoding': 'gzip', 'git-protocol': 'version=2' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`${first} refs/heads/main`);
    expect(open.requests).toMatchObject([{ kind: 'ls-refs', requestBytes: body.length, status: 200 }]);
  });

  it('accepts a bearer token when one is configured', async () => {
    const out = await git(['-c', `http.extraHeader=Authorization: Bearer ${auth.token}`, 'ls-remote', locked.url('apps.git')]);
    expect(out).toContain(first);
  });

  it('accepts pushes over HTTP, including a force push', async () => {
    const dir = join(work, 'clone-push');
    const url = withUserInfo(locked.url('apps.git'), auth.username, auth.password);
    await git(['clone', '--quiet', url, dir]);
    await writeFile(join(dir, 'pushed.txt'), 'hello\n');
    const env = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
    await git(['add', 'pushed.txt'], { cwd: dir });
    await git(['commit', '--quiet', '-m', 'push'], { cwd: dir, env });
    await git(['push', '--quiet', 'origin', 'HEAD:refs/heads/pushed'], { cwd: dir });
    const pushed = await git(['rev-parse', 'HEAD'], { cwd: dir });
    expect(await branchCommit(join(root, 'apps.git'), 'pushed')).toBe(pushed);
    await git(['push', '--quiet', '--force', 'origin', `${first}:refs/heads/pushed`], { cwd: dir });
    expect(await branchCommit(join(root, 'apps.git'), 'pushed')).toBe(first);
    expect(locked.requests.some((r) => r.kind === 'receive-pack' && r.status === 200)).toBe(true);
  });

  const interceptCases = [
    { name: 'an interceptor can fail a request with a status', decision: { status: 503 }, error: /503|unable to access/ },
    { name: 'an interceptor can cut the connection', decision: { destroy: true as const }, error: /unable to access|Empty reply|RPC failed|fatal/ },
  ];
  it.each(interceptCases)('$name', async ({ decision, error }) => {
    open.intercept(() => decision);
    try {
      await expect(git(['ls-remote', open.url('apps.git')])).rejects.toThrow(error);
    } finally {
      open.intercept(undefined);
    }
  });

  it('an interceptor can redirect a client to another server', async () => {
    open.intercept((req) => (req.path.startsWith('/moved/') ? { redirect: `${open.baseUrl}${req.path.replace('/moved', '')}?${req.query}` } : undefined));
    try {
      expect(await git(['ls-remote', `${open.baseUrl}/moved/apps.git`])).toContain(first);
    } finally {
      open.intercept(undefined);
    }
  });

  it('serves HTTPS with a throwaway certificate the client trusts as a CA', async () => {
    const cert = await createTestCertificate();
    const secure = await startGitServer({ root, tls: cert });
    try {
      const caFile = join(work, 'ca.pem');
      await writeFile(caFile, cert.cert);
      expect(await git(['-c', `http.sslCAInfo=${caFile}`, 'ls-remote', secure.url('apps.git')])).toContain(first);
      await expect(git(['ls-remote', secure.url('apps.git')])).rejects.toThrow(/SSL|certificate/i);
    } finally {
      await secure.stop();
    }
  });

  it('the repo helpers tag, move and delete branches as a push would', async () => {
    const repo = await createBareRepo(root, 'helpers.git');
    const one = await commitFiles(repo, { files: { 'x.yaml': 'a: 1\n' }, date: new Date('2024-01-01T00:00:00Z') });
    const two = await commitFiles(repo, { files: { 'x.yaml': null, 'y.yaml': 'b: 2\n' } });
    expect(await git(['--git-dir', repo, 'ls-tree', '--name-only', two])).toBe('y.yaml');
    expect(await tag(repo, 'v1', { ref: one, annotated: true })).toBe(one);
    expect(await git(['--git-dir', repo, 'rev-parse', 'v1^{commit}'])).toBe(one);
    await setBranch(repo, 'main', one);
    expect(await branchCommit(repo, 'main')).toBe(one);
    const orphan = await commitFiles(repo, { branch: 'other', orphan: true, files: { 'z.yaml': 'c: 3\n' } });
    expect(await git(['--git-dir', repo, 'rev-list', '--count', orphan])).toBe('1');
    await deleteBranch(repo, 'other');
    expect(await branchCommit(repo, 'other')).toBeUndefined();
  });
});
