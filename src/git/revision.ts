/**
 * Which commit of a repository a GitRepo wants, as Fleet's `branch` and `revision` say it:
 * `revision` (a full commit sha, a tag, or a full ref name) wins over `branch`; with neither
 * the repository's default branch (its HEAD) is followed. Callers that want Fleet's own
 * default pass `branch: 'master'` explicitly.
 */
import { GitSourceError } from './git-error.js';

export interface RevisionSelector {
  branch?: string | undefined;
  revision?: string | undefined;
}

/** The refs to look for, in order, or a commit named directly. */
export type RevisionPlan =
  | { kind: 'commit'; commit: string }
  | { kind: 'ref'; candidates: string[]; description: string }
  | { kind: 'head'; description: string };

const fullSha = /^[0-9a-f]{40}$/i;

export function planRevision(selector: RevisionSelector): RevisionPlan {
  const revision = selector.revision?.trim();
  if (revision) {
    if (fullSha.test(revision)) return { kind: 'commit', commit: revision.toLowerCase() };
    checkRefName(revision);
    const candidates = revision.startsWith('refs/') ? [revision] : [`refs/tags/${revision}`, `refs/heads/${revision}`];
    return { kind: 'ref', candidates, description: `revision "${revision}"` };
  }
  const branch = selector.branch?.trim();
  if (branch) {
    checkRefName(branch);
    return { kind: 'ref', candidates: [branch.startsWith('refs/') ? branch : `refs/heads/${branch}`], description: `branch "${branch}"` };
  }
  return { kind: 'head', description: 'the default branch (HEAD)' };
}

/**
 * Refuse names git itself refuses (check-ref-format), so a crafted name can neither reach
 * outside refs/ in a local repository nor smuggle protocol syntax to a server.
 */
function checkRefName(name: string): void {
  const bad =
    name.includes('..') ||
    name.includes('@{') ||
    name.includes('//') ||
    hasControlOrSpace(name) ||
    /[~^:?*[\\]/.test(name) ||
    name.startsWith('/') ||
    name.startsWith('-') ||
    name.endsWith('/') ||
    name.endsWith('.') ||
    name.endsWith('.lock');
  if (bad) throw new GitSourceError('RevisionNotFound', `"${name}" is not a valid git branch, tag or ref name`);
}

function hasControlOrSpace(name: string): boolean {
  return [...name].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f);
}
