/**
 * A GitRepo over a git server that demands basic auth, with credentials from the Secret its
 * `clientSecretName` names: a missing Secret is shown as not accepted, wrong credentials
 * stall the GitRepo with the server's refusal, and the right ones yield its Bundles, all
 * without deleting anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlesOf, condition, createGitRepo, getGitRepo, startHarness, WORKSPACE, type ControllerHarness } from './gitrepo-support.js';

const AUTH = { username: 'flotilla', password: 's3cret' };

function basicAuthSecret(name: string, username: string, password: string) {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/basic-auth', metadata: { name, namespace: WORKSPACE }, data: { username: b64(username), password: b64(password) } };
}

describe('GitRepo controller with a git server that demands basic auth', () => {
  let h: ControllerHarness;

  beforeAll(async () => {
    h = await startHarness({ fixture: 'multi-path', auth: AUTH });
    await createGitRepo(h.client, 'private', { repo: h.repoUrl, branch: 'main', paths: ['frontend'], clientSecretName: 'git-creds' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('a missing credentials Secret leaves the GitRepo not accepted, naming the Secret', async () => {
    await expect.poll(async () => condition(await getGitRepo(h.client, 'private'), 'Accepted').reason, { timeout: 10_000 }).toBe('SecretNotFound');
    const repo = await getGitRepo(h.client, 'private');
    expect(condition(repo, 'Accepted').message).toBe(`clientSecretName: Secret ${WORKSPACE}/git-creds not found`);
    expect(condition(repo, 'Stalled').status).toBe('True');
  });

  it('wrong credentials stall the GitRepo with AuthenticationFailed and create nothing', async () => {
    await h.client.create(basicAuthSecret('git-creds', AUTH.username, 'wrong'));
    await expect.poll(async () => condition(await getGitRepo(h.client, 'private'), 'GitPolling').reason, { timeout: 15_000 }).toBe('AuthenticationFailed');
    expect(condition(await getGitRepo(h.client, 'private'), 'Stalled')).toMatchObject({ status: 'True', reason: 'AuthenticationFailed' });
    expect((await bundlesOf(h.client, 'private')).size).toBe(0);
  });

  it('the right credentials yield the Bundles, and the password never reaches the status', async () => {
    await h.client.update(basicAuthSecret('git-creds', AUTH.username, AUTH.password));
    await expect.poll(async () => [...(await bundlesOf(h.client, 'private')).keys()], { timeout: 15_000 }).toEqual(['private-frontend']);
    await expect.poll(async () => condition(await getGitRepo(h.client, 'private'), 'Ready').status, { timeout: 10_000 }).toBe('True');
    const repo = await getGitRepo(h.client, 'private');
    expect(JSON.stringify(repo.status)).not.toContain(AUTH.password);
    expect(h.git.requests.some((r) => r.sentCredentials && r.authorized)).toBe(true);
  });
});
