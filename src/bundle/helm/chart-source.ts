/**
 * Where a bundle's chart comes from, decided from fleet.yaml's `helm` options alone: a
 * directory or a `.tgz` in the bundle, a `.tgz` at an http(s) URL, or a chart name in an
 * http(s) repository. Charts from the network are fetched on the hub when the Bundle is
 * built and stored in its resources under `.chart/<key>/chart.tgz`, with the key a hash of
 * what fleet.yaml asked for, so the renderer finds them again without any network and a
 * target customization asking for another version finds its own copy. A bundle without
 * `helm.chart` whose root holds a Chart.yaml is that chart, as in Fleet.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { HelmOptions } from '../../api/helm-options.js';
import { isHttpUrl } from './check-helm-options.js';

/** The folder of a bundle's resources that holds fetched charts; hidden, so no git file can be there. */
export const FETCHED_CHARTS_DIR = '.chart';

export type ChartSource =
  /** A chart directory (holding Chart.yaml) in the bundle; `.` for the bundle root. */
  | { kind: 'directory'; path: string }
  /** A packaged chart in the bundle. */
  | { kind: 'archive'; path: string }
  /** A packaged chart at an http(s) URL. */
  | { kind: 'url'; url: string }
  /** A chart name in an http(s) chart repository, with an optional version or semver range. */
  | { kind: 'repository'; repo: string; name: string; version?: string };

export type RemoteChartSource = Extract<ChartSource, { kind: 'url' | 'repository' }>;

function normalize(path: string): string {
  const cleaned = posix.normalize(path).replace(/\/+$/, '');
  return cleaned === '' ? '.' : cleaned;
}

/**
 * The chart the options (and the bundle's file names) point at, or undefined when the bundle
 * is not a Helm bundle: no `helm.chart` and no Chart.yaml at its root.
 */
export function chartSource(helm: HelmOptions | undefined, paths: ReadonlySet<string>): ChartSource | undefined {
  const chart = helm?.chart;
  if (helm?.repo && chart) return { kind: 'repository', repo: helm.repo, name: chart, ...(helm.version ? { version: helm.version } : {}) };
  if (chart && isHttpUrl(chart)) return { kind: 'url', url: chart };
  if (chart) {
    const path = normalize(chart);
    return path.endsWith('.tgz') && paths.has(path) ? { kind: 'archive', path } : { kind: 'directory', path };
  }
  return paths.has('Chart.yaml') ? { kind: 'directory', path: '.' } : undefined;
}

/** True for a chart that must be fetched on the hub before the Bundle is written. */
export function isRemote(source: ChartSource | undefined): source is RemoteChartSource {
  return source?.kind === 'url' || source?.kind === 'repository';
}

/** The bundle-relative path a fetched chart is stored at. */
export function fetchedChartPath(source: RemoteChartSource): string {
  const identity = source.kind === 'url' ? ['url', source.url] : ['repository', source.repo, source.name, source.version ?? ''];
  const key = createHash('sha256').update(identity.join('\u0000'), 'utf8').digest('hex').slice(0, 16);
  return `${FETCHED_CHARTS_DIR}/${key}/chart.tgz`;
}

/** The path of the chart inside the bundle's files: the directory, the archive, or where the fetched copy is stored. */
export function chartPathInBundle(source: ChartSource): string {
  return isRemote(source) ? fetchedChartPath(source) : source.path;
}

/** The fleet.yaml field to name when this chart cannot be found or fetched. */
export function chartField(source: ChartSource): 'helm.chart' | 'helm.repo' {
  return source.kind === 'repository' ? 'helm.repo' : 'helm.chart';
}

/** A short human description, for errors: `chart web 1.x from https://…`. */
export function describeChart(source: ChartSource): string {
  switch (source.kind) {
    case 'directory':
      return `chart ${source.path}`;
    case 'archive':
      return `chart ${source.path}`;
    case 'url':
      return `chart ${source.url}`;
    case 'repository':
      return `chart ${source.name}${source.version ? ` ${source.version}` : ''} from ${source.repo}`;
  }
}
