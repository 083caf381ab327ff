/**
 * The rules of a fleet.yaml `helm:` block that its schema's shapes cannot say: where a chart
 * may come from (a path inside the bundle, an http(s) `.tgz` URL, or a chart name in an
 * http(s) `repo`), a version that is a valid semver range, a valid release name, and values
 * files inside the bundle. Reported by key path, like every fleet.yaml problem.
 */
import semver from 'semver';
import type { HelmOptions } from '../../api/helm-options.js';
import { isRelativeInside } from '../relative-path.js';

export type ProblemSink = (path: Array<string | number>, message: string) => void;

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True for an http:// or https:// URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** True for a chart reference that names an OCI registry (not supported yet). */
export function isOciReference(text: string): boolean {
  return text.startsWith('oci://');
}

function repoProblem(repo: string, chart: string | undefined): { field: 'repo' | 'chart'; message: string } | undefined {
  if (isOciReference(repo)) return { field: 'repo', message: 'OCI registries are not supported yet by Flotilla; use an http(s) repository' };
  if (!isHttpUrl(repo)) return { field: 'repo', message: `"${repo}" must be an http:// or https:// URL` };
  if (!chart) return { field: 'chart', message: 'must name the chart to take from helm.repo' };
  if (chart.includes('/') || isHttpUrl(chart)) return { field: 'chart', message: `"${chart}" must be a chart name in helm.repo, not a path or URL` };
  return undefined;
}

function chartProblem(chart: string): string | undefined {
  if (isOciReference(chart)) return 'OCI registries are not supported yet by Flotilla; use an http(s) repository or a chart in the bundle';
  if (isHttpUrl(chart) || isRelativeInside(chart)) return undefined;
  return `"${chart}" must be a path inside the bundle, an http(s) URL of a .tgz, or a chart name with helm.repo`;
}

function checkSource(helm: HelmOptions, path: Array<string | number>, problem: ProblemSink): void {
  const { chart, repo, version } = helm;
  const found = repo ? repoProblem(repo, chart) : undefined;
  if (found) problem([...path, found.field], found.message);
  else if (!repo && chart) {
    const message = chartProblem(chart);
    if (message) problem([...path, 'chart'], message);
  }
  if (version && semver.validRange(version) === null) problem([...path, 'version'], `"${version}" is not a version or a semver range`);
}

/** Pushes every problem of one `helm:` block (top level or a target customization's). */
export function checkHelmOptions(helm: HelmOptions, path: Array<string | number>, problem: ProblemSink): void {
  checkSource(helm, path, problem);
  const name = helm.releaseName;
  if (name !== undefined && name !== '' && (name.length > 53 || !RELEASE_NAME.test(name))) {
    problem([...path, 'releaseName'], `"${name}" is not a valid release name (lower-case letters, digits, '-' and '.', at most 53 characters)`);
  }
  helm.valuesFiles?.forEach((file, i) => {
    if (!isRelativeInside(file)) problem([...path, 'valuesFiles', i], `"${file}" must be a path inside the bundle`);
  });
  for (const key of ['timeoutSeconds', 'maxHistory'] as const) {
    const n = helm[key];
    if (n !== undefined && n < 0) problem([...path, key], 'must not be negative');
  }
}
