/**
 * `flotilla bundle list|show`: the Bundles of a workspace (from GitRepos and managed
 * namespaces); `show` adds one row per targeted cluster from the Bundle's BundleDeployments,
 * which live in the clusters' namespaces on the hub.
 */
import { Command } from 'commander';
import type { Bundle } from '../../../api/bundle.js';
import type { BundleDeployment } from '../../../api/bundle-deployment.js';
import { API_VERSION } from '../../../api/group.js';
import { LABELS } from '../../../api/well-known.js';
import { processIo, type CliIo } from '../../output/cli-io.js';
import type { DescribeSection } from '../../output/describe-object.js';
import type { Hub } from '../../output/hub-connection.js';
import { kindView } from '../../output/kind-view.js';
import { listCommand, showCommand } from '../../output/object-commands.js';
import { bundleClusterTable } from './bundle-clusters.js';

async function bundleSections(hub: Hub, bundle: Bundle): Promise<DescribeSection[]> {
  const selector = `${LABELS.bundleName}=${bundle.metadata.name ?? ''},${LABELS.bundleNamespace}=${bundle.metadata.namespace ?? ''}`;
  const { items } = await hub.client.listAll<BundleDeployment>({ apiVersion: API_VERSION, kind: 'BundleDeployment' }, { labelSelector: selector });
  const source = bundle.metadata.labels?.[LABELS.repoName];
  return [
    ...(source ? [{ title: 'GitRepo', lines: [`${source}${bundle.metadata.labels?.[LABELS.commit] ? ` at ${bundle.metadata.labels[LABELS.commit]}` : ''}`] }] : []),
    { title: 'Clusters', table: bundleClusterTable(items) },
  ];
}

export function bundleCommand(io: CliIo = processIo()): Command {
  const view = kindView('Bundle');
  return new Command('bundle')
    .alias('bundles')
    .description('inspect Bundles and their state on each cluster')
    .addCommand(listCommand(view, io))
    .addCommand(showCommand(view, io, (hub, object) => bundleSections(hub, object as Bundle)));
}
