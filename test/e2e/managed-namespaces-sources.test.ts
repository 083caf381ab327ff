/**
 * Managed namespaces end to end, by source and by what a member already holds: the adoption
 * matrix (absent, identical, different, managed by another definition, under each adoption
 * policy) as the CLI user sees it in `show` and as the member's objects are afterwards; and
 * the same namespace defined in git through fleet.yaml and then through the CLI yields the
 * same objects on the member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION } from '../../src/api/group.js';
import type { ManagedNamespace } from '../../src/api/managed-namespace.js';
import type { KubeObject } from '../../src/api/meta.js';
import { commitFiles } from '../support/git-repo.js';
import { getOrUndefined, managedObjectsOn, namespaceOn, startFleet, WORKSPACE, type Fleet } from './managed-namespaces-harness.js';

const WAIT = { timeout: 30_000, interval: 200 };
let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet();
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
});

async function memberState(name: string): Promise<{ state?: string; message?: string; differences?: string[] } | undefined> {
  const mns = (await getOrUndefined(fleet.hub, { apiVersion: API_VERSION, kind: 'ManagedNamespace', namespace: WORKSPACE, name })) as ManagedNamespace | undefined;
  return mns?.status?.members?.find((m) => m.clusterName === 'east');
}

type Existing = 'absent' | 'identical' | 'different' | 'another owner';

const EXISTING: Record<Existing, Record<string, string> | undefined> = {
  absent: undefined,
  identical: { team: 'x', extra: 'kept' },
  different: { team: 'y', extra: 'kept' },
  'another owner': { team: 'x', 'flotilla.io/managed-namespace': 'fleet-local.someone-else' },
};

interface Row {
  name: string;
  policy: 'never' | 'ifIdentical' | 'always';
  existing: Existing;
  outcome: 'placed' | 'adopted' | 'refused';
  message?: string;
}

const rows: Row[] = [
  { name: 'Never on an absent namespace creates it', policy: 'never', existing: 'absent', outcome: 'placed' },
  { name: 'Never on an identical unmanaged namespace refuses it', policy: 'never', existing: 'identical', outcome: 'refused', message: 'adoptionPolicy Never refuses to adopt it' },
  { name: 'Never on a different unmanaged namespace refuses it', policy: 'never', existing: 'different', outcome: 'refused', message: 'adoptionPolicy Never refuses to adopt it' },
  { name: 'Never on a namespace of another definition refuses it, naming the owner', policy: 'never', existing: 'another owner', outcome: 'refused', message: 'fleet-local.someone-else' },
  { name: 'IfIdentical on an absent namespace creates it', policy: 'ifIdentical', existing: 'absent', outcome: 'placed' },
  { name: 'IfIdentical on an identical namespace adopts it, keeping extra labels', policy: 'ifIdentical', existing: 'identical', outcome: 'adopted' },
  { name: 'IfIdentical on a different namespace refuses it, listing the differences', policy: 'ifIdentical', existing: 'different', outcome: 'refused', message: 'IfIdentical refuses to adopt it' },
  { name: 'IfIdentical on a namespace of another definition refuses it', policy: 'ifIdentical', existing: 'another owner', outcome: 'refused', message: 'fleet-local.someone-else' },
  { name: 'Always on an absent namespace creates it', policy: 'always', existing: 'absent', outcome: 'placed' },
  { name: 'Always on an identical namespace adopts it', policy: 'always', existing: 'identical', outcome: 'adopted' },
  { name: 'Always on a different namespace takes it over, overwriting the desired keys only', policy: 'always', existing: 'different', outcome: 'adopted' },
  { name: 'Always on a namespace of another definition refuses it', policy: 'always', existing: 'another owner', outcome: 'refused', message: 'fleet-local.someone-else' },
];

async function expectRefused(row: Row & { ns: string }, labels: Record<string, string> | undefined): Promise<void> {
  const state = await memberState(row.ns);
  expect(state?.message).toContain(row.message ?? '');
  if (row.existing === 'different' && row.policy === 'ifIdentical') expect(state?.differences?.join(' ')).toContain('labels.team');
  // Nothing changed on the member: its own labels, and no ownership label but the one it had.
  const live = await namespaceOn(fleet.member.east, row.ns);
  expect(live?.metadata.labels).toMatchObject(labels ?? {});
  expect(live?.metadata.labels?.['flotilla.io/managed-namespace']).toBe(labels?.['flotilla.io/managed-namespace']);
}

async function expectTaken(row: Row & { ns: string }, labels: Record<string, string> | undefined): Promise<void> {
  const live = await namespaceOn(fleet.member.east, row.ns);
  expect(live?.metadata.labels).toMatchObject({ team: 'x', 'flotilla.io/managed-namespace': `${WORKSPACE}.${row.ns}` });
  expect(live?.metadata.labels?.extra).toBe(labels?.extra);
  expect(live?.metadata.annotations?.['flotilla.io/adopted']).toBe(row.outcome === 'adopted' ? 'true' : undefined);
}

describe('the adoption matrix, seen from the hub and on the member', () => {
  it.each(rows.map((r, i) => ({ ...r, ns: `adopt-${i}` })))('$name', async (row) => {
    const labels = EXISTING[row.existing];
    if (labels) await fleet.member.east.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: row.ns, labels, annotations: { owner: 'x' } } });
    await fleet.cli('create', row.ns, '--labels', 'team=x', '--annotations', 'owner=x', '--adoption-policy', row.policy, '--member-cluster-names', 'east');
    const expected = row.outcome === 'refused' ? 'Failed' : row.outcome === 'adopted' ? 'Adopted' : 'Placed';
    await expect.poll(async () => (await memberState(row.ns))?.state, WAIT).toBe(expected);
    await (row.outcome === 'refused' ? expectRefused(row, labels) : expectTaken(row, labels));
  });
});

/** What the member holds, without the bookkeeping that names the Bundle or deployment it came from. */
async function comparable(name: string): Promise<unknown> {
  const bookkeeping = new Set(['flotilla.io/bundle-name', 'flotilla.io/bundle-namespace', 'flotilla.io/deployment-id', 'flotilla.io/bundle-deployment', 'flotilla.io/agent-version']);
  const strip = (map: unknown) => (map ? Object.fromEntries(Object.entries(map as Record<string, string>).filter(([k]) => !bookkeeping.has(k))) : map);
  return (await managedObjectsOn(fleet.member.east, name)).map((o) => ({ ...o, labels: strip(o.labels), annotations: strip(o.annotations) })).sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));
}

describe('the same namespace from fleet.yaml and from the CLI', () => {
  const FLEET_YAML = `managedNamespaces:
  - name: team-s
    labels: {team: s}
    annotations: {owner: s@example.com}
    resourceQuota: {cpuRequests: 250m, cpuLimits: "1", memoryRequests: 128Mi, memoryLimits: 1Gi}
    networkPolicy: {ingress: allowSameNamespace, egress: denyAll}
    deletePolicy: delete
    roleAssignments:
      - role: writer
        users: [wendy]
        groups: [devs]
`;
  let fromGit: unknown;

  it('fleet.yaml places the namespace on the member', async () => {
    await commitFiles(fleet.repoPath, { files: { 'namespaces/fleet.yaml': FLEET_YAML } });
    await fleet.hub.create({ apiVersion: API_VERSION, kind: 'GitRepo', metadata: { name: 'teams', namespace: WORKSPACE }, spec: { repo: fleet.repoUrl, branch: 'main', paths: ['namespaces'], targets: [{ clusterSelector: { matchLabels: { region: 'east' } } }] } });
    await expect.poll(async () => (await memberState('team-s'))?.state, WAIT).toBe('Placed');
    fromGit = await comparable('team-s');
    expect((fromGit as Array<{ kind: string }>).map((o) => o.kind)).toEqual(['Namespace', 'NetworkPolicy', 'ResourceQuota', 'RoleBinding']);
  });

  it('removing the item from git deletes it from the member (deletePolicy Delete)', async () => {
    await commitFiles(fleet.repoPath, { files: { 'namespaces/fleet.yaml': 'managedNamespaces: []\n' } });
    await expect.poll(() => namespaceOn(fleet.member.east, 'team-s'), WAIT).toBeUndefined();
  });

  it('the CLI definition yields the same objects on the member', async () => {
    await fleet.cli('create', 'team-s', '--labels', 'team=s', '--annotations', 'owner=s@example.com', '--cpu-requests', '250m', '--cpu-limits', '1', '--memory-requests', '128Mi', '--memory-limits', '1Gi', '--ingress-policy', 'allowSameNamespace', '--egress-policy', 'denyAll', '--delete-policy', 'delete', '--member-cluster-names', 'east');
    await fleet.cli('role-assignment', 'create', 'team-s', '--role', 'writer', '--user', 'wendy');
    await fleet.cli('role-assignment', 'create', 'team-s', '--role', 'writer', '--group', 'devs');
    await fleet.cli('wait', 'team-s', '--for', 'placed', '--timeout', '30s');
    await expect.poll(() => comparable('team-s'), WAIT).toEqual(fromGit);
    const ns = (await namespaceOn(fleet.member.east, 'team-s')) as KubeObject;
    expect(ns.metadata.labels?.['flotilla.io/bundle-name']).toBe('mns-team-s');
  });
});
