/**
 * The scale benchmark's git repository: `bundles` bundle folders, each a fleet.yaml and one
 * small ConfigMap, with a `canary` overlay that target customizations give clusters labelled
 * `track=canary` (so relabelling a cluster changes what it receives). Changes are made in a
 * work tree and sent with a real `git push` over smart HTTP, as a user pushes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createBareRepo, git } from '../../test/support/git-repo.js';

/** The label every scale cluster carries, and the one a relabel flips. */
export const SCALE_LABEL = 'flotilla-scale';
export const TRACK_LABEL = 'track';

export function bundleFolder(index: number): string {
  return `bundle-${String(index).padStart(4, '0')}`;
}

function configMap(index: number, revision: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${bundleFolder(index)}\ndata:\n  revision: "${revision}"\n  owner: scale-bench\n`;
}

/** The files of one bundle at a revision (the revision is the ConfigMap line a change edits). */
export function bundleFiles(index: number, revision: number): Record<string, string> {
  const folder = `bundles/${bundleFolder(index)}`;
  return {
    [`${folder}/fleet.yaml`]: `defaultNamespace: default\ntargetCustomizations:\n  - name: canary\n    clusterSelector:\n      matchLabels: {${TRACK_LABEL}: canary}\n    yaml:\n      overlays: [canary]\n`,
    [`${folder}/configmap.yaml`]: configMap(index, revision),
    [`${folder}/overlays/canary/configmap_patch.yaml`]: 'data:\n  track: canary\n',
  };
}

const identity = { GIT_AUTHOR_NAME: 'Flotilla Scale', GIT_AUTHOR_EMAIL: 'scale@flotilla.invalid', GIT_COMMITTER_NAME: 'Flotilla Scale', GIT_COMMITTER_EMAIL: 'scale@flotilla.invalid' };

export class ScaleRepo {
  private constructor(
    private readonly workTree: string,
    readonly url: string,
  ) {}

  /** An empty bare repository `<serverRoot>/scale.git` and a work tree that pushes to it at `url`. */
  static async create(options: { serverRoot: string; workTree: string; url: string }): Promise<ScaleRepo> {
    await createBareRepo(options.serverRoot, 'scale.git');
    await mkdir(options.workTree, { recursive: true });
    const repo = new ScaleRepo(options.workTree, options.url);
    await repo.git(['init', '-q', '-b', 'main']);
    await repo.git(['remote', 'add', 'origin', options.url]);
    return repo;
  }

  /** Writes every bundle at revision 0, commits and pushes; resolves with the commit once the server holds it. */
  async pushBundles(count: number): Promise<string> {
    for (let index = 0; index < count; index++) await this.write(bundleFiles(index, 0));
    return this.commitAndPush(`${count} bundles`);
  }

  /** A one-line change: bundle `index`'s ConfigMap gets a new revision. */
  async pushOneLineChange(index: number, revision: number): Promise<string> {
    await this.write({ [`bundles/${bundleFolder(index)}/configmap.yaml`]: configMap(index, revision) });
    return this.commitAndPush(`bundle ${index}: revision ${revision}`);
  }

  /** The commit the work tree last pushed. */
  head(): Promise<string> {
    return this.git(['rev-parse', 'HEAD']);
  }

  private async write(files: Record<string, string>): Promise<void> {
    for (const [path, content] of Object.entries(files)) {
      const file = join(this.workTree, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
  }

  private async commitAndPush(message: string): Promise<string> {
    await this.git(['add', '-A']);
    await this.git(['commit', '-q', '-m', message]);
    await this.git(['push', '-q', 'origin', 'HEAD:refs/heads/main']);
    return this.git(['rev-parse', 'HEAD']);
  }

  private git(args: string[]): Promise<string> {
    return git(args, { cwd: this.workTree, env: identity });
  }
}
