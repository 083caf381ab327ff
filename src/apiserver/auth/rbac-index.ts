/**
 * The RBAC objects of one logical cluster, indexed so that resolving a user's rules costs
 * what the user's own bindings cost, not what every binding of every registered cluster
 * costs: bindings by the subjects they name (User name, Group name, ServiceAccount
 * namespace and name; RoleBindings also by namespace), Roles by namespace and name,
 * ClusterRoles by name. Kept incrementally, one object at a time, so a change costs the same
 * however many objects there are. Every answer is in list order (the order the lists would
 * be walked in), because the first binding that allows is the one "allowed by" names and
 * unresolvable roles are reported in visiting order.
 */
import type { ClusterRole, ClusterRoleBinding, RbacLookup, RbacPolicy, Role, RoleBinding, Subject } from './rbac-objects.js';
import { parseServiceAccountUsername, type UserInfo } from './user-info.js';

export type RbacListField = 'roles' | 'clusterRoles' | 'roleBindings' | 'clusterRoleBindings';

/** One stored object; `seq` is its position in its list (kept across updates, as a Map keeps it). */
interface Entry<T> {
  readonly seq: number;
  obj: T;
}

type Binding = RoleBinding | ClusterRoleBinding;
type AnyObject = Role | ClusterRole | Binding;

/** An injective key for a pair of strings (the length prefix tells where the first ends). */
const pairKey = (a: string, b: string): string => `${a.length}:${a}/${b}`;

/** Sets of entries under string keys. */
class Buckets<T> {
  private readonly map = new Map<string, Set<Entry<T>>>();

  add(key: string, entry: Entry<T>): void {
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(entry);
  }

  remove(key: string, entry: Entry<T>): void {
    const set = this.map.get(key);
    if (!set) return;
    set.delete(entry);
    if (set.size === 0) this.map.delete(key);
  }

  get(key: string): ReadonlySet<Entry<T>> | undefined {
    return this.map.get(key);
  }

  /** The earliest entry under the key: what `find` over the list returns. */
  first(key: string): T | undefined {
    let best: Entry<T> | undefined;
    for (const entry of this.map.get(key) ?? []) if (!best || entry.seq < best.seq) best = entry;
    return best?.obj;
  }
}

/**
 * The keys under which a binding is found: one per subject that could name some user.
 * `scope` is '' for ClusterRoleBindings, the namespace for RoleBindings (it prefixes every key).
 */
function subjectKeys(subjects: readonly Subject[] | undefined, scope: string, bindingNamespace: string): string[] {
  const keys: string[] = [];
  for (const subject of Array.isArray(subjects) ? subjects : []) {
    if (typeof subject?.name !== 'string') continue;
    if (subject.kind === 'User') keys.push(pairKey(scope, `u:${subject.name}`));
    else if (subject.kind === 'Group') keys.push(pairKey(scope, `g:${subject.name}`));
    else if (subject.kind === 'ServiceAccount') {
      // A ServiceAccount subject without a namespace means the binding's; with neither, nobody.
      const namespace = subject.namespace || bindingNamespace;
      if (namespace) keys.push(pairKey(scope, `s:${pairKey(namespace, subject.name)}`));
    }
  }
  return keys;
}

/** The keys under which bindings naming this user are found, in a scope. */
function userKeys(user: UserInfo, scope: string): string[] {
  const keys = [pairKey(scope, `u:${user.username}`)];
  for (const group of user.groups) keys.push(pairKey(scope, `g:${group}`));
  const sa = parseServiceAccountUsername(user.username);
  if (sa) keys.push(pairKey(scope, `s:${pairKey(sa.namespace, sa.name)}`));
  return keys;
}

const bySeq = (a: Entry<unknown>, b: Entry<unknown>): number => a.seq - b.seq;

export class RbacIndex implements RbacLookup {
  /** The objects per list, by the holder's key, in list order. */
  private readonly entries: Record<RbacListField, Map<string, Entry<AnyObject>>> = {
    roles: new Map(),
    clusterRoles: new Map(),
    roleBindings: new Map(),
    clusterRoleBindings: new Map(),
  };
  private readonly lists = new Map<RbacListField, readonly AnyObject[]>();
  private readonly clusterRolesByName = new Buckets<AnyObject>();
  private readonly rolesByName = new Buckets<AnyObject>();
  private readonly bindingsBySubject = new Buckets<AnyObject>();
  private nextSeq = 0;

  /** The policy this index answers for: lists built on first read after a change, and the index itself. */
  readonly policy: RbacPolicy;

  constructor() {
    const list = <T>(field: RbacListField): readonly T[] => this.list(field) as readonly T[];
    this.policy = {
      get roles() {
        return list<Role>('roles');
      },
      get clusterRoles() {
        return list<ClusterRole>('clusterRoles');
      },
      get roleBindings() {
        return list<RoleBinding>('roleBindings');
      },
      get clusterRoleBindings() {
        return list<ClusterRoleBinding>('clusterRoleBindings');
      },
      lookup: this,
    };
  }

  /** Adds or replaces the object stored under `key` in a list; a replaced object keeps its place. */
  put(field: RbacListField, key: string, obj: AnyObject): void {
    const entries = this.entries[field];
    let entry = entries.get(key);
    if (entry) this.unindex(field, entry);
    else entries.set(key, (entry = { seq: this.nextSeq++, obj }));
    entry.obj = obj;
    this.index(field, entry);
    this.lists.delete(field);
  }

  remove(field: RbacListField, key: string): void {
    const entries = this.entries[field];
    const entry = entries.get(key);
    if (!entry) return;
    this.unindex(field, entry);
    entries.delete(key);
    this.lists.delete(field);
  }

  clusterRole(name: string): ClusterRole | undefined {
    return this.clusterRolesByName.first(name) as ClusterRole | undefined;
  }

  role(namespace: string, name: string): Role | undefined {
    return this.rolesByName.first(pairKey(namespace, name)) as Role | undefined;
  }

  clusterRoleBindingsNaming(user: UserInfo): readonly ClusterRoleBinding[] {
    return this.bindingsNaming(user, '') as ClusterRoleBinding[];
  }

  roleBindingsNaming(user: UserInfo, namespace: string): readonly RoleBinding[] {
    // '' is the ClusterRoleBindings' scope; RoleBindings are only ever looked up in a namespace.
    return namespace ? (this.bindingsNaming(user, namespace) as RoleBinding[]) : [];
  }

  private bindingsNaming(user: UserInfo, scope: string): AnyObject[] {
    const found = new Set<Entry<AnyObject>>();
    for (const key of userKeys(user, scope)) {
      for (const entry of this.bindingsBySubject.get(key) ?? []) found.add(entry);
    }
    return [...found].sort(bySeq).map((e) => e.obj);
  }

  private list(field: RbacListField): readonly AnyObject[] {
    let list = this.lists.get(field);
    if (!list) this.lists.set(field, (list = [...this.entries[field].values()].map((e) => e.obj)));
    return list;
  }

  private index(field: RbacListField, entry: Entry<AnyObject>): void {
    for (const [buckets, key] of this.keysOf(field, entry.obj)) buckets.add(key, entry);
  }

  private unindex(field: RbacListField, entry: Entry<AnyObject>): void {
    for (const [buckets, key] of this.keysOf(field, entry.obj)) buckets.remove(key, entry);
  }

  /** Where an object is indexed; only values a list walk could match are keys. */
  private keysOf(field: RbacListField, obj: AnyObject): Array<[Buckets<AnyObject>, string]> {
    const { name, namespace } = obj.metadata;
    switch (field) {
      case 'clusterRoles':
        return typeof name === 'string' ? [[this.clusterRolesByName, name]] : [];
      case 'roles':
        return typeof name === 'string' && typeof namespace === 'string' ? [[this.rolesByName, pairKey(namespace, name)]] : [];
      case 'clusterRoleBindings':
        return subjectKeys((obj as Binding).subjects, '', '').map((key) => [this.bindingsBySubject, key]);
      case 'roleBindings':
        // A RoleBinding outside any namespace is never visited.
        if (typeof namespace !== 'string' || !namespace) return [];
        return subjectKeys((obj as Binding).subjects, namespace, namespace).map((key) => [this.bindingsBySubject, key]);
    }
  }
}

/** An indexed copy of a policy given as plain lists (same objects, same order). */
export function indexedPolicy(policy: RbacPolicy): RbacPolicy {
  const index = new RbacIndex();
  const fields: RbacListField[] = ['roles', 'clusterRoles', 'roleBindings', 'clusterRoleBindings'];
  for (const field of fields) {
    // Keyed by position, so even a list holding two objects of one name is kept as it is.
    policy[field].forEach((obj, i) => index.put(field, `#${i}`, obj));
  }
  return index.policy;
}
