/**
 * Credentials revoked on the git server, and secrets that must never leave the Bundles and
 * Contents they belong in: with the controller logging at debug level, the git password (old
 * and new), a Secret manifest's `data` and `stringData`, and the value in a Secret manifest
 * too broken to parse appear in no log line and no GitRepo or Bundle status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/api/meta.js';
import { LABELS } from '../../../src/api/names.js';
import { decodeContent } from '../../../src/bundle/index.js';
import { commitFiles } from '../../support/git-repo.js';
import { cm } from '../../faults/support/fault-case.js';
import { startFaultHarness, WORKSPACE, type FaultHarness } from '../../faults/support/fault-harness.js';
import { bundlesOf, condition, renderedState } from '../../faults/support/rendered-state.js';

const OLD_PASSWORD = 'old-git-password-7f3a91';
const NEW_PASSWORD = 'new-git-password-c0ffee';
const DATA_SECRET = 'data-secret-value-5e1d';
const STRING_SECRET = 'string-secret-value-9b2c';
const BROKEN_SECRET = 'broken-secret-value-44aa';
const b64 = (s: string) => Buffer.from(s).toString('base64');

const secretManifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  token: ${b64(DATA_SECRET)}\nstringData:\n  apiKey: ${STRING_SECRET}\n`;
// An unterminated quote: the parser's error must not quote the line back.
const brokenSecret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: broken\nstringData:\n  password: "${BROKEN_SECRET}\n  other: [\n`;

function gitCredentials(password: string) {
  return { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/basic-auth', metadata: { name: 'git-creds', namespace: WORKSPACE }, data: { username: b64('flotilla'), password: b64(password) } };
}

const POLL = { timeout: 20_000, interval: 200 };

describe('credentials revoked, and secrets kept out of logs and status', () => {
  let h: FaultHarness;
  // The server reads this object on every request, so changing it changes the password.
  const serverAuth = { username: 'flotilla', password: OLD_PASSWORD };

  beforeAll(async () => {
    h = await startFaultHarness({
      auth: serverAuth,
      files: { 'app/cm.yaml': cm('app'), 'app/secret.yaml': secretManifest, 'web/cm.yaml': cm('web'), 'broken/secret.yaml': brokenSecret },
    });
    await h.client.create(gitCredentials(OLD_PASSWORD));
    await h.createGitRepo('private', { branch: 'main', paths: ['app', 'web'], clientSecretName: 'git-creds' });
    await h.createGitRepo('broken', { branch: 'main', paths: ['broken'], clientSecretName: 'git-creds' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('a Secret manifest is rendered into its Content (what the later cases search for is really there)', async () => {
    await expect.poll(async () => condition(await h.getGitRepo('private'), 'Ready').status, POLL).toBe('True');
    const app = (await bundlesOf(h.client, 'private')).find((b) => b.metadata.name === 'private-app');
    const contentName = app?.metadata.labels?.[LABELS.contentName] ?? '';
    const content = await h.client.get<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Content', name: contentName });
    const secret = decodeContent(String(content.content)).find((m) => m.kind === 'Secret');
    expect(JSON.stringify(secret)).toContain(b64(DATA_SECRET));
  });

  it('a password changed on the server stalls the GitRepo with AuthenticationFailed and keeps every Bundle and Content', async () => {
    const before = await renderedState(h.client, 'private');
    serverAuth.password = NEW_PASSWORD;
    await commitFiles(h.repoPath, { files: { 'app/cm.yaml': cm('app', 'v2') } });
    await expect.poll(async () => condition(await h.getGitRepo('private'), 'GitPolling').reason, POLL).toBe('AuthenticationFailed');
    expect(condition(await h.getGitRepo('private'), 'Stalled')).toMatchObject({ status: 'True', reason: 'AuthenticationFailed' });
    expect(await renderedState(h.client, 'private')).toEqual(before);
  });

  it('the new password in the Secret deploys the pushed commit', async () => {
    await h.client.update(gitCredentials(NEW_PASSWORD));
    expect(await h.pushWebhook()).toBe(202);
    await expect.poll(async () => condition(await h.getGitRepo('private'), 'Ready').status, POLL).toBe('True');
    expect(JSON.stringify((await renderedState(h.client, 'private'))['private-app']?.spec)).toContain('v2');
  });

  it('a Secret manifest too broken to parse is reported naming its file, without its value', async () => {
    await expect.poll(async () => condition(await h.getGitRepo('broken'), 'Stalled').message ?? '', POLL).toContain('broken/secret.yaml');
  });

  it.each([
    { name: 'the old git password', value: OLD_PASSWORD },
    { name: 'the new git password', value: NEW_PASSWORD },
    { name: "a Secret manifest's data", value: b64(DATA_SECRET) },
    { name: "a Secret manifest's data, decoded", value: DATA_SECRET },
    { name: "a Secret manifest's stringData", value: STRING_SECRET },
    { name: 'the value in a Secret manifest that does not parse', value: BROKEN_SECRET },
  ])('$name appears in no log line and no GitRepo or Bundle status', async ({ value }) => {
    expect(h.logs.lines.length).toBeGreaterThan(20);
    expect(h.logs.text()).toMatch(/"level":20/); // debug records were really written
    expect(h.logs.text()).not.toContain(value);
    for (const repo of ['private', 'broken']) {
      expect(JSON.stringify((await h.getGitRepo(repo)).status)).not.toContain(value);
      for (const bundle of await bundlesOf(h.client, repo)) expect(JSON.stringify(bundle.status ?? {})).not.toContain(value);
    }
  });
});
