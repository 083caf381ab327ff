/**
 * Rendering Helm bundles through renderBundle with the real bundled helm and the machine's
 * kubectl (for kustomize over a chart), from the fixture charts in test/fixtures/helm/.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { BundleError } from '../bundle-error.js';
import type { SourceFile } from '../bundle-resources.js';
import { renderBundle, type RenderOptions } from '../render.js';
import { fetchedChartPath } from './chart-source.js';
import { locateHelm, type HelmBinary } from './helm-binary.js';
import { helmTemplate, type HelmRunner } from './helm-template.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/helm/', import.meta.url));

async function walk(root: string, prefix: string, dir = ''): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const entry of await readdir(join(root, dir))) {
    const rel = dir === '' ? entry : `${dir}/${entry}`;
    if ((await stat(join(root, rel))).isDirectory()) out.push(...(await walk(root, prefix, rel)));
    else out.push({ path: `${prefix}${rel}`, content: await readFile(join(root, rel)) });
  }
  return out;
}

const text = (path: string, content: string): SourceFile => ({ path, content: Buffer.from(content) });
const names = (objects: readonly KubeObject[]): string[] => objects.map((o) => `${o.kind}/${o.metadata.name ?? ''}`);
const data = (objects: readonly KubeObject[], name: string): Record<string, string> =>
  ((objects.find((o) => o.metadata.name === name) as { data?: Record<string, string> } | undefined)?.data ?? {});

let helm: HelmBinary;
let runner: HelmRunner;
let webChart: SourceFile[];
let webTgz: Buffer;
const temps: string[] = [];

beforeAll(async () => {
  helm = await locateHelm();
  runner = helmTemplate({ helm });
  webChart = await walk(join(FIXTURES, 'web'), '');
  const out = await mkdtemp(join(tmpdir(), 'flotilla-helm-pkg-'));
  temps.push(out);
  await promisify(execFile)(helm.path, ['package', join(FIXTURES, 'web'), '--destination', out], { env: { HOME: out, HELM_CACHE_HOME: out, HELM_CONFIG_HOME: out, HELM_DATA_HOME: out } });
  webTgz = await readFile(join(out, 'web-0.1.0.tgz'));
}, 120_000);

afterAll(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

function render(files: SourceFile[], options: RenderOptions) {
  return renderBundle({ files }, { helmRunner: runner, ...options });
}

describe('renderBundle with a Helm chart', () => {
  const cases: Array<{ name: string; files: () => SourceFile[]; options: RenderOptions; want: Record<string, string> }> = [
    {
      name: 'a bundle whose root is a chart renders with its own values.yaml',
      files: () => webChart,
      options: { helm: { releaseName: 'shop' }, defaultNamespace: 'apps' },
      want: { message: 'hello', region: 'none', replicas: '1', release: 'shop', namespace: 'apps' },
    },
    {
      name: 'a chart directory named by helm.chart takes values files in order, then inline values',
      files: () => [
        ...webChart.map((f) => ({ ...f, path: `chart/${f.path}` })),
        text('values/base.yaml', 'message: from-base\nregion: eu\n'),
        text('values/prod.yaml', 'region: eu-west\nreplicas: 3\n'),
      ],
      options: { helm: { chart: './chart', releaseName: 'shop', valuesFiles: ['values/base.yaml', 'values/prod.yaml'], values: { replicas: 5 } } },
      want: { message: 'from-base', region: 'eu-west', replicas: '5', release: 'shop', namespace: 'default' },
    },
    {
      name: 'a packaged chart in the bundle renders like its directory',
      files: () => [{ path: 'web-0.1.0.tgz', content: webTgz }],
      options: { helm: { chart: 'web-0.1.0.tgz', releaseName: 'shop', values: { message: 'packed' } }, defaultNamespace: 'apps' },
      want: { message: 'packed', region: 'none', replicas: '1', release: 'shop', namespace: 'apps' },
    },
    {
      name: 'a fetched chart stored in the bundle renders without any network',
      files: () => [{ path: fetchedChartPath({ kind: 'repository', repo: 'http://127.0.0.1:1/charts', name: 'web', version: '^0.1.0' }), content: webTgz }],
      options: { helm: { repo: 'http://127.0.0.1:1/charts', chart: 'web', version: '^0.1.0', releaseName: 'shop' } },
      want: { message: 'hello', region: 'none', replicas: '1', release: 'shop', namespace: 'default' },
    },
    {
      name: 'a release name defaults to the chart name',
      files: () => [{ path: 'web-0.1.0.tgz', content: webTgz }],
      options: { helm: { chart: 'web-0.1.0.tgz' } },
      want: { message: 'hello', region: 'none', replicas: '1', release: 'web', namespace: 'default' },
    },
  ];
  it.each(cases)('$name', async ({ files, options, want }) => {
    const rendered = await render(files(), options);
    const release = want.release ?? '';
    expect(data(rendered.manifests, `${release}-config`)).toEqual(want);
    expect(rendered.manifests.find((o) => o.metadata.name === `${release}-config`)?.metadata.namespace).toBe(want.namespace);
  }, 60_000);

  it('orders CRDs first, pre-install hooks by weight before the chart, post-install hooks last, and drops test and delete hooks', async () => {
    const rendered = await render(webChart, { helm: { releaseName: 'shop' } });
    expect(names(rendered.manifests)).toEqual([
      'CustomResourceDefinition/widgets.example.com',
      'ConfigMap/shop-pre-early',
      'ConfigMap/shop-pre-late',
      'ConfigMap/shop-config',
      'Widget/shop-widget',
      'ConfigMap/shop-post',
    ]);
  }, 60_000);

  it('runs kustomize over the chart output when kustomize.dir is set (helm-kustomize layout)', async () => {
    const patch = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\ndata:\n  message: patched\n';
    const files = [
      ...webChart.map((f) => ({ ...f, path: `chart/${f.path}` })),
      text('kustomize/overlays/prod/kustomization.yaml', 'patches:\n  - path: message.yaml\ncommonLabels:\n  env: prod\n'),
      text('kustomize/overlays/prod/message.yaml', patch),
    ];
    const rendered = await render(files, { helm: { chart: 'chart', releaseName: 'shop' }, kustomizeDir: 'kustomize/overlays/prod' });
    const config = rendered.manifests.find((o) => o.metadata.name === 'shop-config');
    expect(data(rendered.manifests, 'shop-config').message).toBe('patched');
    expect(config?.metadata.labels).toEqual({ tier: 'front', env: 'prod' });
    expect(names(rendered.manifests)).not.toContain('Pod/shop-test');
  }, 60_000);
});

describe('renderBundle with a Helm chart refuses', () => {
  const cases: Array<{ name: string; files: () => SourceFile[]; options: RenderOptions; reason: string; file: string; message: RegExp }> = [
    {
      name: 'a chart that fails to render, with helm’s message naming the chart',
      files: () => [text('broken/Chart.yaml', 'apiVersion: v2\nname: broken\nversion: 0.1.0\n'), text('broken/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  v: {{ required "value is required" .Values.value }}\n')],
      options: { helm: { chart: 'broken' } },
      reason: 'HelmFailed',
      file: 'broken/Chart.yaml',
      message: /helm template of chart broken failed: .*value is required/,
    },
    {
      name: 'a chart directory that is not in the bundle',
      files: () => [text('a.yaml', 'x: 1\n')],
      options: { helm: { chart: './missing' } },
      reason: 'ChartNotFound',
      file: 'fleet.yaml',
      message: /helm.chart: chart missing is not in the bundle/,
    },
    {
      name: 'a repository chart that was not fetched into the Bundle',
      files: () => [text('a.yaml', 'x: 1\n')],
      options: { helm: { repo: 'https://charts.example.com', chart: 'web' } },
      reason: 'ChartNotFound',
      file: 'fleet.yaml',
      message: /helm.repo: chart web from https:\/\/charts.example.com was not fetched/,
    },
    {
      name: 'a values file that is not in the bundle',
      files: () => webChart,
      options: { helm: { valuesFiles: ['nope.yaml'] } },
      reason: 'ChartNotFound',
      file: 'fleet.yaml',
      message: /helm.valuesFiles\[0\]: values file nope.yaml is not in the bundle/,
    },
  ];
  it.each(cases)('$name', async ({ files, options, reason, file, message }) => {
    const error = await render(files(), options).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(BundleError);
    expect(error).toMatchObject({ reason, file });
    expect((error as BundleError).message).toMatch(message);
  }, 60_000);
});
