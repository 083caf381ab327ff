/**
 * Printers of the kinds a managed namespace places besides its quota: RBAC roles and
 * bindings, NetworkPolicy, and Lease, with kubectl's columns.
 */
import type { KubeObject } from '../../api/meta.js';
import { ageColumn, column, createdAt, createdAtColumn, field, formatLabelSelector, list, nameColumn, objectAge, str, type Printer } from './printer.js';

const name = (o: KubeObject) => o.metadata.name ?? '';

export const rolePrinter: Printer = {
  columns: [nameColumn, createdAtColumn],
  cells: (o) => [name(o), createdAt(o)],
};

function subjects(o: KubeObject, kind: string): string {
  return list(o.subjects)
    .filter((s) => str(field(s, 'kind')) === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${str(field(s, 'namespace'))}/${str(field(s, 'name'))}` : str(field(s, 'name'))))
    .join(', ');
}

export const roleBindingPrinter: Printer = {
  columns: [
    nameColumn,
    column('Role', { description: 'The role granted: Kind/name.' }),
    ageColumn,
    column('Users', { priority: 1, description: 'Users the role is granted to.' }),
    column('Groups', { priority: 1, description: 'Groups the role is granted to.' }),
    column('ServiceAccounts', { priority: 1, description: 'Service accounts the role is granted to.' }),
  ],
  cells: (o, now) => [
    name(o),
    `${str(field(o, 'roleRef', 'kind'))}/${str(field(o, 'roleRef', 'name'))}`,
    objectAge(o, now),
    subjects(o, 'User'),
    subjects(o, 'Group'),
    subjects(o, 'ServiceAccount'),
  ],
};

export const networkPolicyPrinter: Printer = {
  columns: [nameColumn, column('Pod-Selector', { description: 'The pods the policy applies to.' }), ageColumn],
  cells: (o, now) => [name(o), formatLabelSelector(field(o, 'spec', 'podSelector')), objectAge(o, now)],
};

export const leasePrinter: Printer = {
  columns: [nameColumn, column('Holder', { description: 'The identity holding the lease.' }), ageColumn],
  cells: (o, now) => [name(o), str(field(o, 'spec', 'holderIdentity')), objectAge(o, now)],
};
