/**
 * Helm failures end to end, as DESIGN.md's "bad input never deletes or loses anything
 * already applied" asks: a chart repository that goes unreachable, and a chart that stops
 * rendering (a new commit adds a template calling `fail`). Either way the members keep the
 * last good objects untouched (same resourceVersion, same data), the error shows on the
 * GitRepo and on the Bundle, and once healed the new version deploys.
 */
import { describe, expect, it } from 'vitest';
import { helmBinary, startHelmRepoServer, type HelmRepoServer } from '../../support/helm-repo-server.js';
import {
  GREETER,
  MEMBER_NAMES,
  STEP_TIMEOUT,
  WAIT,
  bundleOf,
  configMapOn,
  conditionsMentioning,
  deploymentOf,
  deploymentOn,
  fixtureTree,
  gitRepoOf,
  type HelmFleet,
  type MemberName,
  useHelmFleet,
} from './deploy-harness.js';

let fleet: HelmFleet;
let repo: HelmRepoServer;

/** fleet.yaml of a case with its greeting set, as one file to commit. */
async function fleetYaml(path: string, greeting: string): Promise<Record<string, string>> {
  const tree = await fixtureTree(`repos/${path}`, path, { HELM_REPO: repo.url, GREETING: JSON.stringify(greeting) });
  return { [`${path}/fleet.yaml`]: tree[`${path}/fleet.yaml`] as string };
}

useHelmFleet(
  async (started) => {
    fleet = started;
    const helm = await helmBinary();
    repo = await startHelmRepoServer({ helm, charts: [{ dir: GREETER, version: '0.1.0' }] });
    await fleet.commit({
      ...(await fleetYaml('unreachable-repo', 'first')),
      ...(await fleetYaml('render-failure', 'first')),
      ...(await fixtureTree('charts/greeter', 'render-failure/greeter')),
    });
    await fleet.addGitRepo('flaky', { paths: ['unreachable-repo'] });
    await fleet.addGitRepo('fragile', { paths: ['render-failure'] });
  },
  async () => {
    await repo?.stop();
  },
);

/** What must not change on a member while the source is broken. */
interface Snapshot {
  configMap: { resourceVersion: string | undefined; data: unknown };
  deployment: { resourceVersion: string | undefined; generation: number | undefined };
  deploymentID: string | undefined;
}

async function snapshot(member: MemberName, namespace: string, release: string, bundle: string): Promise<Snapshot> {
  const cm = await configMapOn(fleet, member, namespace, `${release}-settings`);
  const d = await deploymentOn(fleet, member, namespace, release);
  const bd = await deploymentOf(fleet, member, bundle);
  return {
    configMap: { resourceVersion: cm?.metadata.resourceVersion, data: cm?.data },
    deployment: { resourceVersion: d?.metadata.resourceVersion, generation: d?.metadata.generation },
    deploymentID: bd?.status?.appliedDeploymentID,
  };
}

async function deployedEverywhere(namespace: string, release: string, data: Record<string, string>): Promise<void> {
  for (const member of MEMBER_NAMES) {
    await expect.poll(async () => (await configMapOn(fleet, member, namespace, `${release}-settings`))?.data, WAIT).toMatchObject(data);
  }
}

async function snapshots(namespace: string, release: string, bundle: string): Promise<Record<MemberName, Snapshot>> {
  const out = {} as Record<MemberName, Snapshot>;
  for (const member of MEMBER_NAMES) {
    // The agent reports the applied deploymentID just after applying; wait for it.
    await expect.poll(async () => (await deploymentOf(fleet, member, bundle))?.status?.appliedDeploymentID, WAIT).toBe((await deploymentOf(fleet, member, bundle))?.spec.deploymentID);
    out[member] = await snapshot(member, namespace, release, bundle);
  }
  return out;
}

function errorOn(kind: 'GitRepo' | 'Bundle', name: string, text: RegExp): Promise<void> {
  const read = kind === 'GitRepo' ? () => gitRepoOf(fleet, name) : () => bundleOf(fleet, name);
  return expect.poll(async () => conditionsMentioning(await read(), text), WAIT).not.toEqual([]);
}

async function untouched(before: Record<MemberName, Snapshot>, namespace: string, release: string, bundle: string): Promise<void> {
  for (const member of MEMBER_NAMES) expect(await snapshot(member, namespace, release, bundle)).toEqual(before[member]);
}

// Each scenario is one story told in steps that share its state, so a failing step names
// exactly what went wrong (the steps run in order, as vitest runs a file's tests).
describe('a chart repository that goes unreachable', { timeout: STEP_TIMEOUT }, () => {
  const bundle = 'flaky-unreachable-repo';
  let before: Record<MemberName, Snapshot>;
  let refused: RegExp;

  it('first deploys the chart at 0.1.0 on every member', async () => {
    await deployedEverywhere('helm-unreachable', 'flaky', { greeting: 'first', chartVersion: '0.1.0' });
    before = await snapshots('helm-unreachable', 'flaky', bundle);
  });

  it('shows the connection error on the GitRepo once a new commit needs the repository while it is down', async () => {
    await repo.goDown();
    await fleet.commit(await fleetYaml('unreachable-repo', 'second'), 'a new greeting while the chart repository is down');
    refused = new RegExp(`connection refused|ECONNREFUSED|${repo.url.replace(/[.:/]/g, '\\$&')}`, 'i');
    await errorOn('GitRepo', 'flaky', refused);
  });

  it('shows the connection error on the Bundle', async () => {
    await errorOn('Bundle', bundle, refused);
  });

  it('leaves the last good objects on the members untouched', async () => {
    await untouched(before, 'helm-unreachable', 'flaky', bundle);
  });

  it('deploys the new commit at the newest version in range once the repository is back, and clears the error', async () => {
    await repo.addChart({ dir: GREETER, version: '0.2.0' });
    await repo.comeBack();
    await deployedEverywhere('helm-unreachable', 'flaky', { greeting: 'second', chartVersion: '0.2.0' });
    await expect.poll(async () => conditionsMentioning(await gitRepoOf(fleet, 'flaky'), refused), WAIT).toEqual([]);
    await expect.poll(async () => conditionsMentioning(await bundleOf(fleet, bundle), refused), WAIT).toEqual([]);
  });
});

describe('a chart that fails to render', { timeout: STEP_TIMEOUT }, () => {
  const bundle = 'fragile-render-failure';
  const broken = 'render-failure/greeter/templates/broken.yaml';
  const failure = /broken on purpose/;
  let before: Record<MemberName, Snapshot>;

  it('first deploys the chart on every member', async () => {
    await deployedEverywhere('helm-render-failure', 'fragile', { greeting: 'first' });
    before = await snapshots('helm-render-failure', 'fragile', bundle);
  });

  it('shows helm’s error on the GitRepo after a commit adds a template that calls fail', async () => {
    await fleet.commit({ ...(await fleetYaml('render-failure', 'second')), [broken]: '{{ fail "greeter: this template is broken on purpose" }}\n' }, 'a template that cannot render');
    await errorOn('GitRepo', 'fragile', failure);
  });

  it('shows helm’s error on the Bundle', async () => {
    await errorOn('Bundle', bundle, failure);
  });

  it('leaves the last good objects on the members untouched', async () => {
    await untouched(before, 'helm-render-failure', 'fragile', bundle);
  });

  it('deploys the mended chart and clears the error', async () => {
    await fleet.commit({ ...(await fleetYaml('render-failure', 'third')), [broken]: null }, 'mend the chart');
    await deployedEverywhere('helm-render-failure', 'fragile', { greeting: 'third', chartVersion: '0.1.0' });
    await expect.poll(async () => conditionsMentioning(await gitRepoOf(fleet, 'fragile'), failure), WAIT).toEqual([]);
    await expect.poll(async () => conditionsMentioning(await bundleOf(fleet, bundle), failure), WAIT).toEqual([]);
  });
});
