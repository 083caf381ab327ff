import { describe, expect, it } from 'vitest';
import { BundleError } from './bundle-error.js';
import { mergeBundleOptions } from './bundle-options.js';
import { renderBundle, type RenderOptions } from './render.js';

function source(paths: Record<string, string>): { files: Array<{ path: string; content: Buffer }> } {
  return { files: Object.entries(paths).map(([path, text]) => ({ path, content: Buffer.from(text) })) };
}

const cm = (name: string, ns?: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;

describe('renderBundle refuses', () => {
  const cases: Array<{ name: string; files: Record<string, string>; options: RenderOptions; reason: string; file?: string }> = [
    {
      name: 'a cluster-scoped object when targetNamespace is set',
      files: { 'a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n' },
      options: { targetNamespace: 't' },
      reason: 'ClusterScopedObject',
    },
    { name: 'the same object twice', files: { 'a.yaml': cm('x'), 'b.yaml': cm('x', 'default') }, options: {}, reason: 'DuplicateObject' },
    { name: 'a manifest without a name', files: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n' }, options: {}, reason: 'InvalidManifest', file: 'a.yaml' },
    {
      name: 'a patch whose target file does not exist',
      files: { 'a.yaml': cm('x'), 'overlays/p/missing_patch.yaml': 'data: {}' },
      options: { overlays: ['p'] },
      reason: 'OverlayNotFound',
      file: 'overlays/p/missing_patch.yaml',
    },
    {
      name: 'a JSON patch that does not apply',
      files: { 'a.yaml': cm('x'), 'overlays/p/a_patch.yaml': '- {op: remove, path: /data/none}' },
      options: { overlays: ['p'] },
      reason: 'PatchFailed',
    },
    { name: 'a manifest file with broken YAML', files: { 'a.yaml': 'kind: [' }, options: {}, reason: 'InvalidYaml', file: 'a.yaml' },
    {
      name: 'a failing kustomization, with the error of kubectl',
      files: { 'kustomization.yaml': 'resources: [missing.yaml]\n' },
      options: {},
      reason: 'KustomizeFailed',
    },
  ];
  it.each(cases)('$name', async ({ files, options, reason, file }) => {
    const error = await renderBundle(source(files), options).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).reason).toBe(reason);
    if (file) expect((error as BundleError).file).toBe(file);
  });
});

describe('renderBundle', () => {
  it('returns the release namespace with the namespace labels and annotations for the agent to ensure', async () => {
    const rendered = await renderBundle(source({ 'a.yaml': cm('x') }), { defaultNamespace: 'shop', namespaceLabels: { team: 's' }, namespaceAnnotations: { a: 'b' } });
    expect(rendered.namespace).toEqual({ name: 'shop', labels: { team: 's' }, annotations: { a: 'b' } });
  });

  it('is deterministic: file order does not change the output', async () => {
    const a = await renderBundle(source({ 'a.yaml': cm('a'), 'b.yaml': cm('b') }));
    const b = await renderBundle({ files: [...source({ 'a.yaml': cm('a'), 'b.yaml': cm('b') }).files].reverse() });
    expect(a).toEqual(b);
  });

  it('uses a root kustomization.yaml even without kustomize.dir, as Fleet does', async () => {
    const calls: string[] = [];
    const rendered = await renderBundle(source({ 'kustomization.yaml': 'resources: []', 'a.yaml': cm('ignored') }), {
      kustomizeRunner: ({ dir }) => {
        calls.push(dir);
        return Promise.resolve(cm('from-kustomize'));
      },
    });
    expect(calls).toEqual(['.']);
    expect(rendered.manifests.map((m) => m.metadata.name)).toEqual(['from-kustomize']);
  });
});

describe('mergeBundleOptions', () => {
  const cases = [
    { name: 'a customization string wins', base: { defaultNamespace: 'a' }, custom: { defaultNamespace: 'b' }, expected: { defaultNamespace: 'b' } },
    { name: '"-" clears a string option', base: { namespace: 'a', serviceAccount: 's' }, custom: { namespace: '-' }, expected: { serviceAccount: 's' } },
    { name: 'overlays are appended', base: { yaml: { overlays: ['x'] } }, custom: { yaml: { overlays: ['y'] } }, expected: { yaml: { overlays: ['x', 'y'] } } },
    { name: 'kustomize dir is replaced', base: { kustomize: { dir: 'base' } }, custom: { kustomize: { dir: 'prod' } }, expected: { kustomize: { dir: 'prod' } } },
    { name: 'namespace labels merge key by key', base: { namespaceLabels: { a: '1', b: '1' } }, custom: { namespaceLabels: { b: '2' } }, expected: { namespaceLabels: { a: '1', b: '2' } } },
    { name: 'no customization keeps the base', base: { keepResources: true }, custom: undefined, expected: { keepResources: true } },
  ];
  it.each(cases)('$name', ({ base, custom, expected }) => {
    expect(mergeBundleOptions(base, custom)).toEqual(expected);
  });
});
