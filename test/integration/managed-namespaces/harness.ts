/**
 * A real embedded hub with the controllers a managed namespace goes through running
 * in-process: the GitRepo controller (startController, which also bootstraps the hub), the
 * targeting and status controllers, and the ManagedNamespace controller; a git smart-HTTP
 * server for fleet.yaml definitions; and the `flotilla namespace` command run in-process
 * against the hub's kubeconfig, its output captured. No agent runs: a test reports a
 * BundleDeployment's status as an agent would when it needs a member's state.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { pino } from 'pino';
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import { API_VERSION } from '../../../src/api/group.js';
import type { ManagedNamespace } from '../../../src/api/managed-namespace.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { clusterNamespaceName } from '../../../src/api/names.js';
import { namespaceCommand } from '../../../src/cli/commands/namespace/index.js';
import type { CliIo } from '../../../src/cli/output/cli-io.js';
import { startController, type RunningController } from '../../../src/controller/index.js';
import { ManagedNamespaceController } from '../../../src/controller/managed-namespace/index.js';
import { startTargeting, type RunningTargeting } from '../../../src/controller/targeting/index.js';
import { Duration as GitDuration } from '../../../src/git/index.js';
import { isNotFound } from '../../../src/kube/api-error.js';
import { systemClock } from '../../../src/kube/clock.js';
import { ObjectClient } from '../../../src/kube/object-client.js';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { createBareRepo } from '../../support/git-repo.js';
import { startGitServer, type GitServer } from '../../support/git-server.js';

export const WORKSPACE = 'fleet-default';

export interface CliRun {
  stdout: string;
  stderr: string;
}

export interface Hub {
  api: TestApiServer;
  client: ObjectClient;
  git: GitServer;
  repoPath: string;
  repoUrl: string;
  /** Runs `flotilla namespace <args>` against the hub; rejects with the command's error. */
  cli(...args: string[]): Promise<CliRun>;
  stop(): Promise<void>;
}

export async function startHub(): Promise<Hub> {
  const gitRoot = await mkdtemp(join(tmpdir(), 'flotilla-mns-git-'));
  const cacheDir = await mkdtemp(join(tmpdir(), 'flotilla-mns-cache-'));
  const api = await startTestApiServer();
  const git = await startGitServer({ root: gitRoot });
  const repoPath = await createBareRepo(gitRoot, 'teams.git');
  const logger = pino({ level: process.env.FLOTILLA_TEST_LOG ?? 'silent' });
  const clock = systemClock();
  const controller: RunningController = await startController({ kubeConfig: api.kubeConfig(), logger, cacheDir, defaultPollingInterval: GitDuration.milliseconds(300) });
  const client = await ObjectClient.create(api.kubeConfig());
  const targeting: RunningTargeting = await startTargeting({ client, clock, logger });
  const managedNamespaces = new ManagedNamespaceController({ client, clock, logger });
  await managedNamespaces.start();
  return {
    api,
    client,
    git,
    repoPath,
    repoUrl: git.url('teams.git'),
    cli: (...args) => runCli(api.kubeconfigPath, args),
    async stop() {
      await managedNamespaces.stop();
      await targeting.stop();
      await controller.stop();
      client.close();
      await git.stop();
      await api.stop();
      await rm(gitRoot, { recursive: true, force: true });
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}

export async function runCli(kubeconfig: string, args: string[]): Promise<CliRun> {
  const out: CliRun = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    kubeconfigEnv: kubeconfig,
    home: tmpdir(),
    now: () => new Date(),
    interrupted: () => new AbortController().signal,
  };
  const program = new Command('flotilla').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program.addCommand(namespaceCommand(io));
  await program.parseAsync(['namespace', ...args], { from: 'user' });
  return out;
}

export async function getOrUndefined<T extends KubeObject>(client: ObjectClient, ref: { apiVersion?: string; kind: string; namespace?: string; name: string }): Promise<T | undefined> {
  try {
    return await client.get<T>({ apiVersion: ref.apiVersion ?? API_VERSION, kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export function managedNamespace(client: ObjectClient, name: string): Promise<ManagedNamespace | undefined> {
  return getOrUndefined<ManagedNamespace>(client, { kind: 'ManagedNamespace', namespace: WORKSPACE, name });
}

export async function createCluster(client: ObjectClient, name: string, labels: Record<string, string> = {}): Promise<void> {
  await client.create({ apiVersion: API_VERSION, kind: 'Cluster', metadata: { name, namespace: WORKSPACE, labels }, spec: {} });
}

export function deploymentOf(client: ObjectClient, cluster: string, bundle: string): Promise<BundleDeployment | undefined> {
  return getOrUndefined<BundleDeployment>(client, { kind: 'BundleDeployment', namespace: clusterNamespaceName(WORKSPACE, cluster), name: bundle });
}

/** Writes BundleDeployment status as an agent does: applied, or refused with the agent's reason and message. */
export async function reportStatus(client: ObjectClient, bd: BundleDeployment, outcome: { applied: true } | { applied: false; reason: string; message: string }): Promise<void> {
  const installed = outcome.applied ? { type: 'Installed', status: 'True', reason: 'Applied', message: 'applied' } : { type: 'Installed', status: 'False', reason: outcome.reason, message: outcome.message };
  const status = { ...(outcome.applied ? { appliedDeploymentID: bd.spec.deploymentID } : {}), ready: outcome.applied, conditions: [installed] };
  await client.apply({ apiVersion: API_VERSION, kind: 'BundleDeployment', metadata: { name: bd.metadata.name, namespace: bd.metadata.namespace }, status }, { fieldManager: 'flotilla-agent', force: true, subresource: 'status' });
}

export function member(mns: ManagedNamespace | undefined, cluster: string) {
  return mns?.status?.members?.find((m) => m.clusterName === cluster);
}

export function condition(mns: ManagedNamespace | undefined, type: string) {
  return mns?.status?.conditions?.find((c) => c.type === type);
}
