import { describe, expect, it } from 'vitest';
import { ANCIENT_CHANGES, capUpdateManagers } from './cap-update-managers.js';
import { FieldSet } from './field-set.js';
import type { ManagerFields } from './managed-fields.js';

const updater = (i: number, apiVersion = 'v1'): ManagerFields => ({
  manager: `tool-${String(i).padStart(2, '0')}`,
  operation: 'Update',
  apiVersion,
  time: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString().replace('.000', ''),
  fields: FieldSet.fromPaths([['f:data', `f:k${i}`]]),
});
const applier: ManagerFields = { manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', fields: FieldSet.fromPaths([['f:data', 'f:x']]) };

describe('capUpdateManagers', () => {
  it('ten updaters and any number of appliers are kept as they are', () => {
    const managers = [applier, ...Array.from({ length: 10 }, (_, i) => updater(i))];
    expect(capUpdateManagers(managers)).toEqual(managers);
  });

  it('past ten updaters the two oldest fold into ancient-changes, owning both their fields, with the newer time', () => {
    const managers = [applier, ...Array.from({ length: 11 }, (_, i) => updater(i))];
    const capped = capUpdateManagers(managers);
    expect(capped.filter((m) => m.operation === 'Update')).toHaveLength(10);
    const bucket = capped.find((m) => m.manager === ANCIENT_CHANGES);
    expect(bucket?.fields.toFieldsV1()).toEqual({ 'f:data': { 'f:k0': {}, 'f:k1': {} } });
    expect(bucket?.time).toBe(updater(1).time);
    expect(capped.map((m) => m.manager)).not.toContain('tool-00');
    expect(capped).toContain(applier);
  });

  it('updates of different apiVersions fold into one bucket per apiVersion', () => {
    const managers = [...Array.from({ length: 10 }, (_, i) => updater(i, i % 2 ? 'v1' : 'v2')), updater(10), updater(11)];
    const capped = capUpdateManagers(managers);
    expect(capped.filter((m) => m.manager === ANCIENT_CHANGES).map((m) => m.apiVersion).sort()).toEqual(['v1', 'v2']);
    expect(capped.filter((m) => m.operation === 'Update')).toHaveLength(10);
  });
});
