/**
 * `flotilla test DIR [-l key=value …]`: renders a bundle directory locally, without a hub,
 * and prints as YAML the manifests a cluster with those labels would receive, as Rancher
 * Fleet's `fleet test` does. It goes through the controller's own steps: the directory is
 * walked safely (src/git), its bundles found and read (src/bundle), the fleet.yaml options
 * put in Bundle-spec form, the first matching target customization chosen with src/targeting's
 * matcher and merged with its rules, and the result rendered with the controller's renderer.
 * Helm bundles render the same way: charts from repositories or URLs are fetched as the
 * controller fetches them (no credentials), the release is named after the bundle, and
 * `${ .ClusterName }`/`.ClusterLabels`/`.ClusterValues` in values take the cluster given by
 * `--cluster-name`, `-l` and `--cluster-value`. `--helm-binary` (or FLOTILLA_HELM_BINARY)
 * names the helm to use instead of the bundled one.
 */
import { Command } from 'commander';
import { parse, stringify } from 'yaml';
import type { BundleDeploymentOptions } from '../../api/bundle-options.js';
import type { KubeObject } from '../../api/meta.js';
import { WORKSPACE_DEFAULT } from '../../api/names.js';
import { discoverBundles, fetchBundleCharts, helmTemplate, renderBundle, type DiscoveredBundle, type HelmRunner } from '../../bundle/index.js';
import { customizationTarget, fleetYamlOptions, renderOptionsFor } from '../../controller/index.js';
import { walkCheckout } from '../../git/walk-checkout.js';
import { compileMatcher, matchesCluster, mergeOptions, substituteClusterValues, type TargetCluster } from '../../targeting/index.js';

interface TestFlags {
  label: string[];
  clusterValue: string[];
  clusterName: string;
  workspace: string;
  helmBinary?: string;
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

/** `key=value` pairs into cluster template values; a value that parses as YAML (a number, a list) keeps that type. */
export function parseClusterValues(pairs: readonly string[]): Record<string, unknown> {
  const labels = parseLabels(pairs);
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, parseScalar(v)]));
}

function parseScalar(text: string): unknown {
  try {
    return parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The bundle's own options, with a Helm release named after the bundle as the controller names it. */
function bundleOptions(bundle: DiscoveredBundle): BundleDeploymentOptions {
  const base = fleetYamlOptions(bundle.fleetYaml);
  const helm = bundle.fleetYaml.helm;
  const isChart = helm !== undefined || bundle.files.some((f) => f.path === 'Chart.yaml');
  return isChart ? { ...base, helm: { ...structuredClone(helm), releaseName: helm?.releaseName || bundle.name } } : base;
}

/** The options one bundle gets on the cluster: fleet.yaml's, with the first matching customization merged in. */
export function optionsForCluster(bundle: DiscoveredBundle, cluster: TargetCluster): ClusterChoice {
  const base = bundleOptions(bundle);
  const customizations = (bundle.fleetYaml.targetCustomizations ?? []).map(customizationTarget);
  const chosen = customizations.find((c) => matchesCluster(compileMatcher(c), cluster, []));
  if (!chosen) return { options: base, doNotDeploy: false };
  const { name, clusterName: _n, clusterSelector: _s, clusterGroup: _g, clusterGroupSelector: _gs, doNotDeploy, ...overrides } = chosen;
  return { options: mergeOptions(base, overrides), ...(name ? { customization: name } : {}), doNotDeploy: Boolean(doNotDeploy) };
}

async function renderOne(bundle: DiscoveredBundle, choice: ClusterChoice, cluster: TargetCluster & { templateValues: Record<string, unknown> }, flags: TestFlags, helmRunner: HelmRunner): Promise<KubeObject[]> {
  const fetched = await fetchBundleCharts(bundle.fleetYaml, { file: bundle.path === '.' ? 'fleet.yaml' : `${bundle.path}/fleet.yaml` });
  for (const f of fetched) if (f.version) process.stderr.write(`flotilla test: bundle ${bundle.path}: chart ${f.url} (version ${f.version})\n`);
  const options = substituteClusterValues(choice.options, cluster);
  const files = [...bundle.files, ...fetched.map((f) => f.file)];
  const rendered = await renderBundle({ files }, { ...renderOptionsFor({ options, workspace: flags.workspace }), helmRunner });
  return rendered.manifests;
}

async function renderDirectory(dir: string, flags: TestFlags): Promise<string> {
  const walked = await walkCheckout({ root: dir });
  for (const s of walked.skipped) process.stderr.write(`flotilla test: skipped ${s.path} (${s.reason}${s.target ? ` → ${s.target}` : ''})\n`);
  const discovery = discoverBundles({ gitRepoName: 'test', files: walked.files.map((f) => ({ path: f.path, content: f.content })) });
  const failure = discovery.failures[0];
  if (failure) throw failure.error;
  const cluster = { name: flags.clusterName, namespace: flags.workspace, labels: parseLabels(flags.label), templateValues: parseClusterValues(flags.clusterValue) };
  const helmBinary = flags.helmBinary ?? process.env.FLOTILLA_HELM_BINARY;
  const helmRunner = helmTemplate(helmBinary ? { helm: { binary: helmBinary } } : {});
  const documents: KubeObject[] = [];
  for (const bundle of discovery.bundles) {
    for (const f of bundle.findings) process.stderr.write(`flotilla test: ${f.file}:${f.line}:${f.column}: ${f.field}: ${f.message}\n`);
    const choice = optionsForCluster(bundle, cluster);
    if (choice.doNotDeploy) {
      process.stderr.write(`flotilla test: bundle ${bundle.path}: customization ${choice.customization ?? ''} sets doNotDeploy\n`);
      continue;
    }
    documents.push(...(await renderOne(bundle, choice, cluster, flags, helmRunner)));
  }
  return documents.map((d) => `---\n${stringify(d)}`).join('');
}

export function testCommand(): Command {
  return new Command('test')
    .description('render a bundle directory locally and print the manifests a cluster with these labels receives')
    .argument('<dir>', 'the bundle directory (or a tree of bundles)')
    .option('-l, --label <key=value>', 'a label of the cluster (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--cluster-value <key=value>', 'a template value of the cluster, for ${ .ClusterValues.key } in Helm values (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--cluster-name <name>', 'the cluster’s name, for customizations that match by name', 'local')
    .option('--helm-binary <path>', 'the helm to render charts with (default: FLOTILLA_HELM_BINARY, else the bundled helm)')
    .option('--workspace <namespace>', 'the workspace owning managed namespaces', WORKSPACE_DEFAULT)
    .action(async (dir: string, flags: TestFlags) => {
      process.stdout.write(await renderDirectory(dir, flags));
    });
}
