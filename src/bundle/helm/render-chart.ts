/**
 * One chart of one bundle rendered into objects: find the chart in the bundle's files (a
 * fetched chart was stored there when the Bundle was built), merge the values, run `helm
 * template`, and, when `kustomize.dir` is set, run kustomize over the chart's output the way
 * Fleet's helm-kustomize layout expects: the output becomes a resource of that directory's
 * kustomization, whose patches then apply to the chart's objects. Test hooks and hooks with
 * no install moment are dropped; namespace rules and ordering are the caller's (render.ts).
 */
import { posix } from 'node:path';
import { parse, stringify } from 'yaml';
import type { HelmOptions } from '../../api/helm-options.js';
import type { KubeObject } from '../../api/meta.js';
import { BundleError } from '../bundle-error.js';
import { kubectlKustomize, type KustomizeRunner } from '../kustomize.js';
import { readManifests } from '../manifest-files.js';
import type { YamlLimits } from '../safe-yaml.js';
import { chartField, chartPathInBundle, describeChart, isRemote, type ChartSource } from './chart-source.js';
import { chartValues } from './chart-values.js';
import { helmTemplate, type HelmRunner } from './helm-template.js';
import { withoutDroppedHooks } from './hook-order.js';

/** The file the chart's output is written to in the kustomize dir, listed in its kustomization's resources. */
export const CHART_OUTPUT_FILE = 'flotilla-helm-output.yaml';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface RenderChartOptions {
  helm?: HelmOptions;
  /** The release namespace (`--namespace`). */
  namespace: string;
  /** `kustomize.dir`: kustomize runs over the chart's output there. */
  kustomizeDir?: string;
  helmRunner?: HelmRunner;
  kustomizeRunner?: KustomizeRunner;
  limits?: Partial<YamlLimits>;
}

/** The release name: `helm.releaseName` (the Bundle's name when built by the controller), else the chart's name. */
export function releaseNameFor(helm: HelmOptions | undefined, source: ChartSource): string {
  if (helm?.releaseName) return helm.releaseName;
  const raw = source.kind === 'repository' ? source.name : posix.basename(source.kind === 'url' ? new URL(source.url).pathname : source.path);
  const base = raw.replace(/\.tgz$/, '').replace(/-\d+\.\d+\.\d+.*$/, '');
  const cleaned = base.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 53).replace(/-+$/, '');
  return cleaned === '' ? 'release' : cleaned;
}

function checkPresent(files: ReadonlyMap<string, Buffer>, source: ChartSource, chart: string): void {
  const present = source.kind === 'directory' ? files.has(chart === '.' ? 'Chart.yaml' : `${chart}/Chart.yaml`) : files.has(chart);
  if (present) return;
  const message = isRemote(source)
    ? `${describeChart(source)} was not fetched into the Bundle; it is fetched when the GitRepo builds the Bundle (or by flotilla test)`
    : `${describeChart(source)} is not in the bundle (a directory with Chart.yaml, or a .tgz)`;
  throw new BundleError({ reason: 'ChartNotFound', file: 'fleet.yaml', field: chartField(source), message });
}

function errorFile(source: ChartSource, chart: string): string {
  if (source.kind === 'directory') return chart === '.' ? 'Chart.yaml' : `${chart}/Chart.yaml`;
  return source.kind === 'archive' ? chart : 'fleet.yaml';
}

/** Renders the chart; returns its objects in helm's order, without dropped hooks. */
export async function renderChart(files: ReadonlyMap<string, Buffer>, source: ChartSource, options: RenderChartOptions): Promise<KubeObject[]> {
  const chart = chartPathInBundle(source);
  checkPresent(files, source, chart);
  const run = options.helmRunner ?? helmTemplate();
  const output = await run({
    files,
    chart,
    releaseName: releaseNameFor(options.helm, source),
    namespace: options.namespace,
    values: chartValues(options.helm, files, options.limits),
    ...(options.helm?.skipSchemaValidation ? { skipSchemaValidation: true } : {}),
    description: describeChart(source),
    errorFile: errorFile(source, chart),
  });
  const rendered = options.kustomizeDir ? await kustomizeOutput(files, output, options.kustomizeDir, options) : output;
  const label = options.kustomizeDir ? posix.join(options.kustomizeDir, 'kustomization.yaml') : errorFile(source, chart);
  return withoutDroppedHooks(readManifests(label, Buffer.from(rendered, 'utf8'), { limits: options.limits }));
}

function kustomizationPath(files: ReadonlyMap<string, Buffer>, dir: string): string | undefined {
  return KUSTOMIZATION_NAMES.map((name) => (dir === '.' ? name : `${dir}/${name}`)).find((p) => files.has(p));
}

/** The kustomization with the chart output added to its resources (created when the dir has none). */
function withChartOutput(files: ReadonlyMap<string, Buffer>, dir: string): { path: string; content: Buffer } {
  const existing = kustomizationPath(files, dir);
  const path = existing ?? (dir === '.' ? 'kustomization.yaml' : `${dir}/kustomization.yaml`);
  const parsed: unknown = existing ? parse((files.get(existing) as Buffer).toString('utf8')) : {};
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BundleError({ reason: 'KustomizeFailed', file: path, message: 'a kustomization must be a map' });
  }
  const kustomization = parsed as Record<string, unknown>;
  const resources = Array.isArray(kustomization.resources) ? (kustomization.resources as unknown[]) : [];
  return { path, content: Buffer.from(stringify({ ...kustomization, resources: [CHART_OUTPUT_FILE, ...resources] }), 'utf8') };
}

async function kustomizeOutput(files: ReadonlyMap<string, Buffer>, output: string, kustomizeDir: string, options: RenderChartOptions): Promise<string> {
  const dir = posix.normalize(kustomizeDir).replace(/\/+$/, '') || '.';
  const kustomization = withChartOutput(files, dir);
  const input = new Map(files);
  input.set(kustomization.path, kustomization.content);
  input.set(dir === '.' ? CHART_OUTPUT_FILE : `${dir}/${CHART_OUTPUT_FILE}`, Buffer.from(output, 'utf8'));
  const run = options.kustomizeRunner ?? kubectlKustomize();
  return run({ files: input, dir });
}
