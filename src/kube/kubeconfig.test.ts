import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KubeConfigError, loadKubeConfig, type KubeConfigSources } from './kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'flotilla-kubeconfig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function kubeconfig(name: string, server: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, name);
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server } }],
    users: [{ name: `${name}-user`, user: { token: 't' } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-user` } }],
    'current-context': name,
    ...extra,
  };
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const flagFile = kubeconfig('from-flag', 'https://flag.example:6443');
const envFile = kubeconfig('from-env', 'https://env.example:6443');
const defaultFile = kubeconfig('from-default', 'https://default.example:6443/clusters/a');
const missing = join(dir, 'missing');
const garbage = join(dir, 'garbage');
writeFileSync(garbage, 'clusters: [ this is : not yaml');
const noContext = kubeconfig('no-context', 'https://x.example', { 'current-context': '' });
const noServer = join(dir, 'no-server');
writeFileSync(noServer, JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: {} }], users: [{ name: 'u', user: {} }], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }], 'current-context': 'x' }));

describe('loadKubeConfig chooses its file', () => {
  const cases: Array<{ name: string; sources: KubeConfigSources; source: string; server: string }> = [
    { name: '--kubeconfig wins over KUBECONFIG and the default', sources: { flag: flagFile, env: envFile, defaultPath: defaultFile }, source: 'flag', server: 'https://flag.example:6443' },
    { name: 'KUBECONFIG is used without the flag', sources: { env: envFile, defaultPath: defaultFile }, source: 'env', server: 'https://env.example:6443' },
    { name: 'missing entries of a KUBECONFIG list are skipped', sources: { env: [missing, envFile].join(delimiter) }, source: 'env', server: 'https://env.example:6443' },
    { name: 'the default path is used when nothing else is given', sources: { defaultPath: defaultFile }, source: 'default', server: 'https://default.example:6443/clusters/a' },
    { name: 'an empty KUBECONFIG falls through to the default', sources: { env: '', defaultPath: defaultFile }, source: 'default', server: 'https://default.example:6443/clusters/a' },
    { name: 'a context can be chosen from merged KUBECONFIG files', sources: { env: [envFile, flagFile].join(delimiter), context: 'from-flag' }, source: 'env', server: 'https://flag.example:6443' },
  ];
  it.each(cases)('$name', ({ sources, source, server }) => {
    const loaded = loadKubeConfig(sources);
    expect(loaded.source).toBe(source);
    expect(loaded.kubeConfig.getCurrentCluster()?.server).toBe(server);
  });
});

describe('loadKubeConfig explains what is wrong', () => {
  const cases: Array<{ name: string; sources: KubeConfigSources; reason: string; message: RegExp }> = [
    { name: 'a missing --kubeconfig file is named', sources: { flag: missing }, reason: 'NotFound', message: /missing does not exist/ },
    { name: 'a KUBECONFIG with no existing file is named', sources: { env: missing }, reason: 'NotFound', message: /KUBECONFIG=.*missing/ },
    { name: 'no source at all asks for --kubeconfig', sources: {}, reason: 'NoKubeconfig', message: /--kubeconfig/ },
    { name: 'a file that is not YAML is invalid and named', sources: { flag: garbage }, reason: 'Invalid', message: /garbage is not a valid kubeconfig/ },
    { name: 'a file without current-context says so', sources: { flag: noContext }, reason: 'Invalid', message: /no current-context/ },
    { name: 'a cluster without server URL says so', sources: { flag: noServer }, reason: 'Invalid', message: /no-server is not a valid kubeconfig: .*server is missing/ },
    { name: 'an unknown context is named', sources: { flag: flagFile, context: 'nope' }, reason: 'Invalid', message: /no context "nope"/ },
  ];
  it.each(cases)('$name', ({ sources, reason, message }) => {
    let caught: unknown;
    try {
      loadKubeConfig(sources);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(KubeConfigError);
    expect((caught as KubeConfigError).reason).toBe(reason);
    expect((caught as KubeConfigError).message).toMatch(message);
  });
});
