/**
 * Whether a GitRepo's credentials may be sent to its repository, by its workspace's
 * GitRepoRestrictions (`allowedRepoPatterns`, `allowedClientSecretNames`). Targeting refuses
 * such a GitRepo's bundles, but the fetch happens before targeting: without this check a
 * tenant who may write GitRepos, and not read Secrets, could name any Secret of the workspace
 * and a repository on a host of their own, and the controller would send that Secret's
 * password there. Checked only when a Secret is named, so an unrestricted poll stays one ref
 * lookup.
 */
import type { GitRepo } from '../../api/git-repo.js';
import type { GitRepoRestriction } from '../../api/git-repo-restriction.js';
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import type { ObjectClient } from '../../kube/object-client.js';
import { combineRestrictions, matchesPattern, type Restriction } from '../../targeting/index.js';
import { toRestriction } from '../targeting/target-inputs.js';
import type { Problem } from './sync-outcome.js';

export interface CredentialUse {
  namespace: string;
  repo: string;
  clientSecretName: string;
}

/** Why the credentials may not be used (naming the field and the restriction), or undefined. */
export function credentialRefusal(use: CredentialUse, restrictions: readonly Restriction[]): Problem | undefined {
  const combined = combineRestrictions(restrictions, use.namespace);
  if (!combined) return undefined;
  const by = `(GitRepoRestriction ${combined.names.join(', ')}); its credentials were not sent`;
  const repos = combined.allowedRepoPatterns;
  if (repos.length > 0 && !repos.some((p) => matchesPattern(use.repo, p))) {
    return { reason: 'RestrictedByGitRepoRestriction', message: `repo: repository "${use.repo}" matches none of the allowed patterns ${repos.join(', ')} ${by}` };
  }
  const secrets = combined.allowedClientSecretNames;
  if (secrets.length > 0 && !secrets.some((p) => matchesPattern(use.clientSecretName, p))) {
    return { reason: 'RestrictedByGitRepoRestriction', message: `clientSecretName: Secret "${use.clientSecretName}" is not one of the allowed ${secrets.join(', ')} ${by}` };
  }
  return undefined;
}

/** Reads the workspace's restrictions and checks the GitRepo's named Secret and repository against them. */
export async function readCredentialRefusal(client: ObjectClient, gitRepo: GitRepo, clientSecretName: string, signal?: AbortSignal): Promise<Problem | undefined> {
  const namespace = gitRepo.metadata.namespace ?? '';
  const { items } = await client.list<KubeObject>({ apiVersion: API_VERSION, kind: 'GitRepoRestriction' }, { namespace, signal });
  const restrictions = items.map((r) => toRestriction(r as unknown as GitRepoRestriction));
  return credentialRefusal({ namespace, repo: gitRepo.spec.repo, clientSecretName }, restrictions);
}
