/**
 * A tenant who may write GitRepos but not read Secrets tries to make the controller hand a
 * workspace Secret's password to a git host of their own (issue 12, hostile input). Workspace
 * team-a's GitRepoRestriction allows one Secret and one repository host: a GitRepo naming
 * another Secret, or the allowed Secret with a repository elsewhere, is refused before the
 * Secret is read (Accepted=False, RestrictedByGitRepoRestriction, naming the field) and the
 * host never receives either password, while an unrestricted workspace's GitRepo pointed at
 * the same host shows the host would have received it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitRepoSpec } from '../../../src/api/git-repo.js';
import { API_VERSION } from '../../../src/api/group.js';
import { startCredentialTrap, type CredentialTrap } from '../../faults/support/tenancy-credential-trap.js';
import { startTenancyWorld, TEAM_A, TEAM_B, type TenancyWorld } from '../../faults/support/tenancy-harness.js';
import { conditionOf } from '../../faults/support/tenancy-objects.js';

// Generous: the machine may be busy; a protection that fails shows as a wrong value, not a slow one.
const WAIT = { timeout: 60_000, interval: 200 };
const ALLOWED_PASSWORD = 'allowed-git-password-61c3';
const PLATFORM_PASSWORD = 'platform-git-password-9ae0';
const CONTROL_PASSWORD = 'control-git-password-2b7d';
let w: TenancyWorld;
let trap: CredentialTrap;

const basicAuth = (namespace: string, name: string, password: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  type: 'kubernetes.io/basic-auth',
  metadata: { name, namespace },
  stringData: { username: 'flotilla', password },
});

async function gitRepo(namespace: string, name: string, spec: GitRepoSpec): Promise<void> {
  await w.admin.create({ apiVersion: API_VERSION, kind: 'GitRepo', metadata: { name, namespace }, spec: { branch: 'main', ...spec } });
}

beforeAll(async () => {
  w = await startTenancyWorld({ files: { 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' } });
  trap = await startCredentialTrap();
  await w.admin.create(basicAuth(TEAM_A, 'team-a-git', ALLOWED_PASSWORD));
  await w.admin.create(basicAuth(TEAM_A, 'platform-git', PLATFORM_PASSWORD));
  await w.admin.create(basicAuth(TEAM_B, 'team-b-git', CONTROL_PASSWORD));
  const gitHost = new URL(w.repoUrl).origin.replace(/\./g, '\\.');
  await w.admin.create({
    apiVersion: API_VERSION,
    kind: 'GitRepoRestriction',
    metadata: { name: 'tenant', namespace: TEAM_A },
    allowedClientSecretNames: ['team-a-git'],
    // The trap's steal.git is allowed, so that GitRepo is refused for its Secret alone.
    allowedRepoPatterns: [`^${gitHost}/`, `^${trap.url('steal').replace(/\./g, '\\.')}\\.git$`],
  });
  await gitRepo(TEAM_B, 'control', { repo: trap.url('control.git'), clientSecretName: 'team-b-git' });
  await gitRepo(TEAM_A, 'other-secret', { repo: trap.url('steal.git'), clientSecretName: 'platform-git' });
  await gitRepo(TEAM_A, 'other-host', { repo: trap.url('steal-too.git'), clientSecretName: 'team-a-git' });
}, 120_000);

afterAll(async () => {
  await w?.stop();
  await trap?.stop();
}, 120_000);

// A test may wait on several steps of the pipeline, each up to WAIT, on a busy machine.
describe('a restricted workspace’s git credentials and a host the tenant controls', { timeout: 180_000 }, () => {
  it('an unrestricted workspace’s GitRepo does send its credentials to that host (control)', async () => {
    await expect.poll(() => trap.received, WAIT).toContain(`flotilla:${CONTROL_PASSWORD}`);
  });

  it.each([
    { name: 'a Secret the restriction does not allow', repo: 'other-secret', message: 'clientSecretName: Secret "platform-git" is not one of the allowed team-a-git (GitRepoRestriction tenant)' },
    { name: 'the allowed Secret with a repository on another host', repo: 'other-host', message: `repo: repository "${'REPO'}" matches none of the allowed patterns` },
  ])('a GitRepo naming $name is refused before the Secret is read, naming the field', async ({ repo, message }) => {
    const expected = message.replace('REPO', trap.url('steal-too.git'));
    await expect.poll(async () => conditionOf(await w.getGitRepo(TEAM_A, repo), 'Accepted'), WAIT).toMatchObject({ status: 'False', reason: 'RestrictedByGitRepoRestriction' });
    expect(conditionOf(await w.getGitRepo(TEAM_A, repo), 'Accepted').message).toContain(expected);
  });

  it('the host never receives either password of the restricted workspace, poll after poll', async () => {
    // The control keeps polling the same host: more of its requests mean the refused GitRepos had their turns too.
    const seen = trap.requests();
    await expect.poll(() => trap.requests(), WAIT).toBeGreaterThan(seen + 2);
    expect(trap.received.filter((c) => c.includes(ALLOWED_PASSWORD) || c.includes(PLATFORM_PASSWORD))).toEqual([]);
  });
});
