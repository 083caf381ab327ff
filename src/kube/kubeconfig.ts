/**
 * Where a command's kubeconfig comes from: `--kubeconfig`, else `KUBECONFIG`, else a default
 * path the caller names (the embedded hub's). The caller passes the flag and environment
 * values in, so nothing here reads process.env. A missing or unusable file is a
 * `KubeConfigError` that names the file and what is wrong with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export interface KubeConfigSources {
  /** The value of `--kubeconfig`, if given. */
  flag?: string;
  /** The value of `KUBECONFIG`, if set: one path or several joined by the path delimiter. */
  env?: string;
  /** Used when neither of the above is given. */
  defaultPath?: string;
  /** A context to use instead of the file's current context. */
  context?: string;
}

export type KubeConfigSource = 'flag' | 'env' | 'default';

export interface LoadedKubeConfig {
  kubeConfig: KubeConfig;
  /** The file read (the first one when KUBECONFIG lists several). */
  path: string;
  source: KubeConfigSource;
}

export type KubeConfigErrorReason = 'NoKubeconfig' | 'NotFound' | 'Invalid';

export class KubeConfigError extends Error {
  override readonly name = 'KubeConfigError';

  constructor(
    readonly reason: KubeConfigErrorReason,
    message: string,
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function chooseFiles(sources: KubeConfigSources): { files: string[]; source: KubeConfigSource } {
  if (sources.flag) return { files: [sources.flag], source: 'flag' };
  const listed = (sources.env ?? '').split(delimiter).filter(Boolean);
  if (listed.length) {
    // kubectl skips entries of KUBECONFIG that do not exist, and fails only when none does.
    const existing = listed.filter((f) => existsSync(f));
    if (!existing.length) throw new KubeConfigError('NotFound', `no kubeconfig file found at KUBECONFIG=${sources.env ?? ''}`, listed[0]);
    return { files: existing, source: 'env' };
  }
  if (sources.defaultPath) return { files: [sources.defaultPath], source: 'default' };
  throw new KubeConfigError('NoKubeconfig', 'no kubeconfig given: pass --kubeconfig or set KUBECONFIG');
}

function loadFile(file: string): KubeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(err)})`;
    throw new KubeConfigError('NotFound', `kubeconfig ${file} ${why}`, file, { cause: err });
  }
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (err) {
    throw new KubeConfigError('Invalid', `kubeconfig ${file} is not a valid kubeconfig: ${err instanceof Error ? err.message : String(err)}`, file, { cause: err });
  }
  if (!text.trim()) throw new KubeConfigError('Invalid', `kubeconfig ${file} is empty`, file);
  return kc;
}

/** Checks the chosen context leads to a cluster with a server URL, naming what is missing. */
function checkUsable(kc: KubeConfig, file: string, context: string | undefined): void {
  if (context) {
    if (!kc.getContextObject(context)) throw new KubeConfigError('Invalid', `kubeconfig ${file} has no context "${context}"`, file);
    kc.setCurrentContext(context);
  }
  const current = kc.getCurrentContext();
  if (!current) throw new KubeConfigError('Invalid', `kubeconfig ${file} sets no current-context`, file);
  const ctx = kc.getContextObject(current);
  if (!ctx) throw new KubeConfigError('Invalid', `kubeconfig ${file}: current-context "${current}" is not among its contexts`, file);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster?.server) throw new KubeConfigError('Invalid', `kubeconfig ${file}: context "${current}" names cluster "${ctx.cluster}", which has no server URL`, file);
  try {
    new URL(cluster.server);
  } catch (err) {
    throw new KubeConfigError('Invalid', `kubeconfig ${file}: cluster "${ctx.cluster}" has an invalid server URL "${cluster.server}"`, file, { cause: err });
  }
}

export function loadKubeConfig(sources: KubeConfigSources): LoadedKubeConfig {
  const { files, source } = chooseFiles(sources);
  const [first, ...rest] = files as [string, ...string[]];
  const kubeConfig = loadFile(first);
  // Later files of KUBECONFIG add clusters, users and contexts; the first file's context wins.
  for (const file of rest) kubeConfig.mergeConfig(loadFile(file), true);
  checkUsable(kubeConfig, first, sources.context);
  return { kubeConfig, path: first, source };
}
