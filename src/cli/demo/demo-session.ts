/**
 * Everything `flotilla demo` runs, started in order and stopped in reverse: a temporary
 * directory, the embedded hub with N logical member clusters, their agents joined through a
 * registration token, `examples/` committed into a bare repository served over smart HTTP,
 * and the GitRepo that points at it. `stop()` leaves no process, port or directory behind,
 * whichever step failed.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ConnectedAgent } from '../../agent/runtime/index.js';
import type { KubeObject } from '../../api/meta.js';
import { WORKSPACE_DEFAULT } from '../../api/names.js';
import { Duration as GitDuration } from '../../git/index.js';
import { systemClock } from '../../kube/clock.js';
import { Duration } from '../../kube/duration.js';
import { ObjectClient } from '../../kube/object-client.js';
import { demoMembers } from './demo-objects.js';
import { startEmbeddedHub, type EmbeddedHub } from './embedded-hub.js';
import { exampleRepos } from './example-repos.js';
import { commitFolderToBareRepo } from './examples-repo.js';
import { startGitServer, type GitServer } from './git-http-server.js';
import { joinMembers, type MemberSpec } from './member-agents.js';
import { createRegistrationToken } from './registration-token.js';

export interface DemoSessionOptions {
  clusters: number;
  examplesDir: string;
  version: string;
  logger: Logger;
  /** Aborting stops the start between steps (what was started is stopped again). */
  signal?: AbortSignal;
  /** Told each step as it starts, for the user to see where time goes. */
  onStep?: (text: string) => void;
}

export interface DemoSession {
  readonly dir: string;
  readonly hub: EmbeddedHub;
  readonly client: ObjectClient;
  readonly members: readonly MemberSpec[];
  readonly workspace: string;
  /** The GitRepos created, in the workspace. */
  readonly gitRepoNames: readonly string[];
  /** Kubeconfig files of the hub and each member, written into the session's directory. */
  readonly kubeconfigs: { hub: string; members: Record<string, string> };
  stop(): Promise<void>;
}

/** Stops what was started, last first, and removes the directory; never throws. */
class Teardown {
  private readonly steps: Array<() => Promise<unknown>> = [];

  constructor(private readonly logger: Logger) {}

  add(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.reverse()) {
      await step().catch((err: unknown) => this.logger.warn({ err }, 'demo teardown step failed'));
    }
    this.steps.length = 0;
  }
}

/** Commits each example repository, serves them all, and creates their GitRepos. */
async function serveExamples(dir: string, examplesDir: string, client: ObjectClient, teardown: Teardown): Promise<string[]> {
  const root = join(dir, 'git');
  await mkdir(root, { recursive: true });
  const repos = exampleRepos(examplesDir);
  for (const repo of repos) await commitFolderToBareRepo({ sourceDir: repo.dir, root, name: repo.repoName, message: `${repo.dir} for flotilla demo` });
  const git: GitServer = await startGitServer({ root });
  teardown.add(() => git.stop());
  const names: string[] = [];
  for (const repo of repos) {
    const gitRepo = repo.gitRepo(git.url(repo.repoName));
    await client.create<KubeObject>({ ...gitRepo, metadata: { ...gitRepo.metadata, namespace: WORKSPACE_DEFAULT } });
    names.push(gitRepo.metadata.name ?? '');
  }
  return names;
}

async function writeKubeconfigs(hub: EmbeddedHub, members: readonly MemberSpec[]): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const m of members) files[m.name] = await hub.writeMemberKubeconfig(m.name);
  return files;
}

async function joinAgents(hub: EmbeddedHub, client: ObjectClient, members: readonly MemberSpec[], options: DemoSessionOptions): Promise<ConnectedAgent[]> {
  const clock = systemClock();
  options.onStep?.(`joining ${members.length} member clusters with a registration token`);
  const token = await createRegistrationToken(client, { workspace: WORKSPACE_DEFAULT, name: 'demo', ttl: Duration.parse('1h'), clock, timeout: Duration.seconds(30) });
  return joinMembers({ hub, members, token, version: options.version, clock, logger: options.logger });
}

export async function startDemoSession(options: DemoSessionOptions): Promise<DemoSession> {
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-demo-'));
  const teardown = new Teardown(options.logger);
  teardown.add(() => rm(dir, { recursive: true, force: true }));
  try {
    const members = demoMembers(options.clusters);
    options.onStep?.(`starting the hub with ${members.length} member clusters`);
    const hub = await startEmbeddedHub({ dataDir: join(dir, 'hub'), logger: options.logger, memberClusters: members.map((m) => m.name), defaultPollingInterval: GitDuration.seconds(5) });
    teardown.add(() => hub.stop());
    const client = await ObjectClient.create(hub.kubeConfig());
    teardown.add(async () => client.close());
    options.signal?.throwIfAborted();
    const agents = await joinAgents(hub, client, members, options);
    teardown.add(() => Promise.all(agents.map((a) => a.stop())));
    options.signal?.throwIfAborted();
    options.onStep?.('serving examples/ over git smart HTTP and creating its GitRepos');
    const gitRepoNames = await serveExamples(dir, options.examplesDir, client, teardown);
    const kubeconfigs = { hub: hub.kubeconfigFile, members: await writeKubeconfigs(hub, members) };
    return { dir, hub, client, members, workspace: WORKSPACE_DEFAULT, gitRepoNames, kubeconfigs, stop: () => teardown.run() };
  } catch (err) {
    await teardown.run();
    throw err;
  }
}
