/**
 * What the hub fault cases watch while they break things: every object the agents applied on
 * the members (each must stay present with the same uid from the moment it is first seen, so
 * a delete, even one followed by a re-create, is caught), and a census of BundleDeployments
 * (exactly one per bundle and cluster, in that cluster's namespace).
 */
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { clusterNamespaceName } from '../../../src/api/names.js';
import { LABELS, SYSTEM_NAMESPACE } from '../../../src/api/well-known.js';
import type { MemberClient } from './hub-world.js';
import { WORKSPACE } from './hub-world.js';

const SAMPLE_PAUSE_MS = 100;
/** Where the agent keeps its inventory ConfigMaps: its bookkeeping, not applied content. */
const AGENT_NAMESPACE = SYSTEM_NAMESPACE;

export interface AppliedObject {
  uid: string;
  data: Record<string, string> | undefined;
}

/** `cluster/namespace/name` of every ConfigMap the agents applied from bundles, with its uid and data. */
export async function appliedConfigMaps(members: readonly MemberClient[]): Promise<Map<string, AppliedObject>> {
  const found = new Map<string, AppliedObject>();
  await Promise.all(
    members.map(async ({ cluster, client }) => {
      const list = await client.list<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'ConfigMap' }, { labelSelector: LABELS.managedBy });
      for (const cm of list.items.filter((o) => o.metadata.namespace !== AGENT_NAMESPACE)) found.set(`${cluster}/${cm.metadata.namespace ?? ''}/${cm.metadata.name ?? ''}`, { uid: cm.metadata.uid ?? '', data: cm.data });
    }),
  );
  return found;
}

/**
 * Samples the members over and over until stopped. An object once seen that is later missing
 * or has another uid is a violation: the agent deleted what it had applied.
 */
export class MemberMonitor {
  private readonly seen = new Map<string, string>();
  private readonly values = new Map<string, string[]>();
  private readonly found: string[] = [];
  /** Samples that failed to read a member (not violations: the members are never broken here). */
  readonly errors: string[] = [];
  private samples = 0;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(private readonly members: readonly MemberClient[]) {
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const now = await appliedConfigMaps(this.members).catch((err: unknown) => {
        this.errors.push(String(err));
        return undefined;
      });
      if (now) this.compare(now);
      // A pause between samples, so watching does not starve the processes under test.
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_PAUSE_MS));
    }
  }

  private compare(now: Map<string, AppliedObject>): void {
    for (const [key, uid] of this.seen) {
      const current = now.get(key);
      if (!current) this.found.push(`${key} disappeared (sample ${this.samples})`);
      else if (current.uid !== uid) this.found.push(`${key} was re-created: uid ${uid} became ${current.uid} (sample ${this.samples})`);
    }
    for (const [key, object] of now) {
      this.seen.set(key, object.uid);
      const history = this.values.get(key) ?? [];
      const value = object.data?.value ?? '';
      if (history.at(-1) !== value) this.values.set(key, [...history, value]);
    }
    this.samples++;
  }

  /** Every violation seen so far (sampling goes on). */
  get violations(): string[] {
    return [...this.found];
  }

  /**
   * The successive values of `data.value` sampled for `cluster/namespace/name`, each change
   * once: `['v1', 'v2']` for a clean update, `['v1', 'v2', 'v1', 'v2']` when it was rolled back.
   */
  history(key: string): string[] {
    return [...(this.values.get(key) ?? [])];
  }

  /**
   * Resolves once a sample begun after this call is taken, so what the caller has just seen
   * on the members is in the history too (a sample in progress may have read before it).
   */
  async caughtUp(): Promise<void> {
    const target = this.samples + 2;
    while (this.running && this.samples < target) await new Promise((resolve) => setTimeout(resolve, SAMPLE_PAUSE_MS));
  }

  /** How many full samples of every member were taken. */
  get sampleCount(): number {
    return this.samples;
  }

  /** How many distinct applied objects were seen. */
  get objectCount(): number {
    return this.seen.size;
  }

  /** Stops sampling; resolves to every violation seen. */
  async stop(): Promise<string[]> {
    this.running = false;
    await this.loop;
    return [...this.found];
  }
}

export interface Census {
  /** `bundle@cluster` pairs with no BundleDeployment. */
  missing: string[];
  /** `bundle@cluster` pairs with more than one. */
  duplicated: string[];
  /** BundleDeployments whose namespace is not their cluster's namespace. */
  misplaced: string[];
  total: number;
}

/** Compares BundleDeployments with the bundles × clusters that should each have exactly one. */
export function deploymentCensus(deployments: readonly BundleDeployment[], expected: { bundles: readonly string[]; clusters: readonly string[] }): Census {
  const counts = new Map<string, number>();
  const misplaced: string[] = [];
  for (const bd of deployments) {
    const bundle = bd.metadata.labels?.[LABELS.bundleName] ?? '';
    const cluster = bd.metadata.labels?.[LABELS.clusterName] ?? '';
    const key = `${bundle}@${cluster}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (bd.metadata.namespace !== clusterNamespaceName(WORKSPACE, cluster) || bd.metadata.name !== bundle) misplaced.push(`${bd.metadata.namespace}/${bd.metadata.name} (${key})`);
  }
  const missing: string[] = [];
  for (const bundle of expected.bundles) for (const cluster of expected.clusters) if (!counts.has(`${bundle}@${cluster}`)) missing.push(`${bundle}@${cluster}`);
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([key]) => key);
  return { missing, duplicated, misplaced, total: deployments.length };
}

/** uid by `namespace/name`, to compare before and after a fault. */
export function uidsByName(objects: readonly { metadata: { namespace?: string; name?: string; uid?: string } }[]): Map<string, string> {
  return new Map(objects.map((o) => [`${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`, o.metadata.uid ?? '']));
}
