/**
 * `flotilla test DIR [-l key=value …]`: renders a bundle directory locally, without a hub,
 * and prints as YAML the manifests a cluster with those labels would receive, as Rancher
 * Fleet's `fleet test` does. It goes through the controller's own steps: the directory is
 * walked safely (src/git), its bundles found and read (src/bundle), the fleet.yaml options
 * put in Bundle-spec form, the first matching target customization chosen with src/targeting's
 * matcher and merged with its rules, and the result rendered with the controller's renderer.
 */
import { Command } from 'commander';
import { stringify } from 'yaml';
import type { BundleDeploymentOptions } from '../../api/bundle-options.js';
import type { KubeObject } from '../../api/meta.js';
import { WORKSPACE_DEFAULT } from '../../api/names.js';
import { discoverBundles, renderBundle, type DiscoveredBundle } from '../../bundle/index.js';
import { customizationTarget, fleetYamlOptions, renderOptionsFor } from '../../controller/index.js';
import { walkCheckout } from '../../git/walk-checkout.js';
import { compileMatcher, matchesCluster, mergeOptions, type TargetCluster } from '../../targeting/index.js';

interface TestFlags {
  label: string[];
  clusterName: string;
  workspace: string;
}

/** `key=value` pairs into labels; throws naming the bad one. */
export function parseLabels(pairs: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`-l ${pair}: expected key=value`);
    labels[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return labels;
}

export interface ClusterChoice {
  options: BundleDeploymentOptions;
  /** The customization chosen, if one matched. */
  customization?: string;
  doNotDeploy: boolean;
}

/** The options one bundle gets on the cluster: fleet.yaml's, with the first matching customization merged in. */
export function optionsForCluster(bundle: DiscoveredBundle, cluster: TargetCluster): ClusterChoice {
  const base = fleetYamlOptions(bundle.fleetYaml);
  const customizations = (bundle.fleetYaml.targetCustomizations ?? []).map(customizationTarget);
  const chosen = customizations.find((c) => matchesCluster(compileMatcher(c), cluster, []));
  if (!chosen) return { options: base, doNotDeploy: false };
  const { name, clusterName: _n, clusterSelector: _s, clusterGroup: _g, clusterGroupSelector: _gs, doNotDeploy, ...overrides } = chosen;
  return { options: mergeOptions(base, overrides), ...(name ? { customization: name } : {}), doNotDeploy: Boolean(doNotDeploy) };
}

async function renderDirectory(dir: string, flags: TestFlags): Promise<string> {
  const walked = await walkCheckout({ root: dir });
  for (const s of walked.skipped) process.stderr.write(`flotilla test: skipped ${s.path} (${s.reason}${s.target ? ` → ${s.target}` : ''})\n`);
  const discovery = discoverBundles({ gitRepoName: 'test', files: walked.files.map((f) => ({ path: f.path, content: f.content })) });
  const failure = discovery.failures[0];
  if (failure) throw failure.error;
  const cluster: TargetCluster = { name: flags.clusterName, namespace: flags.workspace, labels: parseLabels(flags.label) };
  const documents: KubeObject[] = [];
  for (const bundle of discovery.bundles) {
    for (const f of bundle.findings) process.stderr.write(`flotilla test: ${f.file}:${f.line}:${f.column}: ${f.field}: ${f.message}\n`);
    const choice = optionsForCluster(bundle, cluster);
    if (choice.doNotDeploy) {
      process.stderr.write(`flotilla test: bundle ${bundle.path}: customization ${choice.customization ?? ''} sets doNotDeploy\n`);
      continue;
    }
    const rendered = await renderBundle({ files: bundle.files }, renderOptionsFor({ options: choice.options, workspace: flags.workspace }));
    documents.push(...rendered.manifests);
  }
  return documents.map((d) => `---\n${stringify(d)}`).join('');
}

export function testCommand(): Command {
  return new Command('test')
    .description('render a bundle directory locally and print the manifests a cluster with these labels receives')
    .argument('<dir>', 'the bundle directory (or a tree of bundles)')
    .option('-l, --label <key=value>', 'a label of the cluster (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--cluster-name <name>', 'the cluster’s name, for customizations that match by name', 'local')
    .option('--workspace <namespace>', 'the workspace owning managed namespaces', WORKSPACE_DEFAULT)
    .action(async (dir: string, flags: TestFlags) => {
      process.stdout.write(await renderDirectory(dir, flags));
    });
}
