/**
 * Webhook push events from GitHub, GitLab, Gitea and Bitbucket: tell which provider sent a
 * request, authenticate it with that provider's secret in constant time, and read which
 * repository and refs changed. Pure: the controller's HTTP handler passes headers and the
 * raw body in, and uses `gitReposForPush` to find the GitRepos to poll at once.
 *
 * Authentication per provider (the secrets are the controller's to load):
 * - GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`
 * - GitLab: `X-Gitlab-Token: <secret>`
 * - Gitea:  `X-Gitea-Signature: <hex HMAC-SHA256 of the body>`
 * - Bitbucket Cloud and Server: `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>`
 * A provider without a configured secret is refused unless `allowUnsigned` is set: a
 * forged event can only trigger a poll, but an open endpoint invites load.
 */
import {
  readBitbucketCloudPush,
  readBitbucketServerPush,
  readGithubPush,
  readGitlabPush,
  type PushPayload,
  type RefChange,
} from './webhook-payloads.js';
import { isValidHmacSha256, tokensEqual } from './webhook-signature.js';
import { normalizeRepoUrl } from './repo-url.js';

export type { RefChange } from './webhook-payloads.js';

export type WebhookProvider = 'github' | 'gitlab' | 'gitea' | 'bitbucket';

export type WebhookSecrets = Partial<Record<WebhookProvider, string>>;

export interface WebhookRequest {
  /** Header names in any case (Node gives them lower-cased). */
  headers: Record<string, string | string[] | undefined>;
  /** The raw body exactly as received: signatures cover these bytes. */
  body: Buffer | string;
}

export interface ParseWebhookOptions {
  secrets: WebhookSecrets;
  /** Accept events from providers that have no secret configured. Default false. */
  allowUnsigned?: boolean;
}

/** A push. `branch` and `commit` are those of the first changed ref (GitHub, GitLab and Gitea send exactly one). */
export interface PushEvent {
  kind: 'push';
  provider: WebhookProvider;
  repoUrls: string[];
  changes: RefChange[];
  branch: string | undefined;
  commit: string | undefined;
}

export type WebhookEvent = PushEvent | { kind: 'ping'; provider: WebhookProvider } | { kind: 'ignored'; provider: WebhookProvider; event: string };

export type WebhookErrorReason = 'UnknownProvider' | 'Unauthorized' | 'BadPayload';

/** A request to refuse; `status` is the HTTP status to answer with. */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';
  readonly status: 400 | 401;
  constructor(
    readonly reason: WebhookErrorReason,
    message: string,
  ) {
    super(message);
    this.status = reason === 'Unauthorized' ? 401 : 400;
  }
}

interface ProviderRule {
  provider: WebhookProvider;
  /** Header naming the event; its presence identifies the provider. */
  eventHeader: string;
  pushEvents: string[];
  pingEvents: string[];
  authenticate: (request: NormalizedRequest, secret: string) => boolean;
  read: (payload: unknown, event: string) => PushPayload;
}

interface NormalizedRequest {
  header: (name: string) => string | undefined;
  body: Buffer;
}

const sha256Prefixed = (header: string) => (request: NormalizedRequest, secret: string) =>
  isValidHmacSha256(request.body, secret, (request.header(header) ?? '').replace(/^sha256=/, ''));

// Order matters: Gitea also sends X-GitHub-Event, so it is recognised first.
const rules: ProviderRule[] = [
  {
    provider: 'gitea',
    eventHeader: 'x-gitea-event',
    pushEvents: ['push'],
    pingEvents: [],
    authenticate: (request, secret) => isValidHmacSha256(request.body, secret, request.header('x-gitea-signature') ?? ''),
    read: readGithubPush,
  },
  {
    provider: 'gitlab',
    eventHeader: 'x-gitlab-event',
    pushEvents: ['Push Hook', 'Tag Push Hook'],
    pingEvents: [],
    authenticate: (request, secret) => tokensEqual(request.header('x-gitlab-token') ?? '', secret),
    read: readGitlabPush,
  },
  {
    provider: 'bitbucket',
    eventHeader: 'x-event-key',
    pushEvents: ['repo:push', 'repo:refs_changed'],
    pingEvents: ['diagnostics:ping'],
    authenticate: sha256Prefixed('x-hub-signature'),
    read: (payload, event) => (event === 'repo:push' ? readBitbucketCloudPush(payload) : readBitbucketServerPush(payload)),
  },
  {
    provider: 'github',
    eventHeader: 'x-github-event',
    pushEvents: ['push'],
    pingEvents: ['ping'],
    authenticate: sha256Prefixed('x-hub-signature-256'),
    read: readGithubPush,
  },
];

export function parseWebhook(request: WebhookRequest, options: ParseWebhookOptions): WebhookEvent {
  const normalized = normalize(request);
  const rule = rules.find((candidate) => normalized.header(candidate.eventHeader) !== undefined);
  if (!rule) throw new WebhookError('UnknownProvider', 'not a GitHub, GitLab, Gitea or Bitbucket webhook (no event header)');
  const secret = options.secrets[rule.provider];
  if (secret === undefined || secret === '') {
    if (!options.allowUnsigned) throw new WebhookError('Unauthorized', `no webhook secret is configured for ${rule.provider}`);
  } else if (!rule.authenticate(normalized, secret)) {
    throw new WebhookError('Unauthorized', `the ${rule.provider} webhook signature or token does not match`);
  }
  const event = normalized.header(rule.eventHeader) ?? '';
  if (rule.pingEvents.includes(event)) return { kind: 'ping', provider: rule.provider };
  if (!rule.pushEvents.includes(event)) return { kind: 'ignored', provider: rule.provider, event };
  const push = rule.read(parseJson(normalized.body), event);
  if (push.repoUrls.length === 0) throw new WebhookError('BadPayload', `the ${rule.provider} push event names no repository`);
  const first = push.changes[0];
  return { kind: 'push', provider: rule.provider, ...push, branch: first?.branch, commit: first?.commit };
}

function normalize(request: WebhookRequest): NormalizedRequest {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name.toLowerCase(), Array.isArray(value) ? (value[0] ?? '') : value);
  }
  return {
    header: (name) => headers.get(name),
    body: typeof request.body === 'string' ? Buffer.from(request.body) : request.body,
  };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new WebhookError('BadPayload', 'the webhook body is not JSON (configure the webhook to send application/json)');
  }
}

/** What the controller knows of a GitRepo, for matching. */
export interface WebhookTarget {
  key: string;
  repo: string;
  branch?: string | undefined;
  revision?: string | undefined;
}

/**
 * Keys of the GitRepos a push concerns: same repository (after normalising URLs), no fixed
 * `revision` (as Fleet, a pinned GitRepo ignores webhooks), and a changed branch equal to
 * the GitRepo's `branch`. A GitRepo without `branch` follows the default branch, which the
 * event does not name, so any branch push polls it: a poll that finds nothing costs little.
 */
export function gitReposForPush(event: PushEvent, targets: WebhookTarget[]): string[] {
  const repos = new Set(event.repoUrls.map(normalizeRepoUrl));
  const branches = new Set(event.changes.flatMap((change) => (change.branch ? [change.branch] : [])));
  return targets
    .filter((target) => !target.revision && repos.has(normalizeRepoUrl(target.repo)))
    .filter((target) => (target.branch ? branches.has(target.branch) : branches.size > 0))
    .map((target) => target.key);
}
