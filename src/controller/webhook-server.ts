/**
 * The controller's HTTP endpoint for git push webhooks (GitHub, GitLab, Gitea, Bitbucket):
 * `POST /` (any path) with the provider's headers. A push syncs every GitRepo whose repository
 * and branch it names at once, instead of waiting for the next poll.
 *
 * Secrets come from the Secret `flotilla-webhook` in `flotilla-system` (keys `github`,
 * `gitlab`, `gitea`, `bitbucket`), read per request so a rotation needs no restart. Without
 * that Secret, unsigned events are accepted: a webhook only makes the controller poll the
 * repositories it already follows, and the payload's commit is never trusted, so a forged
 * event costs one poll and deploys nothing the repository does not hold.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { SYSTEM_NAMESPACE } from '../api/names.js';
import { gitReposForPush, parseWebhook, WebhookError, type WebhookSecrets, type WebhookTarget } from '../git/index.js';
import { isNotFound } from '../kube/api-error.js';
import type { ObjectClient } from '../kube/object-client.js';
import type { SecretObject } from './gitrepo/git-credentials.js';
import { listenHttp } from './http-listener.js';

export const WEBHOOK_SECRET_NAME = 'flotilla-webhook';
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const PROVIDERS = ['github', 'gitlab', 'gitea', 'bitbucket'] as const;

export interface WebhookServerOptions {
  client: ObjectClient;
  logger: Logger;
  /** `host:port`; port 0 picks a free one. */
  address: string;
  targets: () => WebhookTarget[];
  trigger: (keys: readonly string[]) => void;
}

export interface WebhookServer {
  /** `http://host:port` */
  readonly url: string;
  stop(): Promise<void>;
}

/** `host:port` split; a bare port listens on 127.0.0.1. */
export { parseListenAddress } from './http-listener.js';

async function readSecrets(client: ObjectClient): Promise<{ secrets: WebhookSecrets; configured: boolean }> {
  try {
    const secret = await client.get<SecretObject>({ apiVersion: 'v1', kind: 'Secret', namespace: SYSTEM_NAMESPACE, name: WEBHOOK_SECRET_NAME });
    const secrets: WebhookSecrets = {};
    for (const p of PROVIDERS) {
      const value = secret.data?.[p];
      if (value !== undefined) secrets[p] = Buffer.from(value, 'base64').toString('utf8');
    }
    return { secrets, configured: true };
  } catch (err) {
    if (isNotFound(err)) return { secrets: {}, configured: false };
    throw err;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new WebhookError('BadPayload', `the body is larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The hub could not be asked for the webhook Secret: the event cannot be verified now, and the sender should send it again. */
class HubUnavailable extends Error {}

async function handle(options: WebhookServerOptions, req: IncomingMessage): Promise<{ status: number; body: unknown }> {
  if (req.method !== 'POST') return { status: 405, body: { message: 'POST a push event here' } };
  const body = await readBody(req);
  const { secrets, configured } = await readSecrets(options.client).catch((err: unknown) => {
    throw new HubUnavailable(`could not read Secret ${SYSTEM_NAMESPACE}/${WEBHOOK_SECRET_NAME} from the hub to verify the event (${(err as Error).message}); send it again`);
  });
  const event = parseWebhook({ headers: req.headers, body }, { secrets, allowUnsigned: !configured });
  if (event.kind !== 'push') return { status: 200, body: { event: event.kind } };
  const keys = gitReposForPush(event, options.targets());
  options.trigger(keys);
  options.logger.info({ provider: event.provider, repos: event.repoUrls, gitRepos: keys }, 'webhook push');
  return { status: 202, body: { gitRepos: keys } };
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  return listenHttp(options.address, (req, res) => {
    handle(options, req)
      .catch((err: unknown) => {
        if (err instanceof WebhookError) return { status: err.status, body: { reason: err.reason, message: err.message } };
        if (err instanceof HubUnavailable) {
          options.logger.warn({ err }, 'webhook not verified: the hub is unavailable');
          return { status: 503, body: { reason: 'HubUnavailable', message: err.message } };
        }
        options.logger.error({ err }, 'webhook failed');
        return { status: 500, body: { message: 'internal error' } };
      })
      .then(({ status, body }) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body)))
      .catch(() => res.destroy());
  });
}
