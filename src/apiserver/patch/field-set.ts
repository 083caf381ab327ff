/**
 * A set of field paths, the unit of ownership in server-side apply, stored as a tree the
 * way FieldsV1 serialises it: each node has its members (paths that end here) and children
 * (paths that go on). Sets are values: operations return new sets, which may share subtrees
 * with their operands (nothing changes a set once it is built), so an operation costs the
 * nodes it visits rather than a copy of every path.
 */
import { compareElements, type FieldPath, type PathElement } from './field-path.js';
import { isJsonObject } from './json-value.js';

export type FieldsV1 = { [element: string]: FieldsV1 };

export class FieldSet {
  private readonly members = new Set<PathElement>();
  private readonly children = new Map<PathElement, FieldSet>();

  static fromPaths(paths: Iterable<FieldPath>): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  /** Reads FieldsV1 as Kubernetes stores it in `metadata.managedFields[].fieldsV1`. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const set = new FieldSet();
    if (!isJsonObject(fields)) return set;
    for (const [element, sub] of Object.entries(fields)) {
      if (element === '.') continue;
      const subKeys = isJsonObject(sub) ? Object.keys(sub) : [];
      if (subKeys.length === 0 || subKeys.includes('.')) set.members.add(element);
      if (subKeys.some((k) => k !== '.')) set.children.set(element, FieldSet.fromFieldsV1(sub));
    }
    return set;
  }

  /** Adds a path; used while building a set, before it is shared. */
  insert(path: FieldPath): void {
    const [head, ...rest] = path;
    if (head === undefined) return;
    if (rest.length === 0) {
      this.members.add(head);
      return;
    }
    let child = this.children.get(head);
    if (!child) this.children.set(head, (child = new FieldSet()));
    child.insert(rest);
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const child of this.children.values()) if (!child.isEmpty()) return false;
    return true;
  }

  hasMember(element: PathElement): boolean {
    return this.members.has(element);
  }

  child(element: PathElement): FieldSet | undefined {
    return this.children.get(element);
  }

  /** Whether the set holds this element or any path below it. */
  touches(element: PathElement): boolean {
    return this.members.has(element) || !(this.children.get(element)?.isEmpty() ?? true);
  }

  /**
   * A set made of the given members and child sets, which it shares (they must not change
   * afterwards). For the set operations, which build their results this way.
   */
  static fromParts(members: Iterable<PathElement>, children: ReadonlyMap<PathElement, FieldSet>): FieldSet {
    const set = new FieldSet();
    for (const m of members) set.members.add(m);
    for (const [e, child] of children) set.children.set(e, child);
    return set;
  }

  /** Every element this node mentions, as member or as parent, in no particular order. */
  unorderedElements(): Iterable<PathElement> {
    return new Set([...this.members, ...this.children.keys()]);
  }

  /** Every element this node mentions, as member or as parent, in Kubernetes' order. */
  elements(): PathElement[] {
    const out = [...this.members];
    for (const e of this.children.keys()) if (!this.members.has(e)) out.push(e);
    return out.sort(compareElements);
  }

  has(path: FieldPath): boolean {
    const [head, ...rest] = path;
    if (head === undefined) return false;
    return rest.length === 0 ? this.members.has(head) : (this.children.get(head)?.has(rest) ?? false);
  }

  /** Member paths in order. */
  paths(prefix: FieldPath = []): PathElement[][] {
    return this.elements().flatMap((e) => [
      ...(this.members.has(e) ? [[...prefix, e]] : []),
      ...(this.children.get(e)?.paths([...prefix, e]) ?? []),
    ]);
  }

  union(other: FieldSet): FieldSet {
    return combine(this, other, (a, b) => a || b, 'either');
  }

  intersection(other: FieldSet): FieldSet {
    return combine(this, other, (a, b) => a && b, 'both');
  }

  difference(other: FieldSet): FieldSet {
    return combine(this, other, (a, b) => a && !b, 'left');
  }

  /** This set without any path that lies at or below a member of `other`. */
  withoutSubtreesOf(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const e of this.elements()) {
      if (other.members.has(e)) continue;
      if (this.members.has(e)) out.members.add(e);
      const mine = this.children.get(e);
      if (!mine) continue;
      const theirs = other.children.get(e);
      const rest = theirs ? mine.withoutSubtreesOf(theirs) : mine;
      if (!rest.isEmpty()) out.children.set(e, rest);
    }
    return out;
  }

  /** FieldsV1 JSON: `{}` for a leaf, `.` for a member that also has children, keys in order. */
  toFieldsV1(): FieldsV1 {
    const out: FieldsV1 = {};
    this.writeFieldsV1(out);
    return out;
  }

  /** Writes this node's elements into `out`, each child into its own object (no spread copies). */
  private writeFieldsV1(out: FieldsV1): void {
    for (const e of this.elements()) {
      const child = this.children.get(e);
      if (!child || child.isEmpty()) {
        out[e] = {};
        continue;
      }
      const sub: FieldsV1 = this.members.has(e) ? { '.': {} } : {};
      child.writeFieldsV1(sub);
      out[e] = sub;
    }
  }
}

type Side = 'either' | 'both' | 'left';

function combine(a: FieldSet, b: FieldSet, keep: (inA: boolean, inB: boolean) => boolean, side: Side): FieldSet {
  const members: PathElement[] = [];
  const children = new Map<PathElement, FieldSet>();
  // Order does not matter here: elements() sorts whenever a set is read in order.
  for (const e of new Set([...a.unorderedElements(), ...b.unorderedElements()])) {
    if (keep(a.hasMember(e), b.hasMember(e))) members.push(e);
    const child = childOf(a.child(e), b.child(e), keep, side);
    if (child && !child.isEmpty()) children.set(e, child);
  }
  return FieldSet.fromParts(members, children);
}

function childOf(
  ca: FieldSet | undefined,
  cb: FieldSet | undefined,
  keep: (inA: boolean, inB: boolean) => boolean,
  side: Side,
): FieldSet | undefined {
  if (ca && cb) return combine(ca, cb, keep, side);
  if (side === 'both') return undefined;
  if (side === 'left') return ca;
  return ca ?? cb;
}
