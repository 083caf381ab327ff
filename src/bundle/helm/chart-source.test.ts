import { describe, expect, it } from 'vitest';
import type { HelmOptions } from '../../api/helm-options.js';
import { chartPathInBundle, chartSource, fetchedChartPath, type ChartSource } from './chart-source.js';
import { hookPhase, orderHooks } from './hook-order.js';
import type { KubeObject } from '../../api/meta.js';

describe('chartSource', () => {
  const cases: Array<{ name: string; helm: HelmOptions | undefined; paths: string[]; want: ChartSource | undefined }> = [
    { name: 'a bundle without helm and without Chart.yaml is not a Helm bundle', helm: undefined, paths: ['a.yaml'], want: undefined },
    { name: 'helm options without a chart in a plain bundle are not a Helm bundle', helm: { values: { a: 1 } }, paths: ['a.yaml'], want: undefined },
    { name: 'a Chart.yaml at the root makes the bundle its own chart', helm: undefined, paths: ['Chart.yaml', 'templates/a.yaml'], want: { kind: 'directory', path: '.' } },
    { name: 'a chart path is normalised', helm: { chart: './charts/web/' }, paths: ['charts/web/Chart.yaml'], want: { kind: 'directory', path: 'charts/web' } },
    { name: 'a .tgz in the bundle is an archive', helm: { chart: './web-1.0.0.tgz' }, paths: ['web-1.0.0.tgz'], want: { kind: 'archive', path: 'web-1.0.0.tgz' } },
    { name: 'an http(s) chart is a URL', helm: { chart: 'https://h/web-1.0.0.tgz' }, paths: [], want: { kind: 'url', url: 'https://h/web-1.0.0.tgz' } },
    { name: 'a repo and a chart name are a repository chart', helm: { repo: 'https://h/c', chart: 'web', version: '^1' }, paths: [], want: { kind: 'repository', repo: 'https://h/c', name: 'web', version: '^1' } },
  ];
  it.each(cases)('$name', ({ helm, paths, want }) => {
    expect(chartSource(helm, new Set(paths))).toEqual(want);
  });

  it('fetched charts are stored under .chart/ with a key per repository, chart and version asked for', () => {
    const a = fetchedChartPath({ kind: 'repository', repo: 'https://h/c', name: 'web', version: '^1' });
    const b = fetchedChartPath({ kind: 'repository', repo: 'https://h/c', name: 'web', version: '^2' });
    expect(a).toMatch(/^\.chart\/[0-9a-f]{16}\/chart\.tgz$/);
    expect(a).not.toBe(b);
    expect(chartPathInBundle({ kind: 'repository', repo: 'https://h/c', name: 'web', version: '^1' })).toBe(a);
  });
});

const obj = (name: string, kind = 'ConfigMap', annotations?: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name, ...(annotations ? { annotations } : {}) } });

describe('hookPhase', () => {
  const cases = [
    { name: 'an object without the hook annotation is the chart’s own', object: obj('a'), want: 'none' },
    { name: 'a pre-install hook runs before', object: obj('a', 'Job', { 'helm.sh/hook': 'pre-install,pre-upgrade' }), want: 'pre' },
    { name: 'a post-install hook runs after', object: obj('a', 'Job', { 'helm.sh/hook': 'post-upgrade, post-install' }), want: 'post' },
    { name: 'a test hook is dropped', object: obj('a', 'Pod', { 'helm.sh/hook': 'test' }), want: 'drop' },
    { name: 'a hook only for delete is dropped', object: obj('a', 'Job', { 'helm.sh/hook': 'pre-delete' }), want: 'drop' },
  ];
  it.each(cases)('$name', ({ object, want }) => {
    expect(hookPhase(object)).toBe(want);
  });

  it('orders foundation, pre-install hooks by weight, the chart, then post-install hooks', () => {
    const sorted = [obj('ns', 'Namespace'), obj('cfg'), obj('late', 'Job', { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': '5' }), obj('post', 'Job', { 'helm.sh/hook': 'post-install' }), obj('early', 'Job', { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': '-1' }), obj('t', 'Pod', { 'helm.sh/hook': 'test' })];
    expect(orderHooks(sorted).map((o) => o.metadata.name)).toEqual(['ns', 'early', 'late', 'cfg', 'post']);
  });
});
