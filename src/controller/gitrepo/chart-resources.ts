/**
 * Fetched charts in a Bundle: the archives join the bundle's files (under `.chart/<key>/`,
 * a hidden folder no file from git can occupy), and what each was resolved to — chart,
 * version, URL without credentials — is recorded in the annotation `flotilla.io/helm-charts`,
 * so `kubectl get bundle -o yaml` shows which version a range picked. A Helm bundle without
 * `helm.releaseName` gets the Bundle's name, as Fleet names releases.
 */
import type { HelmOptions } from '../../api/helm-options.js';
import { encodeResources, type DiscoveredBundle, type FetchedChart } from '../../bundle/index.js';

/** Annotation listing the charts fetched for a Bundle (JSON). */
export const HELM_CHARTS_ANNOTATION = 'flotilla.io/helm-charts';

/** The discovered bundle with the fetched archives among its files and resources. */
export function withFetchedCharts(bundle: DiscoveredBundle, charts: readonly FetchedChart[], compressAboveBytes?: number): DiscoveredBundle {
  const files = [...bundle.files, ...charts.map((c) => c.file)];
  return { ...bundle, files, resources: encodeResources(files, compressAboveBytes === undefined ? {} : { compressAboveBytes }) };
}

/** The annotation value for the fetched charts; undefined when none were fetched. */
export function helmChartsAnnotation(charts: readonly FetchedChart[] | undefined): string | undefined {
  if (!charts || charts.length === 0) return undefined;
  const entries = charts.map((c) => ({
    chart: c.source.kind === 'repository' ? c.source.name : c.url,
    ...(c.source.kind === 'repository' ? { repo: c.source.repo, requested: c.source.version ?? '', version: c.version ?? '' } : {}),
    url: c.url,
    path: c.file.path,
  }));
  return JSON.stringify(entries);
}

/** True for a bundle that renders a chart: a `helm` block or a Chart.yaml at its root. */
export function isHelmBundle(bundle: DiscoveredBundle): boolean {
  return bundle.fleetYaml.helm !== undefined || bundle.files.some((f) => f.path === 'Chart.yaml');
}

/** The Bundle spec's helm options with the release name defaulted to the Bundle's name. */
export function helmWithReleaseName(helm: HelmOptions | undefined, bundle: DiscoveredBundle): HelmOptions | undefined {
  if (!isHelmBundle(bundle)) return helm;
  return helm?.releaseName ? helm : { ...helm, releaseName: bundle.name };
}
