/**
 * `npm run bench -- authorize`: what the hub's RBAC authorization costs as clusters register.
 * Each registered cluster's agent holds its own Roles and bindings on the hub, so the policy
 * grows with the fleet. One agent's usual requests (watch its BundleDeployments, write their
 * status, write its Cluster's status, a Secret read it is denied) are authorized against the
 * default policy plus `--clusters` agents' grants, by the API server's subject index beside
 * the same `authorize` walking the plain lists (the peer). Both must give the same decisions.
 */
import { performance } from 'node:perf_hooks';
import type { Command, OptionValues } from 'commander';
import { authorize, defaultClusterRoleBindings, defaultClusterRoles, indexedPolicy } from '../src/apiserver/auth/index.js';
import type { ClusterRole, ClusterRoleBinding, RbacPolicy, RequestAttributes, Role, RoleBinding } from '../src/apiserver/auth/index.js';
import { agentAccessObjects, agentUserName, clusterNamespaceObject, contentReaderClusterRole, type AgentIdentity } from '../src/controller/registration/agent-access.js';
import { positiveInteger, type BenchContext, type Benchmark } from './benchmark.js';
import { figureRow, type FigureRow } from './report/figures.js';
import { resultBaseName, writeResults } from './report/results-file.js';
import { collectRunInfo } from './report/run-info.js';
import { markdownTable, textTable } from './report/table.js';

interface AuthorizeFigures {
  clusters: number;
  indexMs: number;
  walkMs: number;
}

const WORKSPACE = 'fleet-default';
const labels = { peer: 'walk of every binding', ratio: 'ratio (> 1: index faster)' };

export const authorizeBenchmark: Benchmark = {
  name: 'authorize',
  description: "the hub's RBAC authorization with many clusters' agent grants: subject index vs walking every binding",
  addOptions(command: Command): Command {
    return command
      .option('--clusters <list>', 'registered clusters, comma-separated', (v) => v.split(',').map(positiveInteger), [10, 1_000, 10_000])
      .option('--rounds <n>', 'timed rounds of one agent’s requests per figure', positiveInteger, 500);
  },
  run: (flags, context) => runAuthorize(flags, context),
};

/** The default policy with `clusters` agents' grants, as registration writes them (stored objects, typed as the hub's policy cache types them). */
function fleetPolicy(clusters: number): RbacPolicy {
  const policy = { roles: [] as Role[], clusterRoles: [...defaultClusterRoles(), contentReaderClusterRole() as unknown as ClusterRole], roleBindings: [] as RoleBinding[], clusterRoleBindings: [...defaultClusterRoleBindings()] };
  for (let i = 0; i < clusters; i++) {
    for (const o of agentAccessObjects({ workspace: WORKSPACE, cluster: `c-${i}` })) {
      if (o.kind === 'Role') policy.roles.push(o as unknown as Role);
      else if (o.kind === 'RoleBinding') policy.roleBindings.push(o as unknown as RoleBinding);
      else if (o.kind === 'ClusterRoleBinding') policy.clusterRoleBindings.push(o as unknown as ClusterRoleBinding);
    }
  }
  return policy;
}

function agentRequests(id: AgentIdentity): RequestAttributes[] {
  const namespace = clusterNamespaceObject(id).metadata.name ?? '';
  const request = (ns: string, resource: string, verb: string, more: Partial<RequestAttributes> = {}): RequestAttributes => ({ verb, isResourceRequest: true, path: '', namespace: ns, apiGroup: 'flotilla.io', apiVersion: 'v1alpha1', resource, subresource: '', name: '', ...more });
  return [
    request(namespace, 'bundledeployments', 'watch'),
    request(namespace, 'bundledeployments', 'update', { subresource: 'status' }),
    request(WORKSPACE, 'clusters', 'patch', { subresource: 'status', name: id.cluster }),
    request(namespace, 'secrets', 'get', { apiGroup: '', apiVersion: 'v1', name: 'hub-credentials' }),
  ];
}

/** Milliseconds per authorize, and the decisions (to check both policies agree). */
function timeAuthorize(policy: RbacPolicy, id: AgentIdentity, rounds: number): { ms: number; decisions: string } {
  const user = { username: agentUserName(id), groups: ['system:serviceaccounts', 'system:authenticated'] };
  const requests = agentRequests(id);
  const decisions = requests.map((r) => authorize(policy, user, r).allowed).join(',');
  const started = performance.now();
  for (let i = 0; i < rounds; i++) for (const r of requests) authorize(policy, user, r);
  return { ms: (performance.now() - started) / (rounds * requests.length), decisions };
}

function measure(clusters: number, rounds: number): AuthorizeFigures {
  const plain = fleetPolicy(clusters);
  const indexed = indexedPolicy(plain);
  const id = { workspace: WORKSPACE, cluster: `c-${Math.floor(clusters / 2)}` };
  // The walk grows with the fleet: fewer rounds keep the largest size to seconds.
  const walkRounds = Math.max(10, Math.floor((rounds * 100) / Math.max(clusters, 100)));
  // Warm-up, so the first size is not timed while the code is still being compiled.
  timeAuthorize(indexed, id, rounds);
  timeAuthorize(plain, id, Math.ceil(walkRounds / 4));
  const index = timeAuthorize(indexed, id, rounds);
  const walk = timeAuthorize(plain, id, walkRounds);
  if (index.decisions !== walk.decisions) throw new Error(`at ${clusters} clusters the index decided ${index.decisions} and the walk ${walk.decisions}`);
  if (!index.decisions.startsWith('true,true,true,')) throw new Error(`the agent was denied its own requests: ${index.decisions}`);
  return { clusters, indexMs: index.ms, walkMs: walk.ms };
}

function rows(figures: readonly AuthorizeFigures[]): FigureRow[] {
  return figures.map((f) => figureRow({ figure: `authorize, ${f.clusters.toLocaleString('en-US')} clusters' grants`, unit: 'ms', better: 'lower', flotilla: f.indexMs, peer: f.walkMs }));
}

async function runAuthorize(flags: OptionValues, context: BenchContext): Promise<void> {
  const clusters = flags['clusters'] as number[];
  const rounds = Number(flags['rounds']);
  const run = collectRunInfo({ repoRoot: context.repoRoot, now: context.now() });
  const figures = clusters.map((n) => {
    context.progress.say(`authorize with ${n.toLocaleString('en-US')} clusters' grants`);
    return measure(n, rounds);
  });
  context.print(`${textTable(rows(figures), labels)}\n`);
  const markdown = `# authorize\n\n${markdownTable(rows(figures), labels)}\n`;
  const written = await writeResults({ dir: context.resultsDir, baseName: resultBaseName({ startedAt: run.startedAt, commit: run.commit, benchmark: 'authorize' }), json: { run, options: { clusters, rounds }, figures }, markdown });
  context.print(`results: ${written.json}\n`);
}
