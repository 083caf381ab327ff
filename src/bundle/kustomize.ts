/**
 * Rendering a kustomization with the machine's `kubectl kustomize`: the bundle's files are
 * written to a fresh temporary directory, kubectl builds `<tmp>/<dir>`, and the directory
 * is removed again. This is the only I/O of src/bundle, kept behind the KustomizeRunner
 * type so rendering stays a function of its inputs. kubectl's default load restrictor
 * (files only from inside the kustomization root) stays on.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { BundleError } from './bundle-error.js';
import { writeBundleFiles } from './relative-path.js';

export interface KustomizeInput {
  /** The bundle's files, path (relative, `/`-separated) → bytes. */
  files: ReadonlyMap<string, Buffer>;
  /** Directory of the kustomization, relative to the bundle root; `.` for the root. */
  dir: string;
}

/** Builds a kustomization and returns the multi-document YAML it produces. */
export type KustomizeRunner = (input: KustomizeInput) => Promise<string>;

export interface KubectlKustomizeOptions {
  /** The kubectl binary; default `kubectl` from PATH. */
  kubectl?: string;
  /** Default 60 s. */
  timeoutMs?: number;
  /** Largest output accepted; default 16 MiB. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
}

/** A KustomizeRunner backed by `kubectl kustomize`. */
export function kubectlKustomize(options: KubectlKustomizeOptions = {}): KustomizeRunner {
  return async ({ files, dir }) => {
    const root = await mkdtemp(join(tmpdir(), 'flotilla-kustomize-'));
    try {
      await writeBundleFiles(root, files, 'KustomizeFailed');
      return await runKubectl(root, dir, options);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };
}

function runKubectl(root: string, dir: string, options: KubectlKustomizeOptions): Promise<string> {
  const kustomizationDir = join(root, ...posix.normalize(dir).split('/'));
  return new Promise((resolve, reject) => {
    execFile(
      options.kubectl ?? 'kubectl',
      ['kustomize', kustomizationDir],
      {
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: options.maxOutputBytes ?? 16 * 1024 * 1024,
        signal: options.signal,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        if (!err) {
          resolve(stdout);
          return;
        }
        // Show paths as the user knows them, not as temporary ones.
        const detail = (stderr || err.message).split(`${root}/`).join('').split(root).join('.').trim();
        reject(new BundleError({ reason: 'KustomizeFailed', file: posix.join(dir, 'kustomization.yaml'), message: detail, cause: err }));
      },
    );
  });
}
