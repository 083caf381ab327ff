/**
 * What `flotilla namespace show` prints below a ManagedNamespace's fields in the table view:
 * its member clusters with their states (the part a platform admin checks first), the
 * definition, and its role assignments. Pure: the object in, describe sections out.
 */
import type { ManagedNamespace } from '../../../api/managed-namespace.js';
import type { DescribeSection } from '../../output/describe-object.js';

function pairs(map: Record<string, string> | undefined): string {
  const entries = Object.entries(map ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : '<none>';
}

function definitionLines(mns: ManagedNamespace): string[] {
  const s = mns.spec;
  const q = s.resourceQuota ?? {};
  const quota = [['cpu requests', q.cpuRequests], ['cpu limits', q.cpuLimits], ['memory requests', q.memoryRequests], ['memory limits', q.memoryLimits]]
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${String(k)} ${String(v)}`)
    .join(', ');
  const placement = s.memberClusterNames?.length ? s.memberClusterNames.join(', ') : s.clusterGroup ? `group ${s.clusterGroup}` : s.clusterSelector ? `selector ${JSON.stringify(s.clusterSelector)}` : '<none: hub only>';
  return [
    `Source:          ${mns.metadata.labels?.['flotilla.io/managed-namespace-source'] ?? 'manifest'}`,
    `Labels:          ${pairs(s.labels)}`,
    `Annotations:     ${pairs(s.annotations)}`,
    `Resource quota:  ${quota || '<none>'}`,
    `Ingress policy:  ${s.networkPolicy?.ingress ?? '<none>'}`,
    `Egress policy:   ${s.networkPolicy?.egress ?? '<none>'}`,
    `Member clusters: ${placement}`,
    `Bundle:          ${mns.status?.bundleName ?? '<none>'}`,
  ];
}

export function namespaceSections(mns: ManagedNamespace): DescribeSection[] {
  const members = mns.status?.members ?? [];
  return [
    {
      title: 'Members',
      table: {
        headers: ['Cluster', 'State', 'Since', 'Message', 'Differences'],
        rows: members.map((m) => [m.clusterName, m.state, m.lastTransitionTime ?? '', m.message ?? '', (m.differences ?? []).join('; ')]),
      },
    },
    { title: 'Definition', lines: definitionLines(mns) },
    { title: 'Role assignments', table: { headers: ['Role', 'Kind', 'Name'], rows: (mns.spec.roleAssignments ?? []).map((a) => [a.role, a.kind, a.name]) } },
  ];
}
