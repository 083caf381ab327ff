/**
 * Whether a BundleDeployment's newly computed status is worth a write: equal apart from
 * condition timestamps means no write, so re-checking an unchanged bundle (after every watch
 * event and resync) never touches the hub. And whether a watch event changed only the
 * status, which tells the agent's own status write coming back from anything it must act on.
 */
import type { BundleDeployment, BundleDeploymentStatus } from '../../api/bundle-deployment.js';

function comparable(status: BundleDeploymentStatus | undefined): string {
  const conditions = (status?.conditions ?? []).map(({ lastUpdateTime: _u, lastTransitionTime: _t, ...rest }) => rest).sort((a, b) => a.type.localeCompare(b.type));
  return canonical({ ...status, conditions });
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function statusChanged(previous: BundleDeploymentStatus | undefined, next: BundleDeploymentStatus): boolean {
  return comparable(previous) !== comparable(next);
}

/** The object apart from its status and the server's bookkeeping of versions and field owners. */
function withoutStatus(bd: BundleDeployment): string {
  const { resourceVersion: _v, managedFields: _f, ...metadata } = bd.metadata;
  return canonical({ ...bd, metadata, status: undefined });
}

/** Whether `next` differs from `previous` in its status alone (spec, labels, annotations and deletion unchanged). */
export function onlyStatusChanged(previous: BundleDeployment, next: BundleDeployment): boolean {
  return withoutStatus(previous) === withoutStatus(next);
}
