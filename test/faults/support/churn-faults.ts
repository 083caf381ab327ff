/**
 * The faults the churn case injects between operations. Each begins before a batch of
 * operations and ends after it, so the batch runs against a broken world: git unreachable
 * (the TCP gate refuses connections), the hub controllers stopped (in-process) or replaced
 * by a `flotilla controller` process that is then SIGKILLed mid-work, one agent stopped and
 * later replaced by a new one, or an outside writer touching the same hub objects as the
 * controllers and agents (annotating definitions, overwriting a BundleDeployment's status
 * with a stale one, deleting a BundleDeployment) while they work.
 */
import type { BundleDeployment } from '../../../src/api/bundle-deployment.js';
import { API_VERSION } from '../../../src/api/group.js';
import type { KubeObject } from '../../../src/api/meta.js';
import { isConflict, isNotFound } from '../../../src/kube/api-error.js';
import { WORKSPACE } from './churn-expectation.js';
import { MEMBERS } from './churn-model.js';
import type { ChurnRandom } from './churn-random.js';
import type { ChurnWorld } from './churn-world.js';

export type FaultName = 'git-down' | 'controller-restart' | 'controller-kill' | 'agent-restart' | 'hub-conflict';

export interface ActiveFault {
  /** E.g. `agent-restart m2`, for the replay log. */
  description: string;
  end(): Promise<void>;
}

/** Outside writes the conflict fault makes; failures because the object moved on are expected. */
async function outsideWrite(world: ChurnWorld, rng: ChurnRandom, serial: number): Promise<void> {
  const kind = rng.pick(['ManagedNamespace', 'GitRepo', 'BundleDeployment', 'BundleDeployment'] as const);
  const { items } = await world.outsider.listAll<KubeObject>({ apiVersion: API_VERSION, kind }, kind === 'BundleDeployment' ? {} : { namespace: WORKSPACE });
  if (items.length === 0) return;
  const target = rng.pick(items);
  const ref = { apiVersion: API_VERSION, kind, namespace: target.metadata.namespace ?? '', name: target.metadata.name ?? '' };
  try {
    if (kind !== 'BundleDeployment') {
      await world.outsider.patch(ref, { metadata: { annotations: { 'churn.test/outsider': String(serial) } } }, { type: 'merge' });
    } else if (rng.chance(0.7)) {
      // A stale status written over the agent's (another writer's or an old agent's last word).
      const bd = target as BundleDeployment;
      await world.outsider.updateStatus({ ...bd, status: { ...bd.status, appliedDeploymentID: 'stale:0', ready: false, nonModified: true } });
    } else {
      await world.outsider.delete(ref);
    }
  } catch (err) {
    if (!isConflict(err) && !isNotFound(err)) throw err;
  }
}

function startOutsider(world: ChurnWorld, rng: ChurnRandom): ActiveFault {
  let running = true;
  let writes = 0;
  const loop = (async () => {
    while (running) {
      await outsideWrite(world, rng, ++writes);
      await new Promise((resolve) => setTimeout(resolve, 50 + rng.int(150)));
    }
  })();
  return {
    description: 'hub-conflict',
    async end() {
      running = false;
      await loop;
    },
  };
}

export async function beginFault(world: ChurnWorld, name: FaultName, rng: ChurnRandom): Promise<ActiveFault> {
  switch (name) {
    case 'git-down':
      await world.gate.close();
      return { description: name, end: () => world.gate.open() };
    case 'controller-restart':
      await world.stopControllers();
      return { description: name, end: () => world.startControllers() };
    case 'controller-kill': {
      await world.stopControllers();
      const child = await world.startControllerProcess();
      return {
        description: name,
        async end() {
          child.child.kill('SIGKILL');
          await child.exited;
          await world.startControllers();
        },
      };
    }
    case 'agent-restart': {
      const member = rng.pick(MEMBERS);
      await world.stopAgent(member);
      return { description: `${name} ${member}`, end: () => world.startAgent(member) };
    }
    case 'hub-conflict':
      return startOutsider(world, rng);
  }
}
