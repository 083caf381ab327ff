import { describe, expect, it } from 'vitest';
import { makeObject as obj, printed, type PrinterCase } from './printer-cases.js';

const columns = ['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age'];
const resource = { group: 'networking.k8s.io', kind: 'Ingress' };
const ingress = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => obj('networking.k8s.io/v1', 'Ingress', { spec, status });

const cases: PrinterCase[] = [
  {
    name: 'an Ingress without hosts, class or TLS prints * <none> and port 80',
    resource,
    object: ingress({ defaultBackend: { service: { name: 'web', port: { number: 80 } } } }),
    columns,
    cells: ['x', '<none>', '*', '', '80', '3m2s'],
  },
  {
    name: 'an Ingress with TLS prints its class, hosts, sorted distinct addresses and 80, 443',
    resource,
    object: ingress(
      { ingressClassName: 'nginx', rules: [{ host: 'a.example' }, {}, { host: 'b.example' }], tls: [{ hosts: ['a.example'] }] },
      { loadBalancer: { ingress: [{ ip: '10.0.0.9' }, { hostname: 'lb.example' }, { ip: '10.0.0.1' }, { ip: '10.0.0.9' }] } },
    ),
    columns,
    cells: ['x', 'nginx', 'a.example,b.example', '10.0.0.1,10.0.0.9,lb.example', '80, 443', '3m2s'],
  },
  {
    name: 'an Ingress with more than three rules prints three hosts and how many rules more',
    resource,
    object: ingress({ rules: [{ host: 'a' }, { host: 'b' }, { host: 'c' }, {}, { host: 'e' }] }),
    columns,
    cells: ['x', '<none>', 'a,b,c + 2 more...', '', '80', '3m2s'],
  },
];

describe('ingress printer', () => {
  it.each(cases)('$name', (c) => {
    const table = printed(c);
    expect(table.columns).toEqual(c.columns);
    expect(table.wide).toEqual(c.wide ?? []);
    expect(table.cells).toEqual(c.cells);
    expect(table.columnCount).toBe(c.cells.length);
  });
});
