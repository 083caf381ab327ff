/**
 * Helpers that build real git repositories for tests with the `git` command line: create a
 * bare repository under a git server's root, commit a tree of files straight into a branch,
 * tag, move or delete branches (what a force push or a branch deletion does on the server).
 *
 * Commits are written with plumbing (`update-index`, `write-tree`, `commit-tree`,
 * `update-ref`) against the bare repository itself, so no clone or HTTP round trip is
 * needed and symlinks, executable files and deletions are exact.
 *
 * Usage:
 *   const repo = await createBareRepo(server.root, 'apps.git');
 *   const first = await commitFiles(repo, { files: { 'app/cm.yaml': 'kind: ConfigMap' } });
 *   const second = await commitFiles(repo, { files: { 'app/cm.yaml': null } });  // delete
 *   await setBranch(repo, 'main', first);                                         // force push
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A file's content, a symlink (its target as git stores it), an executable, or `null` to
 * delete the path (a directory path deletes everything below it).
 */
export type RepoFile = string | Buffer | { symlink: string } | { content: string | Buffer; executable: true } | null;

export interface CommitOptions {
  /** Branch to commit to; default `main`. */
  branch?: string;
  /** Paths (with `/`) to write or, with `null`, delete. */
  files: Record<string, RepoFile>;
  /** Start from an empty tree instead of the branch's current tree. */
  replace?: boolean;
  /** Make a commit without parent (an unrelated history, as after a rewrite). */
  orphan?: boolean;
  message?: string;
  /** Author and committer date; fixing it makes commit shas reproducible. */
  date?: Date;
}

const author = { name: 'Flotilla Test', email: 'test@flotilla.invalid' };

/** Run git with the machine's configuration kept out; resolves to trimmed stdout. */
export function git(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string | Buffer } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
        env: {
          PATH: process.env.PATH,
          HOME: tmpdir(),
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_CONFIG_GLOBAL: '/dev/null',
          GIT_TERMINAL_PROMPT: '0',
          ...options.env,
        },
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`git ${args.join(' ')} failed: ${stderr.toString()}`, { cause: error }));
        else resolve(stdout.toString().trim());
      },
    );
    child.stdin?.end(options.input);
  });
}

/** Create `<root>/<name>` as an empty bare repository whose HEAD names `defaultBranch`. */
export async function createBareRepo(root: string, name: string, options: { defaultBranch?: string } = {}): Promise<string> {
  const path = join(root, name);
  await mkdir(path, { recursive: true });
  await git(['init', '--bare', '--quiet', `--initial-branch=${options.defaultBranch ?? 'main'}`, path]);
  return path;
}

/** The commit a branch points at, or `undefined` when it does not exist. */
export async function branchCommit(repo: string, branch: string): Promise<string | undefined> {
  try {
    return await git(['--git-dir', repo, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
  } catch {
    return undefined;
  }
}

/** Commit `files` on top of the branch (creating it if needed); resolves to the new commit sha. */
export async function commitFiles(repo: string, options: CommitOptions): Promise<string> {
  const branch = options.branch ?? 'main';
  const parent = options.orphan ? undefined : await branchCommit(repo, branch);
  const scratch = await mkdtemp(join(tmpdir(), 'flotilla-index-'));
  const env = { GIT_INDEX_FILE: join(scratch, 'index'), ...identityEnv(options.date) };
  try {
    if (parent && !options.replace) await git(['--git-dir', repo, 'read-tree', parent], { env });
    else await git(['--git-dir', repo, 'read-tree', '--empty'], { env });
    for (const [path, file] of Object.entries(options.files)) await stage(repo, env, path, file);
    const tree = await git(['--git-dir', repo, 'write-tree'], { env });
    const parents = parent ? ['-p', parent] : [];
    const message = options.message ?? `update ${Object.keys(options.files).join(', ')}`;
    const commit = await git(['--git-dir', repo, 'commit-tree', tree, ...parents, '-m', message], { env });
    await git(['--git-dir', repo, 'update-ref', `refs/heads/${branch}`, commit]);
    return commit;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function stage(repo: string, env: NodeJS.ProcessEnv, path: string, file: RepoFile): Promise<void> {
  if (file === null) {
    // Mode 0 in --index-info removes an entry; a directory path removes everything below it.
    const listed = await git(['--git-dir', repo, 'ls-files', '-z', '--', path], { env });
    const lines = listed.split('\0').filter(Boolean).map((p) => `0 ${'0'.repeat(40)}\t${p}\n`);
    if (lines.length > 0) await git(['--git-dir', repo, 'update-index', '--index-info'], { env, input: lines.join('') });
    return;
  }
  const { mode, content } = describeFile(file);
  const blob = await git(['--git-dir', repo, 'hash-object', '-w', '--stdin'], { env, input: content });
  await git(['--git-dir', repo, 'update-index', '--add', '--cacheinfo', `${mode},${blob},${path}`], { env });
}

function describeFile(file: Exclude<RepoFile, null>): { mode: string; content: string | Buffer } {
  if (typeof file === 'string' || Buffer.isBuffer(file)) return { mode: '100644', content: file };
  if ('symlink' in file) return { mode: '120000', content: file.symlink };
  return { mode: '100755', content: file.content };
}

function identityEnv(date: Date | undefined): NodeJS.ProcessEnv {
  const when = date ? `${Math.floor(date.getTime() / 1000)} +0000` : undefined;
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
    ...(when ? { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } : {}),
  };
}

/** Tag `ref` (default: the default branch's tip); `annotated` makes a tag object as `git tag -a` does. */
export async function tag(repo: string, name: string, options: { ref?: string; annotated?: boolean; message?: string } = {}): Promise<string> {
  const target = await git(['--git-dir', repo, 'rev-parse', '--verify', `${options.ref ?? 'HEAD'}^{commit}`]);
  const args = options.annotated ? ['-a', '-m', options.message ?? name] : [];
  await git(['--git-dir', repo, 'tag', ...args, name, target], { env: identityEnv(undefined) });
  return target;
}

/** Point a branch at any commit, as a force push does (creating the branch if needed). */
export async function setBranch(repo: string, branch: string, commit: string): Promise<void> {
  await git(['--git-dir', repo, 'update-ref', `refs/heads/${branch}`, commit]);
}

/** Delete a branch, as `git push --delete` does. */
export async function deleteBranch(repo: string, branch: string): Promise<void> {
  await git(['--git-dir', repo, 'update-ref', '-d', `refs/heads/${branch}`]);
}

/** A raw tree entry: a blob with any name at all, or a subtree. */
export type RawEntry = { name: string; content: string } | { name: string; tree: RawEntry[] };

/**
 * Commit a tree built with `git mktree`, which does not check entry names: for tests of
 * hostile repositories (entries named `..` or `.git`, duplicate names) that a normal commit
 * could never hold.
 */
export async function commitRawTree(repo: string, options: { branch?: string; entries: RawEntry[] }): Promise<string> {
  const tree = await writeRawTree(repo, options.entries);
  const commit = await git(['--git-dir', repo, 'commit-tree', tree, '-m', 'raw tree'], { env: identityEnv(undefined) });
  await setBranch(repo, options.branch ?? 'main', commit);
  return commit;
}

async function writeRawTree(repo: string, entries: RawEntry[]): Promise<string> {
  const lines: string[] = [];
  for (const entry of entries) {
    if ('tree' in entry) lines.push(`040000 tree ${await writeRawTree(repo, entry.tree)}\t${entry.name}\n`);
    else lines.push(`100644 blob ${await git(['--git-dir', repo, 'hash-object', '-w', '--stdin'], { input: entry.content })}\t${entry.name}\n`);
  }
  return git(['--git-dir', repo, 'mktree'], { input: lines.join('') });
}
