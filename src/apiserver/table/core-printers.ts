/**
 * Printers of core/v1 kinds other than Pod, with the columns `kubectl get` shows against a
 * real cluster (Kubernetes' pkg/printers/internalversion).
 */
import type { KubeObject } from '../../api/meta.js';
import { age } from './human-duration.js';
import { ageColumn, column, count, field, formatLabels, list, nameColumn, num, objectAge, str, type Printer } from './printer.js';

const name = (o: KubeObject) => o.metadata.name ?? '';

export const namespacePrinter: Printer = {
  columns: [nameColumn, column('Status', { description: 'The phase of the namespace: Active or Terminating.' }), ageColumn],
  cells: (o, now) => [name(o), str(field(o, 'status', 'phase')), objectAge(o, now)],
};

export const configMapPrinter: Printer = {
  columns: [nameColumn, column('Data', { type: 'integer', description: 'The number of keys in data and binaryData.' }), ageColumn],
  cells: (o, now) => [name(o), count(o.data) + count(o.binaryData), objectAge(o, now)],
};

export const secretPrinter: Printer = {
  columns: [
    nameColumn,
    column('Type', { description: 'The type of the secret.' }),
    column('Data', { type: 'integer', description: 'The number of keys in data.' }),
    ageColumn,
  ],
  cells: (o, now) => [name(o), str(o.type), count(o.data), objectAge(o, now)],
};

export const serviceAccountPrinter: Printer = {
  columns: [nameColumn, column('Secrets', { type: 'integer', description: 'The number of secrets listed by the service account.' }), ageColumn],
  cells: (o, now) => [name(o), count(o.secrets), objectAge(o, now)],
};

function externalIps(o: KubeObject): string {
  const type = str(field(o, 'spec', 'type'), 'ClusterIP');
  const external = list(field(o, 'spec', 'externalIPs')).map((ip) => str(ip));
  if (type === 'ExternalName') return str(field(o, 'spec', 'externalName'));
  if (type === 'LoadBalancer') {
    const ingress = list(field(o, 'status', 'loadBalancer', 'ingress')).map((i) => str(field(i, 'ip')) || str(field(i, 'hostname')));
    const all = [...ingress, ...external].filter(Boolean);
    return all.length ? all.join(',') : '<pending>';
  }
  return external.length ? external.join(',') : '<none>';
}

function servicePorts(o: KubeObject): string {
  const ports = list(field(o, 'spec', 'ports')).map((p) => {
    const nodePort = num(field(p, 'nodePort'));
    const protocol = str(field(p, 'protocol'), 'TCP');
    return nodePort ? `${num(field(p, 'port'))}:${nodePort}/${protocol}` : `${num(field(p, 'port'))}/${protocol}`;
  });
  return ports.length ? ports.join(',') : '<none>';
}

export const servicePrinter: Printer = {
  columns: [
    nameColumn,
    column('Type', { description: 'How the service is exposed.' }),
    column('Cluster-IP', { description: 'The IP address of the service inside the cluster.' }),
    column('External-IP', { description: 'The IP addresses the service is reachable at from outside.' }),
    column('Port(s)', { description: 'The ports the service exposes.' }),
    ageColumn,
    column('Selector', { priority: 1, description: 'The labels of the pods the service routes to.' }),
  ],
  cells: (o, now) => [
    name(o),
    str(field(o, 'spec', 'type'), 'ClusterIP'),
    str(field(o, 'spec', 'clusterIP')) || '<none>',
    externalIps(o),
    servicePorts(o),
    objectAge(o, now),
    formatLabels(field(o, 'spec', 'selector')),
  ],
};

function quotaColumn(o: KubeObject, limits: boolean): string {
  const hard = (field(o, 'spec', 'hard') ?? {}) as Record<string, unknown>;
  const used = (field(o, 'status', 'used') ?? {}) as Record<string, unknown>;
  const statusHard = (field(o, 'status', 'hard') ?? {}) as Record<string, unknown>;
  return Object.keys(hard)
    .sort()
    .filter((r) => r.startsWith('limits.') === limits)
    .map((r) => `${r}: ${str(used[r], '0')}/${str(statusHard[r], '0')}`)
    .join(', ');
}

export const resourceQuotaPrinter: Printer = {
  columns: [
    nameColumn,
    ageColumn,
    column('Request', { description: 'Used and hard quota of each resource that is not a limit.' }),
    column('Limit', { description: 'Used and hard quota of each limits.* resource.' }),
  ],
  cells: (o, now) => [name(o), objectAge(o, now), quotaColumn(o, false), quotaColumn(o, true)],
};

function endpointsCell(o: KubeObject): string {
  const all: string[] = [];
  for (const subset of list(o.subsets)) {
    const ports = list(field(subset, 'ports')).map((p) => num(field(p, 'port')));
    for (const address of list(field(subset, 'addresses'))) {
      const ip = str(field(address, 'ip'));
      if (ports.length === 0) all.push(ip);
      else all.push(...ports.map((p) => `${ip}:${p}`));
    }
  }
  if (all.length === 0) return '<none>';
  const shown = all.slice(0, 3).join(',');
  return all.length > 3 ? `${shown} + ${all.length - 3} more...` : shown;
}

export const endpointsPrinter: Printer = {
  columns: [nameColumn, column('Endpoints', { description: 'The addresses and ports of the endpoints.' }), ageColumn],
  cells: (o, now) => [name(o), endpointsCell(o), objectAge(o, now)],
};

function eventTimes(o: KubeObject, now: Date): { last: string; first: string; count: number } {
  const firstTs = str(o.firstTimestamp) || str(o.eventTime);
  const first = age(firstTs || undefined, now);
  const series = o.series as { lastObservedTime?: string; count?: number } | undefined;
  if (series) return { first, last: age(series.lastObservedTime, now), count: series.count ?? 0 };
  const lastTs = str(o.lastTimestamp);
  return { first, last: lastTs ? age(lastTs, now) : first, count: num(o.count) || 1 };
}

function eventSource(o: KubeObject): string {
  const component = str(field(o, 'source', 'component')) || str(o.reportingComponent);
  const host = str(field(o, 'source', 'host')) || str(o.reportingInstance);
  return host ? `${component}, ${host}` : component;
}

export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', { description: 'When the event was last observed.' }),
    column('Type', { description: 'Normal or Warning.' }),
    column('Reason', { description: 'Why the event happened, in one word.' }),
    column('Object', { description: 'The object the event is about.' }),
    column('Subobject', { priority: 1, description: 'The field of the object the event is about.' }),
    column('Source', { priority: 1, description: 'The component that reported the event.' }),
    column('Message', { description: 'What happened.' }),
    column('First Seen', { priority: 1, description: 'When the event was first observed.' }),
    column('Count', { type: 'integer', priority: 1, description: 'How often the event happened.' }),
    column('Name', { priority: 1, format: 'name', description: 'The name of the event.' }),
  ],
  cells: (o, now) => {
    const t = eventTimes(o, now);
    const kind = str(field(o, 'involvedObject', 'kind')).toLowerCase();
    const target = str(field(o, 'involvedObject', 'name'));
    return [
      t.last,
      str(o.type),
      str(o.reason),
      target ? `${kind}/${target}` : kind,
      str(field(o, 'involvedObject', 'fieldPath')),
      eventSource(o),
      str(o.message).trim(),
      t.first,
      t.count,
      name(o),
    ];
  },
};
