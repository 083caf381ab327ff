/**
 * Shared setup for the GitRepo controller's integration tests: a real embedded hub, a real
 * git smart-HTTP server (optionally with basic auth), a bare repository seeded from a fixture
 * tree, and the controller started in-process with a short polling interval.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import type { Bundle } from '../../../src/api/bundle.js';
import type { GitRepo, GitRepoSpec } from '../../../src/api/git-repo.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { LABELS } from '../../../src/api/names.js';
import { startController, type CheckoutLimits, type RunningController } from '../../../src/controller/index.js';
import { Duration as GitDuration } from '../../../src/git/index.js';
import { Duration } from '../../../src/kube/duration.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { startGitServer, type GitServer, type GitServerAuth } from '../../support/git-server.js';
import { createBareRepo, commitFiles } from '../../support/git-repo.js';
export { contentNames } from '../../support/test-hub.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/repos');
export const WORKSPACE = 'fleet-default';

/** The files of a fixture tree (a name under test/fixtures/repos, or an absolute path), as commitFiles takes them. */
export async function fixtureFiles(name: string): Promise<Record<string, string>> {
  const root = isAbsolute(name) ? name : join(FIXTURES, name);
  const out: Record<string, string> = {};
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else out[relative(root, path).split('\\').join('/')] = await readFile(path, 'utf8');
    }
  };
  await visit(root);
  return out;
}

const ROOT = join(import.meta.dirname, '../../..');

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

/**
 * bin/flotilla.js runs the compiled CLI (`npm test` builds first); compile here when dist is
 * missing or older than any source file, so a test never runs yesterday's code.
 */
export async function ensureCliBuilt(): Promise<void> {
  const built = await stat(join(ROOT, 'dist/src/cli/main.js')).catch(() => undefined);
  if (built && built.mtimeMs >= (await newestSource(join(ROOT, 'src')))) return;
  // tsc exits non-zero on type errors elsewhere but still emits; the tests then say what fails.
  await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT }).catch(() => undefined);
}

export interface ControllerHarness {
  api: TestApiServer;
  git: GitServer;
  client: ObjectClient;
  readonly controller: RunningController;
  repoPath: string;
  /** Stops the controller and starts a new one against the same hub and git cache. */
  restartController(): Promise<void>;
  repoUrl: string;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  auth?: GitServerAuth;
  fixture: string;
  pollingInterval?: GitDuration;
  limits?: CheckoutLimits;
}

export async function startHarness(options: HarnessOptions): Promise<ControllerHarness> {
  const gitRoot = await mkdtemp(join(tmpdir(), 'flotilla-git-'));
  const cacheDir = await mkdtemp(join(tmpdir(), 'flotilla-controller-cache-'));
  const api = await startTestApiServer();
  const git = await startGitServer({ root: gitRoot, ...(options.auth ? { auth: options.auth } : {}) });
  const repoPath = await createBareRepo(gitRoot, 'apps.git');
  await commitFiles(repoPath, { files: await fixtureFiles(options.fixture) });
  const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
  const start = () =>
    startController({
      kubeConfig: api.kubeConfig(),
      logger,
      cacheDir,
      defaultPollingInterval: options.pollingInterval ?? GitDuration.milliseconds(300),
      contentCollectionInterval: Duration.milliseconds(200),
      // Long enough for a Bundle to be written after its Content, short enough for the test.
      contentGrace: Duration.seconds(5),
      ...(options.limits ? { limits: options.limits } : {}),
    });
  let controller = await start();
  const client = await ObjectClient.create(api.kubeConfig());
  return {
    api,
    git,
    client,
    get controller() {
      return controller;
    },
    repoPath,
    repoUrl: git.url('apps.git'),
    async restartController() {
      await controller.stop();
      controller = await start();
    },
    async stop() {
      client.close();
      await controller.stop();
      await git.stop();
      await api.stop();
      await rm(gitRoot, { recursive: true, force: true });
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}

export function gitRepoObject(name: string, spec: GitRepoSpec): GitRepo {
  return { apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', metadata: { name, namespace: WORKSPACE }, spec };
}

export async function createGitRepo(client: ObjectClient, name: string, spec: GitRepoSpec): Promise<void> {
  await client.create({ ...gitRepoObject(name, spec) });
}

export async function getGitRepo(client: ObjectClient, name: string): Promise<GitRepo> {
  return (await client.get<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', namespace: WORKSPACE, name })) as unknown as GitRepo;
}

/** The GitRepo's Bundles by name. */
export async function bundlesOf(client: ObjectClient, repo: string): Promise<Map<string, Bundle>> {
  const list = await client.listAll<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Bundle' }, { namespace: WORKSPACE, labelSelector: `${LABELS.repoName}=${repo}` });
  return new Map(list.items.map((b) => [b.metadata.name ?? '', b as unknown as Bundle]));
}

export function condition(gitRepo: GitRepo, type: string): { status?: string; reason?: string; message?: string } {
  return gitRepo.status?.conditions?.find((c) => c.type === type) ?? {};
}
