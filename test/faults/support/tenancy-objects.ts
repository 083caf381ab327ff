/**
 * Small readers the tenancy cases share: an object or undefined, a BundleDeployment of a
 * member's cluster namespace, a condition of any Flotilla object, and `flotilla bundle why`
 * run in-process against a hub kubeconfig with its output captured.
 */
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import { API_VERSION } from '../../../src/api/group.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { bundleWhyCommand } from '../../../src/cli/commands/bundle-why.js';
import type { CliIo } from '../../../src/cli/output/cli-io.js';
import { isNotFound } from '../../../src/kube/api-error.js';
import type { ObjectClient } from '../../../src/kube/object-client.js';
import type { Member } from './tenancy-harness.js';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export async function getOrUndefined<T extends KubeObject = KubeObject>(client: ObjectClient, ref: ObjectRef): Promise<T | undefined> {
  try {
    return await client.get<T>(ref);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** The BundleDeployment of `bundle` in `member`'s cluster namespace on the hub. */
export function deploymentOn(admin: ObjectClient, member: Member, bundle: string): Promise<BundleDeployment | undefined> {
  return getOrUndefined<BundleDeployment>(admin, { apiVersion: API_VERSION, kind: 'BundleDeployment', namespace: member.agent.credential.clusterNamespace, name: bundle });
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** A condition of `status.conditions`, or an empty one (so polls compare plain values). */
export function conditionOf(object: KubeObject | undefined, type: string): Condition {
  const conditions = (object?.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  return conditions.find((c) => c.type === type) ?? { type, status: 'Unknown' };
}

/** `flotilla bundle why BUNDLE --cluster CLUSTER -n WORKSPACE` against the hub; its stdout. */
export async function bundleWhy(kubeconfig: string, args: { bundle: string; cluster: string; workspace: string }): Promise<string> {
  let out = '';
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: () => undefined,
    kubeconfigEnv: undefined,
    home: '/nonexistent',
    now: () => new Date(),
    interrupted: () => new AbortController().signal,
  };
  await bundleWhyCommand(io).parseAsync([args.bundle, '--cluster', args.cluster, '-n', args.workspace, '--kubeconfig', kubeconfig], { from: 'user' });
  return out;
}
