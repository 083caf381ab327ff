/**
 * The world of the hub fault cases, every part a real process on 127.0.0.1: the hub API server
 * (`flotilla apiserver`, restartable on its port and data directory), one member API server
 * process serving N logical member clusters, the controller (`flotilla controller`, leader
 * election on), N agents joined with a registration token (`flotilla agent --simulate N`), and
 * a git smart-HTTP server with one repository. The test process reads the hub and the members
 * through their kubeconfigs as any client would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import type { GitRepo, GitRepoSpec } from '../../../src/api/git-repo.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { LABELS } from '../../../src/api/well-known.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startFlotilla, type FlotillaProcess } from '../../support/flotilla-process.js';
import { commitFiles, createBareRepo, type RepoFile } from '../../support/git-repo.js';
import { startGitServer, type GitServer } from '../../support/git-server.js';
import { ApiServerProcess, ControllerReplica, startSimulatedAgents } from './hub-processes.js';

export const WORKSPACE = 'fleet-default';
const F = 'flotilla.io/v1alpha1';

export interface HubWorldOptions {
  /** Member clusters, named `member-1` … `member-N`. */
  clusters: number;
  /** The repository's first commit. */
  files: Record<string, RepoFile>;
}

export interface MemberClient {
  cluster: string;
  client: ObjectClient;
}

/** What start() brings up before the controller and the agents. */
interface WorldParts {
  dir: string;
  hub: ApiServerProcess;
  members: ApiServerProcess;
  git: GitServer;
  repoPath: string;
  hubClient: ObjectClient;
  memberClients: readonly MemberClient[];
}

export class HubWorld {
  /** Every controller replica started, in order (crashed ones included). */
  readonly replicas: ControllerReplica[] = [];

  readonly dir: string;
  readonly hub: ApiServerProcess;
  readonly members: ApiServerProcess;
  readonly git: GitServer;
  readonly repoPath: string;
  readonly hubClient: ObjectClient;
  readonly memberClients: readonly MemberClient[];
  private agents: FlotillaProcess | undefined;

  private constructor(parts: WorldParts) {
    this.dir = parts.dir;
    this.hub = parts.hub;
    this.members = parts.members;
    this.git = parts.git;
    this.repoPath = parts.repoPath;
    this.hubClient = parts.hubClient;
    this.memberClients = parts.memberClients;
  }

  static async start(options: HubWorldOptions): Promise<HubWorld> {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-hub-faults-'));
    const clusters = Array.from({ length: options.clusters }, (_, i) => `member-${i + 1}`);
    const started = await Promise.allSettled([
      ApiServerProcess.start({ dataDir: join(dir, 'hub'), kubeconfigOut: join(dir, 'hub.kubeconfig') }),
      ApiServerProcess.start({ dataDir: join(dir, 'members'), kubeconfigOut: join(dir, 'member.kubeconfig'), clusters }),
    ]);
    const [hub, members] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    if (!hub || !members) {
      await Promise.all([hub?.stop(), members?.stop()]);
      throw started.find((s): s is PromiseRejectedResult => s.status === 'rejected')?.reason;
    }
    const git = await startGitServer({ root: join(dir, 'git') });
    const world = new HubWorld({ dir, hub, members, git, repoPath: join(git.root, 'apps.git'), hubClient: await clientFor(hub.kubeconfigPath), memberClients: await Promise.all(clusters.map(async (cluster) => ({ cluster, client: await clientFor(`${members.kubeconfigPath}-${cluster}`) }))) });
    try {
      await commitFiles(await createBareRepo(git.root, 'apps.git'), { files: options.files });
      await world.startController('controller-a');
      world.agents = await world.joinAgents(clusters.length);
    } catch (err) {
      // A world half started is stopped here: no process outlives a failed start.
      await world.stop();
      throw err;
    }
    return world;
  }

  get repoUrl(): string {
    return this.git.url('apps.git');
  }

  /** Starts a controller replica (leader election on) and remembers it for stop(). */
  async startController(identity: string): Promise<ControllerReplica> {
    const replica = await ControllerReplica.start({ hubKubeconfig: this.hub.kubeconfigPath, cacheDir: join(this.dir, `cache-${identity}`), identity });
    this.replicas.push(replica);
    return replica;
  }

  /** A registration token from the CLI, then every member's agent joins with it. */
  private async joinAgents(count: number): Promise<FlotillaProcess> {
    const caOut = join(this.dir, 'hub-ca.pem');
    const token = startFlotilla(['cluster', 'token', 'create', '-n', WORKSPACE, '--ttl', '1h', '--kubeconfig', this.hub.kubeconfigPath, '--ca-out', caOut]);
    const [, hubUrl, tokenText] = await token.waitFor(/npx flotilla agent --hub (\S+) --token (\S+)/, 60_000);
    await token.exited;
    return startSimulatedAgents({ hub: hubUrl ?? '', token: tokenText ?? '', hubCa: caOut, memberKubeconfigTemplate: `${this.members.kubeconfigPath}-member-{i}`, clusterNamePrefix: 'member', count });
  }

  async commit(files: Record<string, RepoFile>): Promise<string> {
    return commitFiles(this.repoPath, { files });
  }

  async createGitRepo(name: string, spec: Omit<GitRepoSpec, 'repo'>): Promise<void> {
    const object: GitRepo = { apiVersion: F, kind: 'GitRepo', metadata: { name, namespace: WORKSPACE }, spec: { repo: this.repoUrl, ...spec } };
    await this.hubClient.create(object);
  }

  /** Every BundleDeployment made from the GitRepo's Bundles, in every cluster namespace. */
  async deployments(gitRepo: string): Promise<BundleDeployment[]> {
    const list = await this.hubClient.list<KubeObject>({ apiVersion: F, kind: 'BundleDeployment' }, { labelSelector: `${LABELS.repoName}=${gitRepo}` });
    return list.items as unknown as BundleDeployment[];
  }

  /** The Bundles of the GitRepo. */
  async bundles(gitRepo: string): Promise<KubeObject[]> {
    return (await this.hubClient.list<KubeObject>({ apiVersion: F, kind: 'Bundle' }, { namespace: WORKSPACE, labelSelector: `${LABELS.repoName}=${gitRepo}` })).items;
  }

  async stop(): Promise<void> {
    // Agents first, so none reports errors about a hub that went away before them.
    if (this.agents && this.agents.child.exitCode === null) {
      this.agents.child.kill('SIGTERM');
      await this.agents.exited;
    }
    await Promise.all(this.replicas.map((r) => r.stop()));
    this.hubClient.close();
    for (const m of this.memberClients) m.client.close();
    await Promise.all([this.hub.stop(), this.members.stop(), this.git.stop()]);
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function clientFor(kubeconfigPath: string): Promise<ObjectClient> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return ObjectClient.create(kc);
}
