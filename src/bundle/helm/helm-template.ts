/**
 * Rendering a chart with a real `helm template`: the chart's files (a directory or a `.tgz`
 * from the bundle) and the merged values are written to a fresh temporary directory, helm
 * runs there with its cache, config and data homes inside that directory (so nothing of the
 * machine's helm setup is read or written, and no repository is contacted: charts arrive
 * already fetched and dependencies must be vendored in `charts/`), and the directory is
 * removed. Kept behind the HelmRunner type so rendering stays a function of its inputs.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { BundleError } from '../bundle-error.js';
import { writeBundleFiles } from '../relative-path.js';
import type { Values } from './chart-values.js';
import { locateHelm, type HelmBinary, type HelmBinaryOptions } from './helm-binary.js';

export interface HelmTemplateInput {
  /** The bundle's files, path (relative, `/`-separated) → bytes. */
  files: ReadonlyMap<string, Buffer>;
  /** The chart: a directory (`.` for the bundle root) or a `.tgz`, relative to the bundle root. */
  chart: string;
  releaseName: string;
  namespace: string;
  values: Values;
  skipSchemaValidation?: boolean;
  /** Names the chart in errors (e.g. `chart web 1.2.0 from https://…`). */
  description: string;
  /** The file errors name: the chart's Chart.yaml or archive, or fleet.yaml for a fetched chart. */
  errorFile: string;
}

/** Renders a chart and returns the multi-document YAML helm prints. */
export type HelmRunner = (input: HelmTemplateInput) => Promise<string>;

export interface HelmTemplateOptions {
  /** The helm to run; found (and checked) on first use when not given. */
  helm?: HelmBinary | HelmBinaryOptions;
  /** Default 60 s. */
  timeoutMs?: number;
  /** Largest output accepted; default 16 MiB. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
}

function isBinary(helm: HelmTemplateOptions['helm']): helm is HelmBinary {
  return helm !== undefined && 'path' in helm && 'version' in helm;
}

/** A HelmRunner backed by `helm template`; helm is located once per runner. */
export function helmTemplate(options: HelmTemplateOptions = {}): HelmRunner {
  let located: Promise<HelmBinary> | undefined;
  const binary = (): Promise<HelmBinary> => {
    const given = options.helm;
    // A failed lookup is not kept: the next render looks again (a cache dir that was full, say).
    located ??= (isBinary(given) ? Promise.resolve(given) : locateHelm(given ?? {})).catch((err: unknown) => {
      located = undefined;
      throw err;
    });
    return located;
  };
  return async (input) => {
    const helm = await binary();
    const root = await mkdtemp(join(tmpdir(), 'flotilla-helm-'));
    try {
      const chartPath = await writeChart(root, input);
      const valuesPath = join(root, 'values.json');
      await writeFile(valuesPath, JSON.stringify(input.values));
      return await runHelm(helm.path, root, templateArgs(input, chartPath, valuesPath), input, options);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };
}

function templateArgs(input: HelmTemplateInput, chartPath: string, valuesPath: string): string[] {
  return [
    'template', input.releaseName, chartPath,
    '--namespace', input.namespace,
    '--include-crds',
    '--values', valuesPath,
    ...(input.skipSchemaValidation ? ['--skip-schema-validation'] : []),
  ];
}

function chartFiles(input: HelmTemplateInput): Array<[string, Buffer]> {
  if (input.chart.endsWith('.tgz')) {
    const archive = input.files.get(input.chart);
    return archive ? [[posix.basename(input.chart), archive]] : [];
  }
  const prefix = input.chart === '.' ? '' : `${input.chart}/`;
  return [...input.files]
    .filter(([path]) => path.startsWith(prefix))
    .map(([path, content]): [string, Buffer] => [`chart/${path.slice(prefix.length)}`, content]);
}

/** Writes the chart under `<root>/in/`; returns the path to hand to helm. */
async function writeChart(root: string, input: HelmTemplateInput): Promise<string> {
  const entries = chartFiles(input);
  await writeBundleFiles(join(root, 'in'), entries, 'HelmFailed');
  const first = entries[0];
  return first && input.chart.endsWith('.tgz') ? join(root, 'in', first[0]) : join(root, 'in', 'chart');
}

function isolatedEnv(root: string): NodeJS.ProcessEnv {
  return {
    // Only to find a `helm` named without a path; nothing else of the environment reaches helm.
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: root,
    HELM_CACHE_HOME: join(root, 'helm', 'cache'),
    HELM_CONFIG_HOME: join(root, 'helm', 'config'),
    HELM_DATA_HOME: join(root, 'helm', 'data'),
  };
}

function runHelm(helm: string, root: string, args: string[], input: HelmTemplateInput, options: HelmTemplateOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      helm,
      args,
      { cwd: root, env: isolatedEnv(root), timeout: options.timeoutMs ?? 60_000, maxBuffer: options.maxOutputBytes ?? 16 * 1024 * 1024, signal: options.signal, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (!err) {
          resolve(stdout);
          return;
        }
        // Show paths as the user knows them, not as temporary ones.
        const detail = (stderr || err.message).split(`${join(root, 'in')}/`).join('').split(root).join('.').trim();
        reject(new BundleError({ reason: 'HelmFailed', file: input.errorFile, field: 'helm', message: `helm template of ${input.description} failed: ${detail}`, cause: err }));
      },
    );
  });
}
