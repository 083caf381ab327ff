/**
 * Writes crds/ from the kinds' definitions: one YAML file per kind, named
 * `<group>_<plural>.yaml` as controller-gen names them. Run after changing a kind:
 * `npm run build && node dist/src/api/write-crds.js [DIR]` (DIR defaults to ./crds). A test
 * fails when crds/ and the definitions differ, so the files never drift.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import type { CustomResourceDefinition } from './crd.js';
import { GROUP } from './group.js';
import { ALL_CRDS } from './index.js';

const HEADER = '# Generated from src/api by src/api/write-crds.ts; do not edit by hand.\n';

export function crdFileName(crd: CustomResourceDefinition): string {
  return `${crd.spec.group}_${crd.spec.names.plural}.yaml`;
}

/** The YAML of one CRD, exactly as written to crds/. */
export function renderCrdYaml(crd: CustomResourceDefinition): string {
  // Schemas share sub-objects; without aliasDuplicateObjects: false they would print as YAML anchors.
  return HEADER + stringify(crd, { aliasDuplicateObjects: false, lineWidth: 0 });
}

export interface WriteCrdsOptions {
  dir: string;
  crds?: readonly CustomResourceDefinition[];
}

/**
 * Writes each CRD to `dir` and removes files of this group that no kind produces any more.
 * Returns the paths written.
 */
export async function writeCrds(options: WriteCrdsOptions): Promise<string[]> {
  const crds = options.crds ?? ALL_CRDS;
  await mkdir(options.dir, { recursive: true });
  const wanted = new Set(crds.map(crdFileName));
  const stale = (await readdir(options.dir)).filter((f) => f.startsWith(`${GROUP}_`) && !wanted.has(f));
  await Promise.all(stale.map((f) => rm(join(options.dir, f))));
  const written: string[] = [];
  for (const crd of crds) {
    const path = join(options.dir, crdFileName(crd));
    await writeFile(path, renderCrdYaml(crd));
    written.push(path);
  }
  return written;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const dir = resolve(process.argv[2] ?? 'crds');
  writeCrds({ dir }).then(
    (paths) => console.log(`wrote ${paths.length} CRDs to ${dir}`),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
