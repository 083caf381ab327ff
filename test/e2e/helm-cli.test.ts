/**
 * `flotilla test` on Helm bundles, as a user runs it (`node bin/flotilla.js test DIR -l k=v
 * --cluster-name NAME --cluster-value k=v`): the chart rendered by the real helm with
 * per-cluster values (`${ .ClusterName }`, `${ .ClusterLabels.x }`, `${ .ClusterValues.x }`,
 * a target customization's `helm.values`), a chart fetched from a Helm repository on
 * loopback at a version range, and a chart that fails to render reported on stderr with a
 * non-zero exit.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ensureCliBuilt } from '../integration/controller/gitrepo-support.js';
import { helmBinary, startHelmRepoServer, type HelmRepoServer } from '../support/helm-repo-server.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/helm-e2e');
const GREETER = join(FIXTURES, 'charts/greeter');

let work: string;
let repo: HelmRepoServer;

async function flotillaTest(args: string[]): Promise<{ objects: any[]; stderr: string }> {
  const { stdout, stderr } = await run('node', [join(ROOT, 'bin/flotilla.js'), 'test', ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  return { objects: parseAllDocuments(stdout).map((d) => d.toJS()), stderr };
}

/** A copy of a cli/ fixture bundle in the work directory, with the greeter chart beside it when asked. */
async function bundleDir(name: string, options: { chart?: boolean } = {}): Promise<string> {
  const dir = join(work, name);
  await cp(join(FIXTURES, 'cli', name), dir, { recursive: true });
  if (options.chart) await cp(GREETER, join(dir, 'greeter'), { recursive: true });
  return dir;
}

function find(objects: any[], kind: string, name: string): any {
  return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}

beforeAll(async () => {
  await ensureCliBuilt();
  work = await mkdtemp(join(tmpdir(), 'flotilla-helm-cli-'));
  repo = await startHelmRepoServer({ helm: await helmBinary(), charts: ['0.1.0', '0.2.0', '0.2.7', '0.3.0'].map((version) => ({ dir: GREETER, version })) });
  await bundleDir('tailored', { chart: true });
  const fromRepo = await bundleDir('from-repo');
  const fleetYaml = join(fromRepo, 'fleet.yaml');
  await writeFile(fleetYaml, (await readFile(fleetYaml, 'utf8')).replace('%HELM_REPO%', repo.url));
  const broken = await bundleDir('broken', { chart: true });
  await writeFile(join(broken, 'greeter/templates/broken.yaml'), '{{ fail "greeter: this template is broken on purpose" }}\n');
}, 180_000);

afterAll(async () => {
  await repo?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const tailored = [
  {
    name: 'a prod cluster gets its name, region and template value substituted and the prod customization’s replicas and image',
    args: ['-l', 'env=prod', '-l', 'region=us', '--cluster-name', 'west', '--cluster-value', 'greeting=howdy'],
    data: { greeting: 'howdy', cluster: 'west', region: 'us', chartVersion: '0.1.0', releaseNamespace: 'helm-cli' },
    replicas: 3,
    image: 'registry.example.com/greeter:2.0',
  },
  {
    name: 'a staging cluster gets its own name, region and template value and the chart’s default replicas and image',
    args: ['-l', 'env=staging', '-l', 'region=eu', '--cluster-name', 'east', '--cluster-value', 'greeting=guten tag'],
    data: { greeting: 'guten tag', cluster: 'east', region: 'eu', chartVersion: '0.1.0', releaseNamespace: 'helm-cli' },
    replicas: 1,
    image: 'registry.example.com/greeter:1.0',
  },
];

describe('flotilla test on Helm bundles', () => {
  it.each(tailored)('$name', async ({ args, data, replicas, image }) => {
    const { objects } = await flotillaTest([join(work, 'tailored'), ...args]);
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual(['ConfigMap/helm-cli/tailored-settings', 'Deployment/helm-cli/tailored']);
    expect(find(objects, 'ConfigMap', 'tailored-settings').data).toEqual(data);
    const deployment = find(objects, 'Deployment', 'tailored');
    expect(deployment.spec.replicas).toBe(replicas);
    expect(deployment.spec.template.spec.containers[0].image).toBe(image);
    expect(deployment.metadata.labels).toMatchObject({ 'app.kubernetes.io/instance': 'tailored', 'helm.sh/chart': 'greeter-0.1.0' });
  });

  it('a repository chart at a range is fetched from the repository and rendered at the newest matching version', async () => {
    repo.clearRequests();
    const { objects } = await flotillaTest([join(work, 'from-repo'), '-l', 'env=prod']);
    expect(find(objects, 'ConfigMap', 'fetched-settings').data).toMatchObject({ chartVersion: '0.2.7', releaseNamespace: 'helm-cli-repo' });
    expect(repo.requests.filter((r) => r.status === 200).map((r) => r.path)).toEqual(expect.arrayContaining(['/index.yaml', '/greeter-0.2.7.tgz']));
  });

  it('a chart that fails to render exits non-zero and says why on stderr', async () => {
    await expect(flotillaTest([join(work, 'broken')])).rejects.toMatchObject({ code: expect.any(Number), stderr: expect.stringContaining('broken on purpose') });
  });
});
