/**
 * Which repositories the demo serves from the examples folder. Each example that ships the
 * GitRepo a user would apply (`<example>/hub/gitrepo.yaml`) becomes its own repository with
 * that GitRepo, only its `repo` pointed at the demo's git server — so its paths, targets and
 * bundle names (which `dependsOn` refers to) are exactly what a user gets. A folder with no
 * such example is served whole, with the demo's default GitRepo.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from '../../api/meta.js';
import { isDns1123Label } from '../../api/names.js';
import { DEMO_GITREPO, demoGitRepo } from './demo-objects.js';

export interface ExampleRepo {
  /** The folder committed as the repository's root. */
  dir: string;
  /** The bare repository's name on the demo git server. */
  repoName: string;
  /** The GitRepo to create, given the repository URL. */
  gitRepo(url: string): KubeObject;
}

/** Polling the demo's server is cheap; a short interval shows an edit soon with --keep. */
const DEMO_POLLING_INTERVAL = '5s';

/** The example's own GitRepo with `repo` set to the demo's URL. */
export function withDemoRepo(manifest: KubeObject, url: string): KubeObject {
  const spec = { ...((manifest.spec as Record<string, unknown> | undefined) ?? {}), repo: url, pollingInterval: DEMO_POLLING_INTERVAL };
  return { ...manifest, spec };
}

function shippedGitRepo(exampleDir: string): KubeObject | undefined {
  const file = join(exampleDir, 'hub', 'gitrepo.yaml');
  if (!existsSync(file)) return undefined;
  const manifest = parse(readFileSync(file, 'utf8')) as KubeObject | null;
  if (manifest?.kind !== 'GitRepo' || !manifest.metadata?.name) throw new Error(`${file}: expected one GitRepo with a metadata.name`);
  return manifest;
}

export function exampleRepos(examplesDir: string): ExampleRepo[] {
  const repos: ExampleRepo[] = [];
  for (const entry of readdirSync(examplesDir).sort()) {
    const dir = join(examplesDir, entry);
    if (!statSync(dir).isDirectory() || !isDns1123Label(entry)) continue;
    const manifest = shippedGitRepo(dir);
    if (manifest) repos.push({ dir, repoName: `${entry}.git`, gitRepo: (url) => withDemoRepo(manifest, url) });
  }
  if (repos.length > 0) return repos;
  return [{ dir: examplesDir, repoName: `${basename(examplesDir) || DEMO_GITREPO}.git`, gitRepo: (url) => demoGitRepo(url) }];
}
