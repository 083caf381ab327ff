/**
 * Rendering one bundle for one set of resolved options into the final manifests an agent
 * applies: a Helm chart when the options name one or the bundle root holds a Chart.yaml
 * (with kustomize over its output when `kustomize.dir` is set, src/bundle/helm), else
 * kustomize when the kustomize dir holds a kustomization (as Fleet decides it), otherwise the
 * plain manifest files after `yaml.overlays`; then Fleet's namespace rules; then the managed
 * namespaces of the bundle; sorted in a deterministic apply order (Helm hooks placed as Helm
 * orders an install). The controller and `flotilla test` both call this, so what a user
 * previews is what agents get.
 */
import { posix } from 'node:path';
import type { HelmOptions } from '../api/helm-options.js';
import type { KubeObject } from '../api/meta.js';
import { groupOf } from './builtin-kinds.js';
import { BundleError } from './bundle-error.js';
import type { SourceFile } from './bundle-resources.js';
import { chartSource } from './helm/chart-source.js';
import type { HelmRunner } from './helm/helm-template.js';
import { orderHooks } from './helm/hook-order.js';
import { renderChart } from './helm/render-chart.js';
import { kubectlKustomize, type KustomizeRunner } from './kustomize.js';
import { renderManagedNamespace, type ManagedNamespaceDefinition } from './managed-namespace.js';
import { chartDirectories, isManifestFile, readManifests } from './manifest-files.js';
import { applyNamespaceRules, releaseNamespace, type NamespaceOptions } from './namespace-rules.js';
import { applyOverlays } from './overlays.js';
import type { YamlLimits } from './safe-yaml.js';
import { sortManifests } from './sort-manifests.js';

export interface RenderSource {
  /** The bundle's files, paths relative to the bundle root. */
  files: readonly SourceFile[];
}

export interface RenderOptions extends NamespaceOptions {
  /** `yaml.overlays`, applied in order. */
  overlays?: readonly string[];
  /** `kustomize.dir`, relative to the bundle root. */
  kustomizeDir?: string;
  namespaceLabels?: Record<string, string>;
  namespaceAnnotations?: Record<string, string>;
  managedNamespaces?: readonly ManagedNamespaceDefinition[];
  /** The workspace owning the managed namespaces: their owner label is `<workspace>.<name>`. */
  managedNamespaceWorkspace?: string;
  /** fleet.yaml `helm`, with per-cluster values already substituted (src/targeting). */
  helm?: HelmOptions;
  /** Runs kustomize; default `kubectl kustomize`. */
  kustomizeRunner?: KustomizeRunner;
  /** Runs `helm template`; default the bundled helm (src/bundle/helm/helm-binary.ts). */
  helmRunner?: HelmRunner;
  limits?: Partial<YamlLimits>;
}

/** The namespace the bundle deploys into, which the agent creates when missing (Fleet's release namespace). */
export interface ReleaseNamespace {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RenderedBundle {
  manifests: KubeObject[];
  namespace: ReleaseNamespace;
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kustomization directory to build, or undefined for plain manifests. */
export function kustomizationDir(paths: ReadonlySet<string>, kustomizeDir: string | undefined): string | undefined {
  const dir = posix.normalize(kustomizeDir || '.').replace(/\/+$/, '') || '.';
  const found = KUSTOMIZATION_NAMES.some((name) => paths.has(dir === '.' ? name : `${dir}/${name}`));
  return found ? dir : undefined;
}

export async function renderBundle(source: RenderSource, options: RenderOptions = {}): Promise<RenderedBundle> {
  const files = new Map(source.files.map((f) => [f.path, f.content]));
  const chart = chartSource(options.helm, new Set(files.keys()));
  const objects = chart ? await renderChart(files, chart, chartOptions(options)) : await manifestObjects(files, options);
  const placed = applyNamespaceRules(objects, options);
  const managed = (options.managedNamespaces ?? []).flatMap((def) =>
    renderManagedNamespace(def, options.managedNamespaceWorkspace ? { owner: `${options.managedNamespaceWorkspace}.${def.name}` } : {}),
  );
  const sorted = sortManifests([...placed, ...managed]);
  const manifests = chart ? orderHooks(sorted) : sorted;
  rejectDuplicates(manifests);
  return {
    manifests,
    namespace: {
      name: releaseNamespace(options),
      labels: { ...options.namespaceLabels },
      annotations: { ...options.namespaceAnnotations },
    },
  };
}

function chartOptions(options: RenderOptions): Parameters<typeof renderChart>[2] {
  return {
    namespace: releaseNamespace(options),
    ...(options.helm ? { helm: options.helm } : {}),
    ...(options.kustomizeDir ? { kustomizeDir: options.kustomizeDir } : {}),
    ...(options.helmRunner ? { helmRunner: options.helmRunner } : {}),
    ...(options.kustomizeRunner ? { kustomizeRunner: options.kustomizeRunner } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  };
}

async function manifestObjects(files: ReadonlyMap<string, Buffer>, options: RenderOptions): Promise<KubeObject[]> {
  const dir = kustomizationDir(new Set(files.keys()), options.kustomizeDir);
  return dir === undefined ? plainManifests(files, options) : kustomized(files, dir, options);
}

function plainManifests(files: ReadonlyMap<string, Buffer>, options: RenderOptions): KubeObject[] {
  const overlaid = applyOverlays(files, options.overlays ?? [], { limits: options.limits });
  const charts = chartDirectories(overlaid.keys());
  return [...overlaid.keys()]
    .filter((path) => isManifestFile(path, charts))
    .sort()
    .flatMap((path) => readManifests(path, overlaid.get(path) as Buffer, { limits: options.limits }));
}

async function kustomized(files: ReadonlyMap<string, Buffer>, dir: string, options: RenderOptions): Promise<KubeObject[]> {
  const run = options.kustomizeRunner ?? kubectlKustomize();
  const output = await run({ files, dir });
  return readManifests(posix.join(dir, 'kustomization.yaml'), Buffer.from(output, 'utf8'), { limits: options.limits });
}

function identity(o: KubeObject): string {
  return `${groupOf(o.apiVersion)}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

function rejectDuplicates(manifests: readonly KubeObject[]): void {
  const seen = new Set<string>();
  for (const o of manifests) {
    const id = identity(o);
    if (seen.has(id)) {
      const where = o.metadata.namespace ? ` in namespace ${o.metadata.namespace}` : '';
      throw new BundleError({ reason: 'DuplicateObject', file: `${o.kind}/${o.metadata.name ?? ''}`, message: `${o.kind} ${o.metadata.name ?? ''}${where} is defined more than once` });
    }
    seen.add(id);
  }
}
