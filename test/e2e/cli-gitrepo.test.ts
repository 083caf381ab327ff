/**
 * `flotilla gitrepo add|list|show|delete` against a real embedded hub, in every output
 * format: what a user sees, and the errors that name the object or flag at fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startCliHub, tableCells, type CliHub } from './cli-harness.js';

let hub: CliHub;

beforeAll(async () => {
  hub = await startCliHub();
  const web = await hub.flotilla(['gitrepo', 'add', 'web', '--repo', 'https://git.example.com/web.git', '--branch', 'main', '--paths', 'apps', 'namespaces', '--polling-interval', '1m', '--target-cluster-selector', 'env=prod']);
  expect(web).toMatchObject({ code: 0, stdout: 'gitrepo.flotilla.io/web created\n' });
  const ops = await hub.flotilla(['gitrepo', 'add', 'ops', '--repo', 'https://git.example.com/ops.git', '-n', 'fleet-local']);
  expect(ops.code).toBe(0);
});

afterAll(() => hub?.stop());

describe('flotilla gitrepo', () => {
  it('add wrote the spec its flags describe', async () => {
    const { stdout } = await hub.flotilla(['gitrepo', 'show', 'web', '-o', 'json']);
    const repo = JSON.parse(stdout);
    expect(repo.spec).toEqual({ repo: 'https://git.example.com/web.git', branch: 'main', paths: ['apps', 'namespaces'], pollingInterval: '1m', targets: [{ clusterSelector: { matchLabels: { env: 'prod' } } }] });
    expect(repo.metadata.managedFields).toBeUndefined();
  });

  const listCases = [
    { name: 'the table has kubectl’s upper-case headers and the workspace’s repos only', args: [], headers: ['NAME', 'REPO', 'COMMIT', 'BUNDLEDEPLOYMENTS-READY', 'STATE', 'AGE'], names: ['web'] },
    { name: '-o wide adds the Status column', args: ['-o', 'wide'], headers: ['NAME', 'REPO', 'COMMIT', 'BUNDLEDEPLOYMENTS-READY', 'STATE', 'STATUS', 'AGE'], names: ['web'] },
    { name: '-A adds a NAMESPACE column and lists every workspace', args: ['-A'], headers: ['NAMESPACE', 'NAME', 'REPO', 'COMMIT', 'BUNDLEDEPLOYMENTS-READY', 'STATE', 'AGE'], names: ['fleet-default', 'fleet-local'] },
  ];

  it.each(listCases)('$name', async ({ args, headers, names }) => {
    const { stdout, code } = await hub.flotilla(['gitrepo', 'list', ...args]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]?.split(/\s+/)).toEqual(headers);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(names);
  });

  it('columns are aligned: every cell starts where its header starts', async () => {
    const { stdout } = await hub.flotilla(['gitrepo', 'list', '-A']);
    const [header, ...rows] = stdout.trimEnd().split('\n') as [string, ...string[]];
    const repoAt = header.indexOf('REPO');
    for (const row of rows) expect(row.slice(repoAt)).toMatch(/^https:\/\//);
    expect(tableCells(stdout)[1]?.at(-1)).toMatch(/^\d+s$/);
  });

  const formatCases = [
    { name: '-o name prints kind.group/name', args: ['-o', 'name'], check: (out: string) => expect(out).toBe('gitrepo.flotilla.io/web\n') },
    { name: '-o json prints a v1 List of the objects', args: ['-o', 'json'], check: (out: string) => expect(JSON.parse(out)).toMatchObject({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'GitRepo', metadata: { name: 'web' } }] }) },
    { name: '-o yaml prints the same List as YAML', args: ['-o', 'yaml'], check: (out: string) => expect(parse(out)).toMatchObject({ kind: 'List', items: [{ spec: { repo: 'https://git.example.com/web.git' } }] }) },
  ];

  it.each(formatCases)('$name', async ({ args, check }) => {
    const { stdout, code } = await hub.flotilla(['gitrepo', 'list', ...args]);
    expect(code).toBe(0);
    check(stdout);
  });

  it('show prints the fields, the conditions and the bundles of the repo', async () => {
    const { stdout } = await hub.flotilla(['gitrepo', 'show', 'web']);
    expect(stdout).toMatch(/^Name:\s+web$/m);
    expect(stdout).toMatch(/^Namespace:\s+fleet-default$/m);
    expect(stdout).toMatch(/^Repo:\s+https:\/\/git.example.com\/web.git$/m);
    expect(stdout).toContain('Conditions:\n  <none>\nBundles:\n  <none>\n');
  });

  it('show -o yaml prints the object alone', async () => {
    const { stdout } = await hub.flotilla(['gitrepo', 'show', 'ops', '-n', 'fleet-local', '-o', 'yaml']);
    expect(parse(stdout)).toMatchObject({ kind: 'GitRepo', metadata: { name: 'ops', namespace: 'fleet-local' } });
  });

  const errorCases = [
    { name: 'showing a GitRepo that does not exist names it and its workspace', args: ['gitrepo', 'show', 'nope'], message: 'GitRepo "nope" not found in namespace fleet-default' },
    { name: 'adding a GitRepo twice says it exists', args: ['gitrepo', 'add', 'web', '--repo', 'https://h/r.git'], message: 'GitRepo "web" already exists in namespace fleet-default' },
    { name: 'an invalid selector names the flag and the selector', args: ['gitrepo', 'add', 'x', '--repo', 'https://h/r.git', '--target-cluster-selector', 'env in prod'], message: '--target-cluster-selector env in prod' },
    { name: 'an unknown output format lists the known ones', args: ['gitrepo', 'list', '-o', 'xml'], message: '-o xml: unknown output format; use one of table, wide, json, yaml, name' },
    { name: 'a missing --repo is a usage error', args: ['gitrepo', 'add', 'x'], message: "required option '--repo <url>' not specified" },
  ];

  it.each(errorCases)('$name', async ({ args, message }) => {
    const run = await hub.flotilla(args);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(message);
  });

  it('an empty workspace says so on stderr, as kubectl does', async () => {
    const { stdout, stderr } = await hub.flotilla(['gitrepo', 'list', '-n', 'flotilla-system']);
    expect(stdout).toBe('');
    expect(stderr).toBe('No resources found in flotilla-system namespace.\n');
  });

  it('delete removes the GitRepo, and deleting it again names it', async () => {
    await hub.flotilla(['gitrepo', 'add', 'temp', '--repo', 'https://h/r.git']);
    expect(await hub.flotilla(['gitrepo', 'delete', 'temp'])).toMatchObject({ code: 0, stdout: 'gitrepo.flotilla.io/temp deleted\n' });
    expect((await hub.flotilla(['gitrepo', 'delete', 'temp'])).stderr).toContain('GitRepo "temp" not found in namespace fleet-default');
  });
});
