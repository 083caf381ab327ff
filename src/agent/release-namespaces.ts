/**
 * The namespaces a Content's objects land in that the Content does not hold itself: created
 * before the objects (Fleet creates its release namespace), the release namespace with the
 * BundleDeployment's namespace labels and annotations, labelled `flotilla.io/managed-by` only
 * when the agent created it.
 */
import type { BundleDeployment } from '../api/bundle-deployment.js';
import type { KubeObject } from '../api/meta.js';
import { LABELS } from '../api/names.js';
import type { ObjectClient } from '../kube/object-client.js';
import { getOrUndefined } from './namespace-placement.js';

export interface ReleaseNamespacesInput {
  /** Reads with the agent's own identity. */
  reader: ObjectClient;
  /** Writes (the BundleDeployment's service account when it names one). */
  writer: ObjectClient;
  desired: readonly KubeObject[];
  bundleDeployment: BundleDeployment;
  hub: string;
  fieldManager: string;
}

export async function ensureReleaseNamespaces(input: ReleaseNamespacesInput): Promise<void> {
  const { desired, hub } = input;
  const held = new Set(desired.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
  const options = input.bundleDeployment.spec.options ?? {};
  const release = options.namespace || options.defaultNamespace || 'default';
  const needed = new Set([...desired.flatMap((o) => (o.metadata.namespace ? [o.metadata.namespace] : [])), release]);
  for (const name of needed) {
    if (held.has(name)) continue;
    const isRelease = name === release;
    const labels = isRelease ? options.namespaceLabels : undefined;
    const annotations = isRelease ? options.namespaceAnnotations : undefined;
    const live = await getOrUndefined(input.reader, { apiVersion: 'v1', kind: 'Namespace', name });
    if (live && !labels && !annotations) continue;
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...labels, ...(live ? {} : { [LABELS.managedBy]: hub }) }, annotations: { ...annotations } } };
    if (live && labels === undefined) delete ns.metadata.labels;
    await input.writer.apply(ns, { fieldManager: input.fieldManager });
  }
}
