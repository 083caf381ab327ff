/**
 * Secrets deployed through an agent stay out of logs and status (issue 12; the controller side
 * is credentials-and-secrets.test.ts): a Secret manifest applied to a member, then edited by
 * hand there (drift, reported with the fields that changed), and a Secret the member refuses
 * to the bundle's service account. With the agents and controllers logging at debug level,
 * no value of either appears in a log line, nor in any BundleDeployment, Bundle, GitRepo or
 * Cluster status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION } from '../../../src/api/group.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { startTenancyWorld, TEAM_A, type TenancyWorld } from '../../faults/support/tenancy-harness.js';
import { setUpTenants } from '../../faults/support/tenancy-members.js';
import { conditionOf, deploymentOn, getOrUndefined } from '../../faults/support/tenancy-objects.js';

// Generous: the machine may be busy; a protection that fails shows as a wrong value, not a slow one.
const WAIT = { timeout: 60_000, interval: 200 };
const DATA_SECRET = 'agent-data-secret-3d9f17';
const STRING_SECRET = 'agent-string-secret-a7c2e4';
const TAMPERED = 'tampered-by-hand-51b0';
const REFUSED_SECRET = 'refused-secret-value-0e6d';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (name: string, namespace: string, data: Record<string, string>, stringData: Record<string, string> = {}) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: ${v}\n`).join('')}` +
  (Object.keys(stringData).length > 0 ? `stringData:\n${Object.entries(stringData).map(([k, v]) => `  ${k}: ${v}\n`).join('')}` : '');

// A test may wait on several steps of the pipeline, each up to WAIT, on a busy machine.
describe('a Secret deployed through an agent', { timeout: 180_000 }, () => {
  let w: TenancyWorld;
  const a1 = () => w.members.a1!;
  const secretOnMember = (name: string, namespace = 'team-a-apps') => getOrUndefined(a1().client, { apiVersion: 'v1', kind: 'Secret', namespace, name });

  beforeAll(async () => {
    w = await startTenancyWorld({
      files: {
        'app/secret.yaml': secret('app-secret', 'team-a-apps', { token: b64(DATA_SECRET) }, { apiKey: STRING_SECRET }),
        'refused/secret.yaml': secret('stolen', 'team-b-apps', { password: b64(REFUSED_SECRET) }),
      },
      members: [{ name: 'a1', workspace: TEAM_A, labels: {} }],
    });
    await setUpTenants(a1().client);
    await w.admin.create({ apiVersion: API_VERSION, kind: 'GitRepoRestriction', metadata: { name: 'tenant', namespace: TEAM_A }, defaultServiceAccount: 'team-a-deployer' });
    await w.createGitRepo(TEAM_A, 'secrets', { branch: 'main', paths: ['app', 'refused'], targets: [{ name: 'all', clusterSelector: {} }] });
  }, 120_000);

  afterAll(async () => {
    await w?.stop();
  }, 120_000);

  it('is applied to the member with its values (what the later cases search for is really there)', async () => {
    await expect.poll(async () => (await secretOnMember('app-secret'))?.data, WAIT).toEqual({ token: b64(DATA_SECRET), apiKey: b64(STRING_SECRET) });
  });

  it('edited by hand on the member, it is reported modified with the field that changed', async () => {
    const live = (await secretOnMember('app-secret')) as KubeObject;
    await a1().client.update({ ...live, data: { ...(live.data as Record<string, string>), token: b64(TAMPERED) } });
    await expect.poll(async () => (await deploymentOn(w.admin, a1(), 'secrets-app'))?.status?.modifiedStatus ?? [], WAIT).toEqual([
      expect.objectContaining({ kind: 'Secret', name: 'app-secret', fields: ['data.token'] }),
    ]);
    expect(conditionOf(await deploymentOn(w.admin, a1(), 'secrets-app'), 'Monitored')).toMatchObject({ reason: 'Modified', message: expect.stringContaining('Secret team-a-apps/app-secret: data.token changed') });
  });

  it('a Secret aimed at the other tenant’s namespace is refused by the member, naming it', async () => {
    await expect.poll(async () => conditionOf(await deploymentOn(w.admin, a1(), 'secrets-refused'), 'Installed').message ?? '', WAIT).toContain('secrets "stolen" is forbidden');
    expect(await secretOnMember('stolen', 'team-b-apps')).toBeUndefined();
  });

  it.each([
    { name: "the Secret's data", value: b64(DATA_SECRET) },
    { name: "the Secret's data, decoded", value: DATA_SECRET },
    { name: "the Secret's stringData", value: STRING_SECRET },
    { name: "the Secret's stringData, as the member stores it", value: b64(STRING_SECRET) },
    { name: 'the value edited in by hand', value: b64(TAMPERED) },
    { name: "the refused Secret's data", value: b64(REFUSED_SECRET) },
    { name: "the refused Secret's data, decoded", value: REFUSED_SECRET },
  ])('$name appears in no agent or controller log line and no BundleDeployment, Bundle, GitRepo or Cluster status', async ({ value }) => {
    // Wait for the Bundle summary to carry the drift, so the statuses searched are the final ones.
    await expect.poll(async () => JSON.stringify((await getOrUndefined(w.admin, { apiVersion: API_VERSION, kind: 'Bundle', namespace: TEAM_A, name: 'secrets-app' }))?.status), WAIT).toContain('app-secret');
    expect(w.agentLogs.text()).toMatch(/"level":20/); // debug records were really written
    expect(w.agentLogs.lines.length).toBeGreaterThan(5);
    expect(w.agentLogs.text()).not.toContain(value);
    expect(w.controllerLogs.text()).not.toContain(value);
    const statuses: unknown[] = [];
    for (const kind of ['BundleDeployment', 'Bundle', 'GitRepo', 'Cluster']) {
      const { items } = await w.admin.listAll<KubeObject>({ apiVersion: API_VERSION, kind });
      statuses.push(...items.map((i) => i.status));
    }
    expect(statuses.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(statuses)).not.toContain(value);
  });
});
