/**
 * `flotilla cluster` and `flotilla clustergroup` against a real embedded hub: listing the
 * bootstrapped `local` Cluster, labelling (k=v sets, k- removes), groups chosen by
 * selectors and the clusters they match, and errors naming the object or argument.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startCliHub, type CliHub } from './cli-harness.js';

let hub: CliHub;

beforeAll(async () => {
  hub = await startCliHub();
  for (const name of ['east', 'west']) {
    await hub.client.create({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Cluster', metadata: { name, namespace: 'fleet-default', labels: { region: name } }, spec: {} });
  }
});

afterAll(() => hub?.stop());

describe('flotilla cluster', () => {
  it('list shows the workspace’s clusters with the Cluster columns', async () => {
    const { stdout } = await hub.flotilla(['cluster', 'list']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]?.split(/\s+/)).toEqual(['NAME', 'BUNDLES-READY', 'LAST-SEEN', 'STATE', 'AGE']);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['east', 'west']);
  });

  it('list -A includes the bootstrapped local cluster of fleet-local', async () => {
    const { stdout } = await hub.flotilla(['cluster', 'list', '-A', '-o', 'name']);
    expect(stdout).toBe('cluster.flotilla.io/east\ncluster.flotilla.io/west\ncluster.flotilla.io/local\n');
  });

  const labelCases = [
    { name: 'k=v sets a label', args: ['env=prod'], want: { region: 'east', env: 'prod' } },
    { name: 'k- removes a label and k=v changes another at once', args: ['region-', 'env=staging'], want: { env: 'staging' } },
  ];

  it.each(labelCases)('label: $name', async ({ args, want }) => {
    expect(await hub.flotilla(['cluster', 'label', 'east', ...args])).toMatchObject({ code: 0, stdout: 'cluster.flotilla.io/east labeled\n' });
    const { stdout } = await hub.flotilla(['cluster', 'show', 'east', '-o', 'json']);
    expect(JSON.parse(stdout).metadata.labels).toEqual(want);
  });

  it('show prints its labels, that no agent reported, and that it has no namespace yet', async () => {
    const { stdout } = await hub.flotilla(['cluster', 'show', 'west']);
    expect(stdout).toMatch(/^Labels:\s+region=west$/m);
    expect(stdout).toContain('Agent:\n  no agent has reported yet\n');
  });

  const errorCases = [
    { name: 'labelling a cluster that does not exist names it', args: ['cluster', 'label', 'north', 'a=b'], message: 'Cluster "north" not found in namespace fleet-default' },
    { name: 'a label without = or - is refused naming the argument', args: ['cluster', 'label', 'east', 'env'], message: 'env: expected key=value to set a label or key- to remove one' },
    { name: 'an invalid label value is refused naming it', args: ['cluster', 'label', 'east', 'env=not ok'], message: 'invalid label value "not ok"' },
  ];

  it.each(errorCases)('$name', async ({ args, message }) => {
    const run = await hub.flotilla(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });

  it('delete removes a cluster', async () => {
    await hub.client.create({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Cluster', metadata: { name: 'temp', namespace: 'fleet-default' }, spec: {} });
    expect((await hub.flotilla(['cluster', 'delete', 'temp'])).stdout).toBe('cluster.flotilla.io/temp deleted\n');
    expect((await hub.flotilla(['cluster', 'list', '-o', 'name'])).stdout).not.toContain('temp');
  });
});

describe('flotilla clustergroup', () => {
  it('create writes the selector its flags give, and show lists the clusters it matches', async () => {
    expect(await hub.flotilla(['clustergroup', 'create', 'west-coast', '--selector', 'region=west'])).toMatchObject({ code: 0, stdout: 'clustergroup.flotilla.io/west-coast created\n' });
    const group = parse((await hub.flotilla(['clustergroup', 'show', 'west-coast', '-o', 'yaml'])).stdout);
    expect(group.spec).toEqual({ selector: { matchLabels: { region: 'west' } } });
    const { stdout } = await hub.flotilla(['clustergroup', 'show', 'west-coast']);
    expect(stdout).toMatch(/Clusters:\n {2}NAME\s+BUNDLES-READY\s+STATE\n {2}west\n/);
  });

  it('list shows groups in the ClusterGroup columns, -A with their workspace', async () => {
    const { stdout } = await hub.flotilla(['clustergroup', 'list', '-A']);
    const lines = stdout.trimEnd().split('\n').map((l) => l.split(/\s+/));
    expect(lines[0]).toEqual(['NAMESPACE', 'NAME', 'CLUSTERS-READY', 'BUNDLES-READY', 'STATE', 'AGE']);
    expect(lines.slice(1).map((l) => `${l[0]}/${l[1]}`)).toEqual(['fleet-default/west-coast', 'fleet-local/default']);
  });

  const errorCases = [
    { name: 'a group without a selector is refused rather than matching every cluster', args: ['clustergroup', 'create', 'all'], message: '--selector: give at least one' },
    { name: 'an invalid selector names the flag', args: ['clustergroup', 'create', 'bad', '--selector', 'region in west'], message: '--selector region in west' },
    { name: 'a group that does not exist is named', args: ['clustergroup', 'show', 'nope'], message: 'ClusterGroup "nope" not found in namespace fleet-default' },
  ];

  it.each(errorCases)('$name', async ({ args, message }) => {
    const run = await hub.flotilla(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });

  it('delete removes a group', async () => {
    await hub.flotilla(['clustergroup', 'create', 'temp', '--selector', '']);
    expect((await hub.flotilla(['clustergroup', 'delete', 'temp'])).stdout).toBe('clustergroup.flotilla.io/temp deleted\n');
  });
});
