import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ALL_CRDS } from './index.js';
import { crdFileName, renderCrdYaml, writeCrds } from './write-crds.js';

const CRDS_DIR = fileURLToPath(new URL('../../crds/', import.meta.url));

describe('crds/', () => {
  const cases = ALL_CRDS.map((crd) => ({ name: `${crdFileName(crd)} equals what ${crd.spec.names.kind} generates`, crd }));
  it.each(cases)('$name', async ({ crd }) => {
    const onDisk = await readFile(join(CRDS_DIR, crdFileName(crd)), 'utf8');
    expect(onDisk, 'crds/ is stale: run `npm run build && node dist/src/api/write-crds.js`').toBe(renderCrdYaml(crd));
    expect(parse(onDisk)).toEqual(crd);
  });

  it('holds no CRD file that no kind generates', async () => {
    const files = (await readdir(CRDS_DIR)).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual(ALL_CRDS.map(crdFileName).sort());
  });
});

describe('writeCrds', () => {
  it('writes one file per kind and removes files of kinds that are gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-crds-'));
    try {
      await writeFile(join(dir, 'flotilla.io_oldkinds.yaml'), 'stale');
      await writeFile(join(dir, 'other.io_keep.yaml'), 'not ours');
      const written = await writeCrds({ dir });
      expect(written).toHaveLength(ALL_CRDS.length);
      const files = (await readdir(dir)).sort();
      expect(files).toEqual([...ALL_CRDS.map(crdFileName), 'other.io_keep.yaml'].sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('renders YAML without anchors, so shared schema pieces are written out in full', () => {
    for (const crd of ALL_CRDS) expect(renderCrdYaml(crd)).not.toMatch(/[&*]a\d+/);
  });
});
