/**
 * `flotilla controller` as a process: started with a hub's kubeconfig it bootstraps the hub
 * and turns a GitRepo into Bundles; SIGTERM stops it cleanly with exit code 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { startGitServer, type GitServer } from '../../support/git-server.js';
import { commitFiles, createBareRepo } from '../../support/git-repo.js';
import { bundlesOf, createGitRepo, ensureCliBuilt, fixtureFiles } from './gitrepo-support.js';

const ROOT = join(import.meta.dirname, '../../..');

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('flotilla controller process', () => {
  let api: TestApiServer;
  let git: GitServer;
  let gitRoot: string;
  let client: ObjectClient;
  let child: ChildProcess;
  let stdout = '';

  beforeAll(async () => {
    await ensureCliBuilt();
    gitRoot = await mkdtemp(join(tmpdir(), 'flotilla-git-'));
    api = await startTestApiServer();
    git = await startGitServer({ root: gitRoot });
    await commitFiles(await createBareRepo(gitRoot, 'apps.git'), { files: await fixtureFiles('multi-path') });
    client = await ObjectClient.create(api.kubeConfig());
    child = spawn('node', [join(ROOT, 'bin/flotilla.js'), 'controller', '--kubeconfig', api.kubeconfigPath, '--webhook-addr', '127.0.0.1:0', '--log-level', 'silent'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    client?.close();
    await git?.stop();
    await api?.stop();
    if (gitRoot) await rm(gitRoot, { recursive: true, force: true });
  });

  it('says where its webhook endpoint listens once it runs', async () => {
    await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(/webhook endpoint http:\/\/127\.0\.0\.1:\d+/);
  });

  it('turns a GitRepo into its Bundles', async () => {
    await createGitRepo(client, 'apps', { repo: git.url('apps.git'), branch: 'main', paths: ['frontend', 'backend'] });
    await expect.poll(async () => [...(await bundlesOf(client, 'apps')).keys()].sort(), { timeout: 20_000 }).toEqual(['apps-backend', 'apps-frontend']);
  });

  it('stops cleanly on SIGTERM with exit code 0', async () => {
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});
