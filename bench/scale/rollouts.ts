/**
 * The three rollouts a scale run times, each from the change a user makes to every affected
 * BundleDeployment reported Ready by its agent, with the CPU every process spent meanwhile:
 * - push: B bundles pushed with `git push`, then the GitRepo created (as a user adds one);
 * - change: a one-line edit of one bundle pushed, then the push webhook sent to the
 *   controller, as a git host sends it;
 * - relabel: a fraction of the Clusters relabelled on the hub (`track=canary`), which moves
 *   them into every bundle's canary target customization (an overlay).
 */
import { performance } from 'node:perf_hooks';
import type { BundleDeployment } from '../../src/api/bundle-deployment.js';
import type { Cluster } from '../../src/api/cluster.js';
import { API_VERSION } from '../../src/api/group.js';
import { bundleName, WORKSPACE_DEFAULT } from '../../src/api/names.js';
import type { Progress } from '../support/progress.js';
import { summarize } from '../measure/summary.js';
import type { DeploymentWatch } from './deployment-watch.js';
import { between, type HubMetrics } from './hub-metrics.js';
import { cpuBetween, readGroup } from './process-group.js';
import { RolloutWave, type WaveOptions } from './rollout-wave.js';
import type { Rollout } from './scale-result.js';
import { unlessDied, type ScaleSession } from './scale-session.js';
import { SCALE_LABEL, TRACK_LABEL, bundleFolder } from './scale-repo.js';

export const GITREPO_NAME = 'scale';

export interface RolloutEnv {
  session: ScaleSession;
  watch: DeploymentWatch;
  progress: Progress;
  hubMetrics: HubMetrics;
  timeoutMs: number;
}

/** Watches the wave, runs `change`, then waits for the wave; its clock starts when `change` says the change was made. */
async function timeRollout(env: RolloutEnv, label: string, wave: Omit<WaveOptions, 'startedAt'>, change: (started: (at: number) => void) => Promise<void>): Promise<Rollout> {
  const before = await readGroup(env.session.processes());
  const requestsBefore = await env.hubMetrics.read();
  const rollout = new RolloutWave({ ...wave, startedAt: performance.now() });
  env.watch.track(rollout, performance.now());
  try {
    await change((at) => rollout.startAt(at));
  } catch (err) {
    env.watch.untrack(rollout);
    throw err;
  }
  const tick = env.progress.counter(`${label}: BundleDeployments Ready`, wave.expected);
  const timer = setInterval(() => tick(rollout.readyCount), 1000);
  try {
    await unlessDied(env.session, rollout.whenDone(env.timeoutMs));
    tick(rollout.readyCount);
  } finally {
    clearInterval(timer);
    env.watch.untrack(rollout);
  }
  const after = await readGroup(env.session.processes());
  const requests = between(requestsBefore, await env.hubMetrics.read());
  return { readyMs: summarize(rollout.latenciesMs()), cpuSeconds: cpuBetween(before, after), hubRequests: requests.requests, hubRequestsByResource: requests.byResource };
}

export function pushRollout(env: RolloutEnv, options: { bundles: number; clusters: number }): Promise<Rollout> {
  return timeRollout(env, 'push', { expected: options.bundles * options.clusters }, async (started) => {
    await env.session.repo.pushBundles(options.bundles);
    started(performance.now());
    await env.session.hubClient.create({
      apiVersion: API_VERSION,
      kind: 'GitRepo',
      metadata: { name: GITREPO_NAME, namespace: WORKSPACE_DEFAULT },
      spec: { repo: env.session.repo.url, branch: 'main', targets: [{ name: 'scale', clusterSelector: { matchLabels: { [SCALE_LABEL]: 'yes' } } }] },
    });
  });
}

/** Sends the push event; a 503 (the controller could not reach the hub to verify it) is sent again, as a sender redelivers, up to 5 times. */
async function sendPushWebhook(webhookUrl: string, repoUrl: string, commit: string): Promise<void> {
  const body = JSON.stringify({ ref: 'refs/heads/main', after: commit, repository: { clone_url: repoUrl, html_url: repoUrl } });
  for (let attempt = 1; ; attempt++) {
    const answer = await fetch(webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push' }, body });
    if (answer.ok) return;
    const text = await answer.text();
    if (answer.status !== 503 || attempt >= 5) throw new Error(`the controller's webhook answered ${answer.status} (attempt ${attempt}): ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export function changeRollout(env: RolloutEnv, options: { clusters: number }): Promise<Rollout> {
  const name = bundleName(GITREPO_NAME, `bundles/${bundleFolder(0)}`);
  const before = env.watch.deploymentIds();
  return timeRollout(env, 'one-line change', { expected: options.clusters, before, includes: (bd: BundleDeployment) => bd.metadata.name === name }, async (started) => {
    const commit = await env.session.repo.pushOneLineChange(0, 1);
    started(performance.now());
    await sendPushWebhook(env.session.controller.webhookUrl, env.session.repo.url, commit);
  });
}

/** Patches `items` with at most `concurrency` requests in flight. */
async function eachLimited<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export async function relabelRollout(env: RolloutEnv, options: { clusters: readonly Cluster[]; fraction: number; bundles: number }): Promise<Rollout & { movedClusters: number }> {
  const moved = options.clusters.slice(0, Math.max(1, Math.round(options.clusters.length * options.fraction)));
  const namespaces = new Set(moved.map((c) => c.status?.namespace ?? ''));
  const before = env.watch.deploymentIds();
  const rollout = await timeRollout(env, 'relabel', { expected: moved.length * options.bundles, before, includes: (bd: BundleDeployment) => namespaces.has(bd.metadata.namespace ?? '') }, async (started) => {
    started(performance.now());
    await eachLimited(moved, 16, async (cluster) => {
      const ref = { apiVersion: API_VERSION, kind: 'Cluster', namespace: WORKSPACE_DEFAULT, name: cluster.metadata.name ?? '' };
      await env.session.hubClient.patch(ref, { metadata: { labels: { [TRACK_LABEL]: 'canary' } } }, { type: 'merge' });
    });
  });
  return { ...rollout, movedClusters: moved.length };
}
