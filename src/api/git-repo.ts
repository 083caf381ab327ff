/**
 * GitRepo: a git repository, branch or revision, and paths whose bundles Flotilla deploys
 * (Fleet's GitRepo, same field names), with the status the controller reports: the commit
 * deployed, bundle deployment counts, conditions and per-bundle render errors.
 */
import type { BundleSummary } from './bundle-summary.js';
import { bundleSummarySchema } from './bundle-summary.js';
import { type CorrectDrift, correctDriftSchema } from './bundle-options.js';
import { type GitTarget, gitTargetProperties } from './cluster-matcher.js';
import { conditions, duration, labelName, labelNameSchema, nameSet, objectName } from './common-schemas.js';
import { defineCrd } from './crd.js';
import type { FlotillaObject } from './flotilla-object.js';
import type { Condition } from './meta.js';
import { type ResourceCounts, resourceCountsSchema } from './resource-counts.js';
import { boolean, count, integer, keyedList, list, object, string, timestamp } from './schema-builders.js';

/** Polling interval when `pollingInterval` is not set (Fleet's default). */
export const DEFAULT_POLLING_INTERVAL = '15s';

/** An explicit bundle directory and options file ("driven scan"). */
export interface GitRepoBundle {
  base?: string;
  options?: string;
}

export interface GitRepoSpec {
  repo: string;
  branch?: string;
  revision?: string;
  paths?: string[];
  bundles?: GitRepoBundle[];
  targets?: GitTarget[];
  targetNamespace?: string;
  serviceAccount?: string;
  clientSecretName?: string;
  helmSecretName?: string;
  helmSecretNameForPaths?: string;
  helmRepoURLRegex?: string;
  caBundle?: string;
  insecureSkipTLSVerify?: boolean;
  pollingInterval?: string;
  disablePolling?: boolean;
  webhookSecret?: string;
  paused?: boolean;
  forceSyncGeneration?: number;
  keepResources?: boolean;
  deleteNamespace?: boolean;
  correctDrift?: CorrectDrift;
}

export interface GitRepoDisplay {
  /** `<ready>/<desired>` BundleDeployments. */
  readyBundleDeployments?: string;
  /** The worst state of its bundles, or GitUpdating; empty when ready. */
  state?: string;
  message?: string;
  error?: boolean;
}

/** A bundle of this repo that failed to render; its last good Bundle stays in place. */
export interface GitRepoBundleError {
  path: string;
  bundleName?: string;
  file?: string;
  message?: string;
}

export interface GitRepoStatus {
  observedGeneration?: number;
  commit?: string;
  pollingCommit?: string;
  webhookCommit?: string;
  lastPollingTriggered?: string;
  lastWebhookTime?: string;
  readyClusters?: number;
  desiredReadyClusters?: number;
  summary?: BundleSummary;
  display?: GitRepoDisplay;
  conditions?: Condition[];
  resourceCounts?: ResourceCounts;
  bundleErrors?: GitRepoBundleError[];
}

export type GitRepo = FlotillaObject<'GitRepo', { spec: GitRepoSpec; status?: GitRepoStatus }>;

/** https, http, ssh, git and file URLs, and scp-like `user@host:path`. */
export const REPO_URL_PATTERN = '^(((https?|ssh|git|file)://)|([A-Za-z0-9._~-]+@[^:/]+:)).+$';

const gitRepoSpecSchema = object(
  {
    repo: string('The repository URL (https, ssh, git, file, or user@host:path).', { pattern: REPO_URL_PATTERN }),
    branch: string('The branch to follow (default: the remote’s default branch).'),
    revision: string('A fixed commit or tag to deploy instead of following a branch.'),
    paths: nameSet('Directories to scan for bundles; globs allowed (default: the root).'),
    bundles: list(object({ base: string(), options: string() }), 'Explicit bundle directories and options files.'),
    targets: list(object(gitTargetProperties), 'Where to deploy; empty means ClusterGroup default.'),
    targetNamespace: labelName('Force every object into this namespace.'),
    serviceAccount: objectName('The member service account objects are applied as.'),
    clientSecretName: objectName('Secret with git credentials (basic-auth or token).'),
    helmSecretName: objectName('Secret with Helm repository credentials.'),
    helmSecretNameForPaths: objectName('Secret with Helm credentials per path.'),
    helmRepoURLRegex: string('Helm credentials are used only for repository URLs matching this.'),
    caBundle: string('PEM CA certificates for the git server (base64).', { format: 'byte' }),
    insecureSkipTLSVerify: boolean('Do not verify the git server’s certificate.'),
    pollingInterval: duration('How often to poll the repository (default 15s).'),
    disablePolling: boolean('Only webhooks trigger updates.'),
    webhookSecret: objectName('Secret with the webhook secret for this GitRepo.'),
    paused: boolean('Stage changes without deploying them.'),
    forceSyncGeneration: integer('Bump to force a re-fetch and redeploy.'),
    keepResources: boolean('Keep deployed objects when the GitRepo is deleted.'),
    deleteNamespace: boolean('Delete created namespaces when the GitRepo is deleted.'),
    correctDrift: correctDriftSchema,
  },
  'The repository and what to deploy from it.',
  { required: ['repo'] },
);

const gitRepoStatusSchema = object({
  observedGeneration: integer('The generation of the spec this status describes.', { minimum: 0 }),
  commit: string('The commit deployed.'),
  pollingCommit: string('The commit the last poll saw.'),
  webhookCommit: string('The commit the last webhook announced.'),
  lastPollingTriggered: timestamp('When the repository was last polled.'),
  lastWebhookTime: timestamp('When the last webhook arrived.'),
  readyClusters: count('The lowest ready-cluster count over its bundles.'),
  desiredReadyClusters: count('Clusters that should be ready.'),
  summary: bundleSummarySchema,
  display: object({
    readyBundleDeployments: string('<ready>/<desired> BundleDeployments.'),
    state: string('The worst state of its bundles; empty when ready.'),
    message: string(),
    error: boolean(),
  }),
  conditions: conditions('Accepted, GitPolling, Reconciling, Stalled, Ready.'),
  resourceCounts: resourceCountsSchema,
  bundleErrors: keyedList(
    object({
      path: string('The bundle’s path in the repository.'),
      bundleName: string(),
      file: string('The file at fault.'),
      message: string(),
    }),
    ['path'],
    'Bundles that failed to render; their last good Bundle stays.',
  ),
});

export const gitRepoCrd = defineCrd({
  kind: 'GitRepo',
  plural: 'gitrepos',
  shortNames: ['gr'],
  scope: 'Namespaced',
  description: 'A git repository whose bundles Flotilla deploys to clusters of its workspace.',
  name: labelNameSchema,
  properties: { spec: gitRepoSpecSchema, status: gitRepoStatusSchema },
  required: ['spec'],
  printerColumns: [
    { name: 'Repo', type: 'string', jsonPath: '.spec.repo' },
    { name: 'Commit', type: 'string', jsonPath: '.status.commit' },
    { name: 'BundleDeployments-Ready', type: 'string', jsonPath: '.status.display.readyBundleDeployments' },
    { name: 'State', type: 'string', jsonPath: '.status.display.state' },
    { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message', priority: 1 },
  ],
});
