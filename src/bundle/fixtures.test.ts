/**
 * Fixture trees in test/fixtures/bundles/<case>/: a repository (`repo/`), the case's
 * settings (`case.yaml`: which target customization applies, the workspace) and the
 * manifests a cluster of that target must receive (`expected.yaml`). Each case goes
 * through discovery, option merging and rendering exactly as the controller does.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { mergeBundleOptions } from './bundle-options.js';
import type { SourceFile } from './bundle-resources.js';
import { discoverBundles } from './discover-bundles.js';
import { renderBundle, type RenderedBundle } from './render.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/bundles/', import.meta.url));

interface CaseSettings {
  description: string;
  customization?: string;
  workspace?: string;
}

function walk(root: string, dir = ''): SourceFile[] {
  return readdirSync(join(root, dir)).flatMap((entry) => {
    const path = dir === '' ? entry : `${dir}/${entry}`;
    return statSync(join(root, path)).isDirectory() ? walk(root, path) : [{ path, content: readFileSync(join(root, path)) }];
  });
}

async function renderFixture(name: string): Promise<RenderedBundle> {
  const dir = join(FIXTURES, name);
  const settings = parse(readFileSync(join(dir, 'case.yaml'), 'utf8')) as CaseSettings;
  const { bundles, failures } = discoverBundles({ gitRepoName: 'fixture', files: walk(join(dir, 'repo')) });
  expect(failures).toEqual([]);
  expect(bundles).toHaveLength(1);
  const bundle = bundles[0]!;
  const custom = bundle.fleetYaml.targetCustomizations?.find((tc) => tc.name === settings.customization);
  if (settings.customization !== undefined) expect(custom).toBeDefined();
  const options = mergeBundleOptions(bundle.fleetYaml, custom);
  return renderBundle(
    { files: bundle.files },
    {
      ...options,
      overlays: options.yaml?.overlays ?? [],
      kustomizeDir: options.kustomize?.dir,
      managedNamespaces: bundle.fleetYaml.managedNamespaces,
      managedNamespaceWorkspace: settings.workspace,
    },
  );
}

const cases = readdirSync(FIXTURES)
  .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
  .map((name) => ({ name: `fixture ${name} renders to its expected.yaml`, fixture: name }));

describe('bundle fixtures', () => {
  it.each(cases)('$name', async ({ fixture }) => {
    const rendered = await renderFixture(fixture);
    const expected = parseAllDocuments(readFileSync(join(FIXTURES, fixture, 'expected.yaml'), 'utf8')).map((d) => d.toJS() as unknown);
    expect(rendered.manifests).toEqual(expected);
  });
});
