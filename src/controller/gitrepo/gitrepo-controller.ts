/**
 * The GitRepo controller: informers for GitRepos and for the Bundles made from them, a work
 * queue and reconcile loop (src/kube) running `syncGitRepo`, and a git poller (src/git) per
 * GitRepo that queues it when its commit changes. A GitRepo is queued when it appears or its
 * spec changes (status writes do not bump the generation, so they do not loop), when one of
 * its Bundles is deleted from outside, when the poller sees a new commit, and when a webhook
 * names its repository.
 */
import type { Logger } from 'pino';
import type { Bundle } from '../../api/bundle.js';
import type { GitRepo } from '../../api/git-repo.js';
import { API_VERSION } from '../../api/group.js';
import { LABELS } from '../../api/names.js';
import { helmTemplate, type HelmRunner, type HttpFetcher, type KustomizeRunner } from '../../bundle/index.js';
import { createGitPoller, Duration as GitDuration, resolveRemote, type GitPoller, type WebhookTarget } from '../../git/index.js';
import type { Clock } from '../../kube/clock.js';
import { measuredReconcile, NO_METRICS, type ControllerMetrics } from '../controller-metrics.js';
import { Informer } from '../../kube/informer.js';
import { objectKey } from '../../kube/object-cache.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { Reconciler } from '../../kube/reconciler.js';
import { isProblem } from './git-credentials.js';
import { caBundleOf, readGitCredentials, type CheckoutLimits } from './read-checkout.js';
import { BUNDLES_BY_REPO, syncGitRepo, type GitRepoSyncDeps } from './sync-gitrepo.js';

export interface GitRepoControllerOptions {
  client: ObjectClient;
  clock: Clock;
  logger: Logger;
  /** Directory for the git caches, one subdirectory per GitRepo. */
  cacheDir: string;
  /** GitRepos synced at once; default 4. */
  concurrency?: number;
  /** Polling interval for GitRepos that set none; default 15 s (Fleet's). */
  defaultPollingInterval?: GitDuration;
  limits?: CheckoutLimits;
  kustomizeRunner?: KustomizeRunner;
  /** Renders Helm charts; default one `helm template` runner for the controller (helm located once). */
  helmRunner?: HelmRunner;
  /** Fetches Helm charts; default Node's http(s). */
  chartFetcher?: HttpFetcher;
  /** Where reconciles, queue depth and git polls are reported; default nowhere. */
  metrics?: ControllerMetrics;
}

function repoIndexValue(bundle: Bundle): readonly string[] {
  const repo = bundle.metadata.labels?.[LABELS.repoName];
  return repo === undefined ? [] : [`${bundle.metadata.namespace ?? ''}/${repo}`];
}

export class GitRepoController {
  readonly gitRepos: Informer<GitRepo>;
  readonly bundles: Informer<Bundle>;
  private readonly reconciler: Reconciler;
  private readonly poller: GitPoller;
  private readonly deps: GitRepoSyncDeps;

  constructor(private readonly options: GitRepoControllerOptions) {
    const { client, clock, logger } = options;
    const metrics = options.metrics ?? NO_METRICS;
    this.gitRepos = new Informer<GitRepo>({ client, apiVersion: API_VERSION, kind: 'GitRepo', clock, logger });
    this.bundles = new Informer<Bundle>({ client, apiVersion: API_VERSION, kind: 'Bundle', labelSelector: LABELS.repoName, indexers: { [BUNDLES_BY_REPO]: repoIndexValue }, clock, logger });
    this.deps = {
      client,
      clock,
      gitRepos: this.gitRepos.cache,
      bundles: this.bundles.cache,
      cacheDir: options.cacheDir,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.kustomizeRunner ? { kustomizeRunner: options.kustomizeRunner } : {}),
      helmRunner: options.helmRunner ?? helmTemplate(),
      ...(options.chartFetcher ? { chartFetcher: options.chartFetcher } : {}),
    };
    this.reconciler = new Reconciler({
      name: 'gitrepo',
      concurrency: options.concurrency ?? 4,
      logger,
      clock,
      reconcile: measuredReconcile(metrics, 'gitrepo', async (request, context) => {
        const report = await syncGitRepo(this.deps, { key: request.key, logger: context.logger, signal: context.signal });
        this.track(request.key, report.gitRepo, report.outcome?.commit);
        return report.result;
      }, clock),
    });
    metrics.queueDepth('gitrepo', () => this.reconciler.queue.length);
    this.poller = createGitPoller({
      onCommit: (change) => {
        metrics.gitCommitChanged();
        this.reconciler.enqueue(change.key);
      },
      onError: (failure) => {
        metrics.gitPolled('error');
        logger.warn({ key: failure.key, err: failure.error, retryIn: failure.retryIn.toString() }, 'git poll failed');
        this.reconciler.enqueue(failure.key);
      },
      clock: () => clock.now(),
      ...(options.defaultPollingInterval ? { defaultInterval: options.defaultPollingInterval } : {}),
    });
    this.watchEvents();
  }

  private watchEvents(): void {
    this.gitRepos.on({
      add: (g) => this.reconciler.enqueueObject(g),
      update: (old, g) => {
        if (old.metadata.generation !== g.metadata.generation || g.metadata.deletionTimestamp) this.reconciler.enqueueObject(g);
      },
      delete: (g) => {
        this.poller.remove(objectKey(g));
        this.reconciler.enqueueObject(g);
      },
    });
    this.bundles.on({
      delete: (b) => {
        for (const key of repoIndexValue(b)) this.reconciler.enqueue(key);
      },
    });
  }

  /** Keeps the GitRepo's poll loop in step with its spec and the commit now deployed. */
  private track(key: string, gitRepo: GitRepo | undefined, commit: string | undefined): void {
    if (gitRepo === undefined) {
      this.poller.remove(key);
      return;
    }
    const { spec } = gitRepo;
    this.poller.set(key, {
      pollingInterval: spec.pollingInterval ? GitDuration.parse(spec.pollingInterval) : undefined,
      paused: Boolean(spec.paused) || Boolean(spec.disablePolling),
      forceSyncGeneration: spec.forceSyncGeneration,
      knownCommit: commit ?? gitRepo.status?.commit,
      resolve: async (signal) => {
        const auth = await readGitCredentials(this.options.client, gitRepo, signal);
        if (auth !== undefined && isProblem(auth)) throw new Error(auth.message);
        const timeout = this.options.limits?.timeout;
        const resolved = await resolveRemote({ url: spec.repo, branch: spec.branch, revision: spec.revision, auth, caBundle: caBundleOf(gitRepo), signal, ...(timeout ? { timeout } : {}) });
        this.options.metrics?.gitPolled('success');
        return resolved;
      },
    });
  }

  /** What the webhook endpoint matches a push against. */
  webhookTargets(): WebhookTarget[] {
    return this.gitRepos.cache.list().map((g) => ({ key: objectKey(g), repo: g.spec.repo, branch: g.spec.branch, revision: g.spec.revision }));
  }

  /** Syncs these GitRepos now (a webhook said their repository changed). */
  trigger(keys: readonly string[]): void {
    for (const key of keys) this.reconciler.enqueue(key);
  }

  async start(signal?: AbortSignal): Promise<void> {
    this.gitRepos.start(signal);
    this.bundles.start(signal);
    await Promise.all([this.gitRepos.waitForSync(signal), this.bundles.waitForSync(signal)]);
    this.reconciler.start(signal);
    this.poller.start();
  }

  async stop(): Promise<void> {
    await this.poller.stop();
    await this.reconciler.stop();
    await Promise.all([this.gitRepos.stop(), this.bundles.stop()]);
  }
}
