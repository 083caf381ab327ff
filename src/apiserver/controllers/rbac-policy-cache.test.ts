import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { authorize } from '../auth/rbac.js';
import type { RequestAttributes } from '../auth/request-info.js';
import { rbacGroup } from '../auth/rbac-objects.js';
import { resourceKey } from '../resource-type.js';
import type { ObjectStore } from '../storage/object-store.js';
import { useTempObjectStores } from '../../../test/support/temp-object-store.js';
import { RbacPolicyCache } from './rbac-policy-cache.js';

const CLUSTER = 'c1';
const attrs: RequestAttributes = {
  verb: 'get', isResourceRequest: true, path: '', namespace: 'ns', apiGroup: '', apiVersion: 'v1', resource: 'pods', subresource: '', name: '',
};
const alice = { username: 'alice', groups: ['system:authenticated'] };

const role = { apiVersion: `${rbacGroup}/v1`, kind: 'Role', metadata: { name: 'reader', namespace: 'ns' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] };
const bindingTo = (user: string) => ({
  apiVersion: `${rbacGroup}/v1`, kind: 'RoleBinding', metadata: { name: 'read', namespace: 'ns' },
  roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'reader' }, subjects: [{ kind: 'User', name: user }],
});

describe('RbacPolicyCache', () => {
  const stores = useTempObjectStores('rbac-cache-');
  let store: ObjectStore | undefined;

  async function write(resource: string, obj: Record<string, unknown> | undefined, name: string): Promise<void> {
    await store?.commit([{ cluster: CLUSTER, resource: resourceKey(rbacGroup, resource), namespace: 'ns', name, obj: obj as KubeObject | undefined }]);
  }

  const cases = [
    { name: 'a binding stored before start grants, and its deletion revokes', before: true },
    { name: 'a binding written after start grants, and its deletion revokes', before: false },
  ];

  it.each(cases)('$name', async ({ before }) => {
    store = await stores.open();
    const cache = new RbacPolicyCache(store);
    if (!before) cache.start();
    await write('roles', role, 'reader');
    await write('rolebindings', bindingTo('alice'), 'read');
    if (before) cache.start();
    expect(authorize(cache.policy(CLUSTER), alice, attrs).reason).toBe('RBAC: allowed by RoleBinding "read/ns" of Role "reader" to User "alice"');
    expect(cache.policy(CLUSTER).roleBindings).toHaveLength(1);
    // An update that names someone else must drop alice's entry from the index.
    await write('rolebindings', bindingTo('bob'), 'read');
    expect(authorize(cache.policy(CLUSTER), alice, attrs).allowed).toBe(false);
    await write('rolebindings', bindingTo('alice'), 'read');
    await write('roles', undefined, 'reader');
    expect(authorize(cache.policy(CLUSTER), alice, attrs)).toEqual({ allowed: false, reason: 'RBAC: role.rbac.authorization.k8s.io "reader" not found' });
    await write('rolebindings', undefined, 'read');
    expect(cache.policy(CLUSTER).roleBindings).toEqual([]);
    expect(authorize(cache.policy(CLUSTER), alice, attrs)).toEqual({ allowed: false, reason: '' });
    await cache.stop();
  });
});
