/**
 * src/bundle/helm: Helm charts in bundles. It decides where a bundle's chart comes from
 * (chart-source.ts), checks fleet.yaml's `helm` block (check-helm-options.ts), fetches charts
 * from http(s) repositories and URLs on the hub with scoped credentials (fetch-chart.ts,
 * repo-index.ts, http-fetcher.ts), finds or extracts a real helm binary (helm-binary.ts), and
 * renders a chart with `helm template` into objects, with kustomize over the output when asked
 * and Helm hooks placed in Helm's install order (render-chart.ts, hook-order.ts). The agents
 * never see any of this: they apply the rendered Content.
 */
export { checkHelmOptions, isHttpUrl, isOciReference } from './check-helm-options.js';
export {
  FETCHED_CHARTS_DIR,
  chartPathInBundle,
  chartSource,
  describeChart,
  fetchedChartPath,
  isRemote,
  type ChartSource,
  type RemoteChartSource,
} from './chart-source.js';
export { credentialsFor, type CredentialScope } from './chart-credentials.js';
export { fetchBundleCharts, fetchChart, remoteCharts, type FetchChartOptions, type FetchedChart } from './fetch-chart.js';
export { HttpFetchError, displayUrl, nodeHttpFetcher, type BasicAuth, type FetchRequest, type HttpFetcher } from './http-fetcher.js';
export { chartVersions, chooseVersion, indexUrl, type ChartVersionEntry, type IndexChoice } from './repo-index.js';
export { chartValues, mergeValues, type Values } from './chart-values.js';
export { HelmBinaryError, extractBundledHelm, helmMajorVersion, locateHelm, type HelmBinary, type HelmBinaryOptions } from './helm-binary.js';
export { helmTemplate, type HelmRunner, type HelmTemplateInput, type HelmTemplateOptions } from './helm-template.js';
export { HOOK_ANNOTATION, HOOK_WEIGHT_ANNOTATION, hookPhase, orderHooks, type HookPhase } from './hook-order.js';
export { CHART_OUTPUT_FILE, releaseNameFor, renderChart, type RenderChartOptions } from './render-chart.js';
