/**
 * Read the parts of a push event Flotilla needs (repository URLs, changed refs, commits)
 * from each provider's JSON payload. Payloads are untrusted input, so every field is read
 * defensively: a missing or mistyped field is skipped, never a crash.
 */

/** One ref a push changed. `commit` is absent when the ref was deleted. */
export interface RefChange {
  ref: string;
  branch?: string;
  tag?: string;
  commit?: string;
  deleted: boolean;
}

export interface PushPayload {
  repoUrls: string[];
  changes: RefChange[];
}

type Json = Record<string, unknown>;

const zeroSha = /^0{40}$/;

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function strings(...values: unknown[]): string[] {
  return [...new Set(values.map(text).filter((v): v is string => v !== undefined))];
}

/** A change of a full ref name (`refs/heads/x`, `refs/tags/y`) to a commit (or a zero sha for a deletion). */
export function refChange(ref: string, commit: string | undefined, deleted = false): RefChange {
  const gone = deleted || commit === undefined || zeroSha.test(commit);
  const change: RefChange = { ref, deleted: gone };
  if (ref.startsWith('refs/heads/')) change.branch = ref.slice('refs/heads/'.length);
  if (ref.startsWith('refs/tags/')) change.tag = ref.slice('refs/tags/'.length);
  if (!gone && commit) change.commit = commit;
  return change;
}

/** GitHub and Gitea (whose push payload copies GitHub's shape). */
export function readGithubPush(payload: unknown): PushPayload {
  const body = record(payload);
  const repo = record(body.repository);
  const ref = text(body.ref);
  return {
    repoUrls: strings(repo.html_url, repo.clone_url, repo.ssh_url, repo.git_url, repo.url),
    changes: ref ? [refChange(ref, text(body.after), body.deleted === true)] : [],
  };
}

/** GitLab `Push Hook` and `Tag Push Hook`. */
export function readGitlabPush(payload: unknown): PushPayload {
  const body = record(payload);
  const project = record(body.project);
  const repo = record(body.repository);
  const ref = text(body.ref);
  return {
    repoUrls: strings(project.web_url, project.git_http_url, project.git_ssh_url, repo.homepage, repo.git_http_url, repo.git_ssh_url),
    changes: ref ? [refChange(ref, text(body.checkout_sha) ?? text(body.after))] : [],
  };
}

/** Bitbucket Cloud `repo:push`. */
export function readBitbucketCloudPush(payload: unknown): PushPayload {
  const body = record(payload);
  const repo = record(body.repository);
  const fullName = text(repo.full_name);
  const html = text(record(record(repo.links).html).href);
  const changes = asArray(record(body.push).changes).flatMap((item): RefChange[] => {
    const change = record(item);
    const side = record(change.new ?? change.old);
    const name = text(side.name);
    if (!name) return [];
    const ref = side.type === 'tag' ? `refs/tags/${name}` : `refs/heads/${name}`;
    return [refChange(ref, change.new ? text(record(side.target).hash) : undefined, !change.new)];
  });
  return { repoUrls: strings(html, fullName ? `https://bitbucket.org/${fullName}` : undefined), changes };
}

/** Bitbucket Server / Data Center `repo:refs_changed`. */
export function readBitbucketServerPush(payload: unknown): PushPayload {
  const body = record(payload);
  const links = record(record(body.repository).links);
  const clones = asArray(links.clone).map((link) => record(link).href);
  const selves = asArray(links.self).map((link) => record(link).href);
  const changes = asArray(body.changes).flatMap((item): RefChange[] => {
    const change = record(item);
    const ref = text(record(change.ref).id);
    return ref ? [refChange(ref, text(change.toHash), change.type === 'DELETE')] : [];
  });
  return { repoUrls: strings(...clones, ...selves.map(browseToRepo)), changes };
}

/** Bitbucket Server's self link is `.../projects/P/repos/r/browse`; the clone URL is what GitRepos use, but keep both. */
function browseToRepo(href: unknown): unknown {
  return typeof href === 'string' ? href.replace(/\/browse$/, '') : href;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
