/**
 * One fault case's world: a real embedded hub, a real git smart-HTTP server (optionally with
 * basic auth) holding one repository, and the controller in-process with its pino output
 * captured at debug level, so a case can both break things and grep what was logged.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { GitRepo, GitRepoSpec } from '../../../src/api/git-repo.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { startController, type CheckoutLimits, type RunningController } from '../../../src/controller/index.js';
import { Duration as GitDuration } from '../../../src/git/index.js';
import { Duration } from '../../../src/kube/duration.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { startGitServer, type GitServer, type GitServerAuth } from '../../support/git-server.js';
import { commitFiles, createBareRepo, type RepoFile } from '../../support/git-repo.js';
import { LogCapture } from './log-capture.js';

export const WORKSPACE = 'fleet-default';

export interface FaultHarnessOptions {
  /** The repository's first commit on `main`. */
  files: Record<string, RepoFile>;
  auth?: GitServerAuth;
  limits?: CheckoutLimits;
  /** Default 300 ms, so a case sees a change within a second. */
  pollingInterval?: GitDuration;
}

export interface FaultHarness {
  api: TestApiServer;
  git: GitServer;
  client: ObjectClient;
  readonly controller: RunningController;
  /** The bare repository `apps.git` on the git server. */
  repoPath: string;
  repoUrl: string;
  /** Everything the controller logged, at debug level and above. */
  logs: LogCapture;
  createGitRepo(name: string, spec: Omit<GitRepoSpec, 'repo'> & { repo?: string }): Promise<void>;
  getGitRepo(name: string): Promise<GitRepo>;
  /** Ask the controller to sync every GitRepo of this repository now, as a push webhook does. */
  pushWebhook(): Promise<number>;
  stop(): Promise<void>;
}

export async function startFaultHarness(options: FaultHarnessOptions): Promise<FaultHarness> {
  const gitRoot = await mkdtemp(join(tmpdir(), 'flotilla-faults-git-'));
  const cacheDir = await mkdtemp(join(tmpdir(), 'flotilla-faults-cache-'));
  const api = await startTestApiServer();
  const git = await startGitServer({ root: gitRoot, ...(options.auth ? { auth: options.auth } : {}) });
  const repoPath = await createBareRepo(gitRoot, 'apps.git');
  await commitFiles(repoPath, { files: options.files });
  const logs = new LogCapture();
  const controller = await startController({
    kubeConfig: api.kubeConfig(),
    logger: pino({ level: 'debug' }, logs.stream),
    cacheDir,
    defaultPollingInterval: options.pollingInterval ?? GitDuration.milliseconds(300),
    contentCollectionInterval: Duration.milliseconds(200),
    // Long enough for a Bundle to be written after its Content, short enough that a Content
    // wrongly left unreferenced would be collected while the case runs.
    contentGrace: Duration.seconds(3),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const client = await ObjectClient.create(api.kubeConfig());
  const repoUrl = git.url('apps.git');
  const gitRepoRef = (name: string) => ({ apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', namespace: WORKSPACE, name });
  return {
    api,
    git,
    client,
    controller,
    repoPath,
    repoUrl,
    logs,
    async createGitRepo(name, spec) {
      const object: GitRepo = { apiVersion: 'flotilla.io/v1alpha1', kind: 'GitRepo', metadata: { name, namespace: WORKSPACE }, spec: { repo: repoUrl, ...spec } };
      await client.create(object);
    },
    async getGitRepo(name) {
      return (await client.get<KubeObject>(gitRepoRef(name))) as unknown as GitRepo;
    },
    async pushWebhook() {
      const payload = JSON.stringify({ ref: 'refs/heads/main', after: '0'.repeat(40), repository: { clone_url: repoUrl } });
      const headers = { 'content-type': 'application/json', 'x-github-event': 'push' };
      return (await fetch(controller.webhookUrl, { method: 'POST', headers, body: payload })).status;
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
