/**
 * Repositories on this machine's disk (`file://` URLs and absolute paths), read directly
 * with isomorphic-git: no HTTP, no copy of the objects. Meant for development, where a
 * user points a GitRepo at a working copy; only committed content is used, never the
 * working tree, so what deploys is what a push would deploy.
 */
import fs from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import git from 'isomorphic-git';
import { GitSourceError } from './git-error.js';
import { planRevision, type RevisionSelector } from './revision.js';

/** The git directory of a working copy (`<path>/.git`, or what a `.git` file points at) or of a bare repository. */
export async function findLocalGitdir(path: string): Promise<string> {
  const dotGit = join(path, '.git');
  const dotGitStat = await stat(dotGit).catch(() => undefined);
  if (dotGitStat?.isDirectory()) return dotGit;
  if (dotGitStat?.isFile()) {
    const pointer = /^gitdir:\s*(.+)$/m.exec(await readFile(dotGit, 'utf8'));
    if (pointer?.[1]) return resolve(path, pointer[1].trim());
  }
  const head = await stat(join(path, 'HEAD')).catch(() => undefined);
  const objects = await stat(join(path, 'objects')).catch(() => undefined);
  if (head?.isFile() && objects?.isDirectory()) return path;
  throw new GitSourceError('RepositoryNotFound', `no git repository at ${path}`);
}

/** Follow annotated tags down to the commit they name. */
export async function peelToCommit(gitdir: string, oid: string, cache: object): Promise<string> {
  let current = oid;
  for (let depth = 0; depth < 10; depth += 1) {
    const object = await git.readObject({ fs, gitdir, oid: current, format: 'parsed', cache });
    if (object.type === 'commit') return current;
    if (object.type !== 'tag') throw new GitSourceError('RevisionNotFound', `${oid} names a ${object.type}, not a commit`);
    const { tag } = await git.readTag({ fs, gitdir, oid: current, cache });
    current = tag.object;
  }
  throw new GitSourceError('InvalidRepository', `tag ${oid} nests too deeply`);
}

/** Resolve a branch, tag or commit of a local repository to a commit sha. */
export async function resolveLocalRevision(gitdir: string, selector: RevisionSelector, cache: object): Promise<{ commit: string; ref: string }> {
  const plan = planRevision(selector);
  if (plan.kind === 'commit') {
    await assertCommitExists(gitdir, plan.commit, cache);
    return { commit: plan.commit, ref: plan.commit };
  }
  // HEAD is reported as the branch it names, as a server's symref would say.
  const head = plan.kind === 'head' ? await git.currentBranch({ fs, gitdir, fullname: true }).catch(() => undefined) : undefined;
  const candidates = plan.kind === 'head' ? [head ?? 'HEAD'] : plan.candidates;
  for (const ref of candidates) {
    const oid = await git.resolveRef({ fs, gitdir, ref }).catch(() => undefined);
    if (oid) return { commit: await peelToCommit(gitdir, oid, cache), ref };
  }
  throw new GitSourceError('RevisionNotFound', `${plan.description} not found in ${gitdir}`);
}

export async function assertCommitExists(gitdir: string, commit: string, cache: object): Promise<void> {
  try {
    await git.readCommit({ fs, gitdir, oid: commit, cache });
  } catch (cause) {
    throw new GitSourceError('RevisionNotFound', `commit ${commit} not found`, { cause });
  }
}

/** Whether a commit is present in a git directory (e.g. a cache from an earlier fetch). */
export async function hasCommit(gitdir: string, commit: string, cache: object): Promise<boolean> {
  return git.readCommit({ fs, gitdir, oid: commit, cache }).then(
    () => true,
    () => false,
  );
}
