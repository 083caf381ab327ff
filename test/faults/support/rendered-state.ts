/**
 * What a GitRepo has rendered on the hub, as one comparable value: each Bundle's spec and
 * the commit and Content it names, and whether each named Content still exists with its
 * data. A fault case takes it before the fault and expects it unchanged while it lasts.
 */
import type { Bundle } from '../../../src/api/bundle.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { LABELS } from '../../../src/api/names.js';
import { isNotFound } from '../../../src/kube/api-error.js';
import type { ObjectClient } from '../../../src/kube/object-client.js';
import { WORKSPACE } from './fault-harness.js';
export { contentNames } from '../../support/test-hub.js';

export interface RenderedBundle {
  spec: Bundle['spec'];
  commit: string | undefined;
  content: string | undefined;
  /** The Content's `content` field, or `missing` when the Content is gone. */
  contentData: string;
}

export async function bundlesOf(client: ObjectClient, repo: string): Promise<Bundle[]> {
  const list = await client.listAll<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Bundle' }, { namespace: WORKSPACE, labelSelector: `${LABELS.repoName}=${repo}` });
  return list.items as unknown as Bundle[];
}

async function contentData(client: ObjectClient, name: string | undefined): Promise<string> {
  if (!name) return 'missing';
  try {
    const content = await client.get<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Content', name });
    return String(content.content);
  } catch (err) {
    if (isNotFound(err)) return 'missing';
    throw err;
  }
}

/** The GitRepo's Bundles by name. */
export async function renderedState(client: ObjectClient, repo: string): Promise<Record<string, RenderedBundle>> {
  const out: Record<string, RenderedBundle> = {};
  for (const bundle of await bundlesOf(client, repo)) {
    const labels = bundle.metadata.labels ?? {};
    const content = labels[LABELS.contentName];
    out[bundle.metadata.name ?? ''] = { spec: bundle.spec, commit: labels[LABELS.commit], content, contentData: await contentData(client, content) };
  }
  return out;
}

/** Every Content on the hub with its data, to search for a value that must not be there. */
export async function allContentText(client: ObjectClient): Promise<string> {
  const list = await client.listAll<KubeObject>({ apiVersion: 'flotilla.io/v1alpha1', kind: 'Content' });
  return JSON.stringify(list.items);
}

export function condition(gitRepo: { status?: { conditions?: { type: string; status?: string; reason?: string; message?: string }[] } }, type: string): { status?: string; reason?: string; message?: string } {
  return gitRepo.status?.conditions?.find((c) => c.type === type) ?? {};
}
