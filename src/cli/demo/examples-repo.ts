/**
 * `examples/` as a git repository: a bare repository (under the demo's temporary directory)
 * whose branch `main` holds one commit of the folder's files, made with git plumbing against
 * a private index so the folder itself is never touched (no `.git` appears in it, and a
 * checkout of Flotilla with local changes demos exactly what is on disk).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface ExamplesRepo {
  /** The bare repository's directory. */
  path: string;
  commit: string;
}

function git(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { env, cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(' ')} failed: ${stderr.trim() || error.message}`, { cause: error }));
      else resolve(stdout.trim());
    });
  });
}

/** Commits every file of `sourceDir` to branch `main` of a new bare repository `<root>/<name>`. */
export async function commitFolderToBareRepo(options: { sourceDir: string; root: string; name: string; message: string }): Promise<ExamplesRepo> {
  const path = join(options.root, options.name);
  const identity = { name: 'Flotilla demo', email: 'demo@flotilla.invalid' };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    // Keep the user's git configuration (hooks, signing, templates) out of it.
    HOME: options.root,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  };
  await git(['init', '--bare', '--quiet', '--initial-branch=main', path], env);
  const work = { ...env, GIT_DIR: path, GIT_WORK_TREE: options.sourceDir, GIT_INDEX_FILE: join(options.root, `${options.name}.index`) };
  await git(['add', '--all', '.'], work, options.sourceDir);
  const tree = await git(['write-tree'], work);
  const commit = await git(['commit-tree', tree, '-m', options.message], work);
  await git(['update-ref', 'refs/heads/main', commit], work);
  return { path, commit };
}
