/**
 * `agentApplyVsKubectl`: the agent's apply engine (BundleDeploymentApplier.deploy, which
 * applies every object with server-side apply, records the inventory and reads each object
 * back for readiness and drift, as a real agent does) against `kubectl apply --server-side
 * -f` of the same objects, both against the same member cluster of the same member API
 * server process. Each round gives each peer a fresh namespace of `objects` ConfigMaps
 * (created beforehand, untimed), so both create the same number of new objects; the peers
 * alternate which goes first and the first round is an untimed warm-up (kubectl fills its
 * discovery cache, the engine its connections).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import type { BundleDeployment } from '../../src/api/bundle-deployment.js';
import { API_VERSION } from '../../src/api/group.js';
import type { KubeObject } from '../../src/api/meta.js';
import { BundleDeploymentApplier } from '../../src/agent/bundle-deployment-applier.js';
import { isAlreadyExists } from '../../src/kube/api-error.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
import { ObjectClient } from '../../src/kube/object-client.js';
import { turnOrder } from '../measure/measure-peers.js';
import { summarize, type Summary } from '../measure/summary.js';

export interface ApplyComparison {
  objects: number;
  rounds: number;
  flotillaMs: Summary;
  kubectlMs: Summary;
  /** kubectl's p50 over the agent's: above 1, the agent is faster. */
  ratio: number;
}

function configMaps(namespace: string, count: number): KubeObject[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `object-${String(i).padStart(4, '0')}`, namespace, labels: { app: 'apply-bench' } },
    data: { index: String(i), payload: 'x'.repeat(200) },
  }));
}

async function ensureNamespace(client: ObjectClient, name: string): Promise<void> {
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }).catch((err: unknown) => {
    if (!isAlreadyExists(err)) throw err;
  });
}

export async function compareAgentApply(options: { memberKubeconfig: string; workDir: string; objects: number; rounds: number }): Promise<ApplyComparison> {
  const { kubeConfig } = loadKubeConfig({ flag: options.memberKubeconfig });
  const client = await ObjectClient.create(kubeConfig);
  try {
    await ensureNamespace(client, 'flotilla-system');
    const applier = new BundleDeploymentApplier({ client, hub: 'cluster-apply-bench' });
    const times = { flotilla: [] as number[], kubectl: [] as number[] };
    const peers = {
      flotilla: async (namespace: string, round: number) => {
        const bundleDeployment: BundleDeployment = { apiVersion: API_VERSION, kind: 'BundleDeployment', metadata: { name: `apply-${round}`, namespace: 'cluster-apply-bench' }, spec: { deploymentID: `apply-bench:${round.toString(16)}` } };
        const status = await applier.deploy({ bundleDeployment, manifests: configMaps(namespace, options.objects) });
        if (status.appliedDeploymentID !== bundleDeployment.spec.deploymentID || status.ready !== true) throw new Error(`the agent's apply did not succeed: ${JSON.stringify(status.conditions ?? [])}`);
      },
      kubectl: async (namespace: string) => {
        // One YAML document per object, as a bundle's manifests are written.
        const file = join(options.workDir, `${namespace}.yaml`);
        await writeFile(file, configMaps(namespace, options.objects).map((o) => stringify(o)).join('---\n'));
        await promisify(execFile)('kubectl', ['--kubeconfig', options.memberKubeconfig, 'apply', '--server-side', '-f', file], { maxBuffer: 16 * 1024 * 1024 });
      },
    };
    const names = ['flotilla', 'kubectl'] as const;
    for (let round = 0; round <= options.rounds; round++) {
      for (const peer of turnOrder(2, round).map((i) => names[i] ?? 'flotilla')) {
        const namespace = `apply-${peer}-${round}`;
        await ensureNamespace(client, namespace);
        const started = performance.now();
        await peers[peer](namespace, round);
        if (round > 0) times[peer].push(performance.now() - started);
      }
    }
    const flotillaMs = summarize(times.flotilla);
    const kubectlMs = summarize(times.kubectl);
    return { objects: options.objects, rounds: options.rounds, flotillaMs, kubectlMs, ratio: kubectlMs.p50 / flotillaMs.p50 };
  } finally {
    client.close();
  }
}
