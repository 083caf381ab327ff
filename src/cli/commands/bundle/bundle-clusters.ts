/**
 * A Bundle's per-cluster view for `flotilla bundle show`: one row per BundleDeployment (one
 * per targeted cluster), with the state the agent reports and, when not ready, why. Pure:
 * BundleDeployments in, rows out, sorted by cluster.
 */
import type { BundleDeployment } from '../../../api/bundle-deployment.js';
import type { NonReadyStatus } from '../../../api/bundle-summary.js';
import { LABELS } from '../../../api/well-known.js';
import type { TextTable } from '../../output/table-text.js';

/**
 * The state shown for one cluster: the agent's own summary when it wrote one, else what the
 * spec and status say at a glance (not yet applied, or applied and not ready).
 */
export function clusterState(bd: BundleDeployment): string {
  const display = bd.status?.display?.state;
  if (display) return display;
  const wanted = bd.spec.deploymentID ?? '';
  if (!wanted) return 'OutOfSync';
  if ((bd.status?.appliedDeploymentID ?? '') !== wanted) return 'WaitApplied';
  return bd.status?.ready ? 'Ready' : 'NotReady';
}

function objectMessage(object: NonReadyStatus): string {
  const what = `${object.kind ?? ''} ${object.namespace ? `${object.namespace}/` : ''}${object.name ?? ''}`.trim();
  return `${what}: ${object.summary?.message?.join('; ') ?? object.summary?.state ?? 'not ready'}`;
}

/** Why a cluster is not ready: the first failing condition's message, else the first non-ready object. */
export function clusterMessage(bd: BundleDeployment): string {
  const failing = bd.status?.conditions?.find((c) => c.status === 'False' && c.message);
  if (failing?.message) return failing.message;
  const object = bd.status?.nonReadyStatus?.[0];
  return object ? objectMessage(object) : '';
}

export function bundleClusterTable(deployments: readonly BundleDeployment[]): TextTable {
  const rows = deployments.map((bd) => [
    bd.metadata.labels?.[LABELS.clusterName] ?? '',
    bd.metadata.labels?.[LABELS.clusterNamespace] ?? '',
    bd.metadata.namespace ?? '',
    clusterState(bd),
    clusterMessage(bd),
  ]);
  rows.sort((a, b) => `${a[1]}/${a[0]}`.localeCompare(`${b[1]}/${b[0]}`));
  return { headers: ['Cluster', 'Workspace', 'Cluster-Namespace', 'State', 'Message'], rows };
}
