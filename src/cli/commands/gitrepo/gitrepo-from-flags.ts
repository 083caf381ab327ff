/**
 * The GitRepo `flotilla gitrepo add` creates, from its flags, checked on the client so a
 * mistake is reported with the flag that caused it before anything is written: the name, the
 * repository URL, branch or revision (not both), the polling interval, the paths and the
 * target cluster selector.
 */
import { REPO_URL_PATTERN, type GitRepo } from '../../../api/git-repo.js';
import { API_VERSION } from '../../../api/group.js';
import { isDns1123Label } from '../../../api/names.js';
import { ArgumentError, selectorFromArguments } from '../../output/index.js';

export interface GitRepoAddFlags {
  repo: string;
  branch?: string;
  revision?: string;
  paths?: string[];
  pollingInterval?: string;
  clientSecretName?: string;
  targetClusterSelector?: string[];
  paused?: boolean;
}

/** Go durations as Fleet accepts them: `15s`, `1m30s`, `1h`. */
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

function check(ok: boolean, message: string): void {
  if (!ok) throw new ArgumentError(message);
}

function checkFlags(name: string, flags: GitRepoAddFlags): void {
  check(isDns1123Label(name), `gitrepo name "${name}": must be a lowercase DNS label (a-z, 0-9, "-", at most 63 characters)`);
  check(new RegExp(REPO_URL_PATTERN).test(flags.repo), `--repo ${flags.repo}: not a git URL (https://, http://, ssh://, git://, file:// or user@host:path)`);
  check(!(flags.branch && flags.revision), '--branch and --revision: give one or the other; a revision pins a commit or tag, a branch follows its head');
  if (flags.pollingInterval !== undefined) check(DURATION.test(flags.pollingInterval), `--polling-interval ${flags.pollingInterval}: expected a duration such as 15s, 1m or 1h30m`);
  if (flags.clientSecretName !== undefined) check(isDns1123Label(flags.clientSecretName) || /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(flags.clientSecretName), `--client-secret-name ${flags.clientSecretName}: not a valid Secret name`);
  for (const path of flags.paths ?? []) check(path.trim() !== '' && !path.split('/').includes('..'), `--paths ${path}: a path must be non-empty and stay inside the repository (no "..")`);
}

export function gitRepoFromFlags(name: string, namespace: string, flags: GitRepoAddFlags): GitRepo {
  checkFlags(name, flags);
  const selector = selectorFromArguments(flags.targetClusterSelector ?? [], '--target-cluster-selector');
  return {
    apiVersion: API_VERSION,
    kind: 'GitRepo',
    metadata: { name, namespace },
    spec: {
      repo: flags.repo,
      ...(flags.branch ? { branch: flags.branch } : {}),
      ...(flags.revision ? { revision: flags.revision } : {}),
      ...(flags.paths?.length ? { paths: flags.paths } : {}),
      ...(flags.pollingInterval ? { pollingInterval: flags.pollingInterval } : {}),
      ...(flags.clientSecretName ? { clientSecretName: flags.clientSecretName } : {}),
      ...(flags.paused ? { paused: true } : {}),
      ...(selector ? { targets: [{ clusterSelector: selector }] } : {}),
    },
  };
}
