import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import { CONTENT_REFERENCED_AT_ANNOTATION, type Content } from '../../api/content.js';
import { LABELS } from '../../api/names.js';
import { referencedContents, unreferencedContents } from './unreferenced-contents.js';

const now = Date.parse('2026-01-01T12:00:00Z');
const old = '2026-01-01T11:00:00Z';
const fresh = '2026-01-01T11:59:50Z';

function content(name: string, created = old, deleting = false, referencedAt?: string): Content {
  return {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'Content',
    metadata: {
      name,
      creationTimestamp: created,
      ...(deleting ? { deletionTimestamp: created } : {}),
      ...(referencedAt ? { annotations: { [CONTENT_REFERENCED_AT_ANNOTATION]: referencedAt } } : {}),
    },
  };
}

function bundle(contentName?: string): Bundle {
  return { apiVersion: 'flotilla.io/v1alpha1', kind: 'Bundle', metadata: { name: 'b', namespace: 'ws', labels: contentName ? { [LABELS.contentName]: contentName } : {} }, spec: {} };
}

function bd(spec: BundleDeployment['spec'], label?: string): BundleDeployment {
  return { apiVersion: 'flotilla.io/v1alpha1', kind: 'BundleDeployment', metadata: { name: 'b', namespace: 'c', labels: label ? { [LABELS.contentName]: label } : {} }, spec };
}

const cases = [
  { name: 'a Content no object names is deleted', contents: [content('s-a')], bundles: [], bds: [], want: ['s-a'] },
  { name: 'a Content a Bundle names by label is kept', contents: [content('s-a'), content('s-b')], bundles: [bundle('s-a')], bds: [], want: ['s-b'] },
  { name: 'a Content a BundleDeployment deploys is kept', contents: [content('s-a')], bundles: [], bds: [bd({ deploymentID: 's-a:1234' })], want: [] },
  { name: 'a Content a BundleDeployment only stages is kept', contents: [content('s-a')], bundles: [], bds: [bd({ stagedDeploymentID: 's-a:1' })], want: [] },
  { name: 'a Content a BundleDeployment labels is kept', contents: [content('s-a')], bundles: [], bds: [bd({}, 's-a')], want: [] },
  { name: 'a Content younger than the grace period is kept', contents: [content('s-a', fresh)], bundles: [], bds: [], want: [] },
  { name: 'a Content already being deleted is not deleted again', contents: [content('s-a', old, true)], bundles: [], bds: [], want: [] },
  { name: 'an old Content referenced again within the grace period is kept', contents: [content('s-a', old, false, fresh)], bundles: [], bds: [], want: [] },
  { name: 'an old Content referenced again before the grace period is deleted', contents: [content('s-a', old, false, old)], bundles: [], bds: [], want: ['s-a'] },
  { name: 'a stamp older than the creation does not shorten the grace', contents: [content('s-a', fresh, false, old)], bundles: [], bds: [], want: [] },
  { name: 'an unreadable stamp falls back to the creation', contents: [content('s-a', old, false, 'yesterday')], bundles: [], bds: [], want: ['s-a'] },
  { name: 'several are returned sorted by name', contents: [content('s-c'), content('s-a'), content('s-b')], bundles: [bundle('s-b')], bds: [], want: ['s-a', 's-c'] },
];

describe('unreferencedContents', () => {
  it.each(cases)('$name', ({ contents, bundles, bds, want }) => {
    const referenced = referencedContents(bundles, bds);
    expect(unreferencedContents({ contents, referenced, now, graceMs: 60_000 }).map((c) => c.metadata.name)).toEqual(want);
  });
});
