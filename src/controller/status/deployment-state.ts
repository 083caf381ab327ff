/**
 * The state of one BundleDeployment, derived as Fleet derives it (its GetDeploymentState),
 * with one addition: a BundleDeployment created while its rollout is held has no
 * deploymentID yet and is OutOfSync (staged, not deployed), not NotReady.
 */
import type { BundleDeployment } from '../../api/bundle-deployment.js';
import type { BundleState } from '../../api/bundle-state.js';
import { CONDITION_TYPES } from '../../api/conditions.js';

/** The state of a BundleDeployment; `undefined` (not created yet) is Pending. */
export function deploymentState(bd: BundleDeployment | undefined): BundleState {
  if (!bd) return 'Pending';
  const { spec, status = {} } = bd;
  const deploymentId = spec.deploymentID ?? '';
  if (deploymentId === '') return 'OutOfSync';
  if ((status.appliedDeploymentID ?? '') !== deploymentId) {
    const deployed = status.conditions?.find((c) => c.type === CONDITION_TYPES.Deployed);
    return deployed?.status === 'False' ? 'ErrApplied' : 'WaitApplied';
  }
  if (!status.ready) return 'NotReady';
  if (deploymentId !== (spec.stagedDeploymentID ?? deploymentId)) return 'OutOfSync';
  if (status.nonModified === false) return 'Modified';
  return 'Ready';
}

/** The agent's own words about why a BundleDeployment is not ready, for summaries. */
export function deploymentMessage(bd: BundleDeployment | undefined): string {
  if (!bd) return 'not created yet';
  const conditions = bd.status?.conditions ?? [];
  const failing = conditions.find((c) => c.status === 'False' && c.message);
  return failing?.message ?? bd.status?.display?.state ?? '';
}
