/**
 * The Ingress printer: CLASS, the first three HOSTS (`*` when no rule names one), the load
 * balancer ADDRESS (sorted, distinct; unclipped since the server prints wide), and PORTS.
 */
import type { KubeObject } from '../../api/meta.js';
import { ageColumn, column, field, list, nameColumn, objectAge, str, type Printer } from './printer.js';

const MAX_HOSTS = 3;

function hosts(o: KubeObject): string {
  const rules = list(field(o, 'spec', 'rules'));
  const shown: string[] = [];
  let more = false;
  // As Kubernetes does: once three hosts are shown, any further rule (named or not) is "more".
  for (const rule of rules) {
    if (shown.length === MAX_HOSTS) more = true;
    const host = str(field(rule, 'host'));
    if (!more && host) shown.push(host);
  }
  if (shown.length === 0) return '*';
  return more ? `${shown.join(',')} + ${rules.length - MAX_HOSTS} more...` : shown.join(',');
}

function loadBalancerAddress(o: KubeObject): string {
  const all = list(field(o, 'status', 'loadBalancer', 'ingress')).map((i) => str(field(i, 'ip')) || str(field(i, 'hostname')));
  return [...new Set(all.filter(Boolean))].sort().join(',');
}

export const ingressPrinter: Printer = {
  columns: [
    nameColumn,
    column('Class', { description: 'The name of the IngressClass resource that should be used for additional configuration' }),
    column('Hosts', { description: 'Hosts that incoming requests are matched against before the ingress rule' }),
    column('Address', { description: 'Address is a list containing ingress points for the load-balancer' }),
    column('Ports', { description: 'Ports of TLS configurations that open' }),
    ageColumn,
  ],
  cells: (o, now) => [
    o.metadata.name ?? '',
    str(field(o, 'spec', 'ingressClassName')) || '<none>',
    hosts(o),
    loadBalancerAddress(o),
    list(field(o, 'spec', 'tls')).length ? '80, 443' : '80',
    objectAge(o, now),
  ],
};
