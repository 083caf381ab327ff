/**
 * `flotilla bundle why BUNDLE --cluster CLUSTER`: whether a Bundle reaches a Cluster and why,
 * decided by the same pure function as the controller (`explainTarget`) over what the hub
 * holds now: the target and customizations used, or the reason it is not targeted (no
 * target matched, a restriction refused it, doNotDeploy, no BundleNamespaceMapping, a
 * same-named bundle of another workspace). When a BundleDeployment exists, its state too.
 */
import { Command } from 'commander';
import type { Bundle } from '../../api/bundle.js';
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { Cluster } from '../../api/cluster.js';
import type { ClusterGroup } from '../../api/cluster-group.js';
import type { GitRepo } from '../../api/git-repo.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { clusterNamespaceName } from '../../api/names.js';
import { deploymentState } from '../../controller/status/index.js';
import {
  toNamespaceMapping,
  toRestriction,
  toTargetBundle,
  toTargetCluster,
  toTargetGitRepo,
  toTargetGroup,
  toWorkspaceNamespace,
  type MappingObject,
  type RestrictionObject,
} from '../../controller/targeting/index.js';
import { isNotFound } from '../../kube/api-error.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { describeTarget, explainTarget, type ResolveTargetsInput, type TargetDecision } from '../../targeting/index.js';
import { processIo, type CliIo } from '../output/cli-io.js';
import { addHubOptions, withHub, type HubFlags } from '../output/hub-connection.js';

interface WhyFlags extends HubFlags {
  cluster: string;
  output: string;
}

export type WhyAnswer = TargetDecision | { readonly error: { readonly reason: string; readonly message: string } };

/** The decision in words, one fact per line. */
export function formatWhy(bundle: string, cluster: string, answer: WhyAnswer, deployment?: BundleDeployment): string {
  const lines = [`Bundle ${bundle} on cluster ${cluster}:`];
  if ('error' in answer) {
    lines.push(`  not resolved (${answer.error.reason}): ${answer.error.message}`, '  nothing deployed is changed until this is fixed');
  } else if (answer.targeted) {
    lines.push(`  targeted: ${answer.message}`);
    if (answer.customizations.length > 0) lines.push(`  customizations: ${answer.customizations.map((c) => describeTarget('customization', c)).join(', ')}`);
    lines.push(`  options hash: ${answer.optionsHash}`);
  } else {
    lines.push(`  not targeted (${answer.reason}): ${answer.message}`);
    if (answer.target) lines.push(`  matching ${describeTarget('target', answer.target)}`);
  }
  if (deployment) {
    const { spec } = deployment;
    lines.push(`  BundleDeployment ${deployment.metadata.namespace}/${deployment.metadata.name}: ${deploymentState(deployment)}`);
    lines.push(`    deploymentID: ${spec.deploymentID || '(none yet)'}`);
    if (spec.stagedDeploymentID && spec.stagedDeploymentID !== spec.deploymentID) lines.push(`    staged: ${spec.stagedDeploymentID} (the rollout holds it back)`);
  }
  return `${lines.join('\n')}\n`;
}

async function listAll<T extends KubeObject>(client: ObjectClient, apiVersion: string, kind: string): Promise<T[]> {
  return (await client.listAll<T>({ apiVersion, kind })).items;
}

/** Everything targeting reads, as the controller's caches would hold it. */
async function readInputs(client: ObjectClient): Promise<Omit<ResolveTargetsInput, 'explain'> & { clusterObjects: Cluster[] }> {
  const [bundles, clusters, groups, namespaces, mappings, gitRepos, restrictions] = await Promise.all([
    listAll<Bundle>(client, API_VERSION, 'Bundle'),
    listAll<Cluster>(client, API_VERSION, 'Cluster'),
    listAll<ClusterGroup>(client, API_VERSION, 'ClusterGroup'),
    listAll<KubeObject>(client, 'v1', 'Namespace'),
    listAll<MappingObject>(client, API_VERSION, 'BundleNamespaceMapping'),
    listAll<GitRepo>(client, API_VERSION, 'GitRepo'),
    listAll<RestrictionObject>(client, API_VERSION, 'GitRepoRestriction'),
  ]);
  return {
    bundles: bundles.map(toTargetBundle),
    clusters: clusters.map(toTargetCluster),
    clusterObjects: clusters,
    groups: groups.map(toTargetGroup),
    namespaces: namespaces.filter((n) => !n.metadata.labels?.['flotilla.io/managed']).map(toWorkspaceNamespace),
    mappings: mappings.map(toNamespaceMapping),
    gitRepos: gitRepos.map(toTargetGitRepo),
    restrictions: restrictions.map(toRestriction),
  };
}

/** `workspace/name`, or a name looked up in the bundle's workspace first, then in any workspace holding exactly one. */
export function clusterKey(arg: string, workspace: string, clusters: readonly Cluster[]): string {
  if (arg.includes('/')) return arg;
  const named = clusters.filter((c) => c.metadata.name === arg);
  const own = named.find((c) => c.metadata.namespace === workspace);
  if (own) return `${workspace}/${arg}`;
  if (named.length === 1) return `${named[0]?.metadata.namespace}/${arg}`;
  if (named.length === 0) throw new Error(`cluster "${arg}" not found in any workspace`);
  throw new Error(`cluster "${arg}" exists in several workspaces (${named.map((c) => c.metadata.namespace).join(', ')}): name it as <workspace>/${arg}`);
}

async function deploymentFor(client: ObjectClient, cluster: string, bundleName: string): Promise<BundleDeployment | undefined> {
  const [workspace = '', name = ''] = cluster.split('/');
  try {
    return await client.get<BundleDeployment>({ apiVersion: API_VERSION, kind: 'BundleDeployment', namespace: clusterNamespaceName(workspace, name), name: bundleName });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

async function runWhy(client: ObjectClient, bundleName: string, flags: WhyFlags, io: CliIo): Promise<void> {
  const inputs = await readInputs(client);
  const bundle = `${flags.namespace}/${bundleName}`;
  if (!inputs.bundles.some((b) => `${b.namespace}/${b.name}` === bundle)) throw new Error(`bundle "${bundleName}" not found in workspace ${flags.namespace}`);
  const cluster = clusterKey(flags.cluster, flags.namespace, inputs.clusterObjects);
  const answer = explainTarget({ ...inputs, bundle, cluster });
  if (!answer) throw new Error(`cluster ${cluster} not found`);
  const deployment = await deploymentFor(client, cluster, bundleName);
  if (flags.output === 'json') io.stdout(`${JSON.stringify({ bundle, cluster, decision: answer, ...(deployment ? { state: deploymentState(deployment) } : {}) }, null, 2)}\n`);
  else io.stdout(formatWhy(bundle, cluster, answer, deployment));
}

export function bundleWhyCommand(io: CliIo = processIo()): Command {
  const command = new Command('why')
    .argument('<bundle>')
    .description('say whether a Bundle reaches a cluster, with which target and options, or why not')
    .requiredOption('--cluster <cluster>', 'the cluster: a name, or <workspace>/<name> for a cluster of another workspace')
    .option('-o, --output <format>', 'text or json', 'text');
  return addHubOptions(command).action((bundleName: string, flags: WhyFlags) => withHub(flags, io, (hub) => runWhy(hub.client, bundleName, flags, io)));
}
