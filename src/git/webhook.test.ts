import { describe, expect, it } from 'vitest';
import { gitReposForPush, parseWebhook, WebhookError, type PushEvent, type WebhookSecrets } from './webhook.js';
import { isValidHmacSha256, signHmacSha256, tokensEqual } from './webhook-signature.js';

const sha = 'bffeb74224043ba2feb48d137756c8a9331c449a';
const before = '28e1879d029cb852e4844d9c718537df08844e03';
const zero = '0'.repeat(40);
const secrets: WebhookSecrets = { github: 'gh-secret', gitlab: 'gl-token', gitea: 'gt-secret', bitbucket: 'bb-secret' };

// Payload shapes as the providers document them, cut to the fields a receiver reads plus a few others.
const githubPush = {
  ref: 'refs/heads/main',
  before,
  after: sha,
  created: false,
  deleted: false,
  forced: false,
  repository: {
    full_name: 'acme/fleet-apps',
    html_url: 'https://github.com/acme/fleet-apps',
    clone_url: 'https://github.com/acme/fleet-apps.git',
    ssh_url: 'git@github.com:acme/fleet-apps.git',
    git_url: 'git://github.com/acme/fleet-apps.git',
  },
  pusher: { name: 'dev', email: 'dev@example.com' },
  head_commit: { id: sha, message: 'bump' },
};
const giteaPush = {
  ref: 'refs/heads/develop',
  before,
  after: sha,
  compare_url: 'http://localhost:3000/gitea/webhooks/compare/x...y',
  commits: [{ id: sha, message: 'Webhooks Yay!' }],
  repository: {
    full_name: 'gitea/webhooks',
    html_url: 'http://localhost:3000/gitea/webhooks',
    clone_url: 'http://localhost:3000/gitea/webhooks.git',
    ssh_url: 'ssh://git@localhost:2222/gitea/webhooks.git',
  },
};
const gitlabPush = {
  object_kind: 'push',
  event_name: 'push',
  before,
  after: sha,
  ref: 'refs/heads/main',
  checkout_sha: sha,
  project: {
    path_with_namespace: 'group/sub/apps',
    web_url: 'https://gitlab.example.com/group/sub/apps',
    git_ssh_url: 'git@gitlab.example.com:group/sub/apps.git',
    git_http_url: 'https://gitlab.example.com/group/sub/apps.git',
  },
  repository: { name: 'apps', homepage: 'https://gitlab.example.com/group/sub/apps' },
};
const gitlabTagPush = { ...gitlabPush, object_kind: 'tag_push', ref: 'refs/tags/v1.0.0' };
const bitbucketCloudPush = {
  push: {
    changes: [
      { new: { type: 'branch', name: 'main', target: { type: 'commit', hash: sha } }, old: { type: 'branch', name: 'main', target: { hash: before } }, forced: false },
      { new: null, old: { type: 'branch', name: 'gone', target: { hash: before } }, closed: true },
    ],
  },
  repository: { type: 'repository', full_name: 'acme/apps', links: { html: { href: 'https://bitbucket.org/acme/apps' } } },
  actor: { display_name: 'Dev' },
};
const bitbucketServerPush = {
  eventKey: 'repo:refs_changed',
  date: '2024-01-01T00:00:00+0000',
  repository: {
    slug: 'apps',
    project: { key: 'OPS' },
    links: {
      clone: [
        { href: 'ssh://git@bitbucket.example.com:7999/ops/apps.git', name: 'ssh' },
        { href: 'https://bitbucket.example.com/scm/ops/apps.git', name: 'http' },
      ],
      self: [{ href: 'https://bitbucket.example.com/projects/OPS/repos/apps/browse' }],
    },
  },
  changes: [{ ref: { id: 'refs/heads/release', displayId: 'release', type: 'BRANCH' }, fromHash: before, toHash: sha, type: 'UPDATE' }],
};

function request(headers: Record<string, string>, payload: unknown, sign?: { header: string; secret: string; prefix?: string }) {
  const body = Buffer.from(JSON.stringify(payload));
  const signed = sign ? { [sign.header]: `${sign.prefix ?? ''}${signHmacSha256(body, sign.secret)}` } : {};
  return { headers: { 'content-type': 'application/json', ...headers, ...signed }, body };
}

describe('parseWebhook push events', () => {
  const cases = [
    {
      name: 'a GitHub push is read from a request signed with X-Hub-Signature-256',
      req: request({ 'X-GitHub-Event': 'push' }, githubPush, { header: 'X-Hub-Signature-256', secret: 'gh-secret', prefix: 'sha256=' }),
      want: { provider: 'github', branch: 'main', commit: sha, repoUrls: expect.arrayContaining(['https://github.com/acme/fleet-apps.git', 'git@github.com:acme/fleet-apps.git']) },
    },
    {
      name: 'a Gitea push is told apart from GitHub although it also sends X-GitHub-Event',
      req: request({ 'X-GitHub-Event': 'push', 'X-Gitea-Event': 'push' }, giteaPush, { header: 'X-Gitea-Signature', secret: 'gt-secret' }),
      want: { provider: 'gitea', branch: 'develop', commit: sha, repoUrls: expect.arrayContaining(['http://localhost:3000/gitea/webhooks.git']) },
    },
    {
      name: 'a GitLab push is authenticated by X-Gitlab-Token',
      req: request({ 'X-Gitlab-Event': 'Push Hook', 'X-Gitlab-Token': 'gl-token' }, gitlabPush),
      want: { provider: 'gitlab', branch: 'main', commit: sha, repoUrls: expect.arrayContaining(['https://gitlab.example.com/group/sub/apps.git']) },
    },
    {
      name: 'a GitLab tag push names the tag and no branch',
      req: request({ 'X-Gitlab-Event': 'Tag Push Hook', 'X-Gitlab-Token': 'gl-token' }, gitlabTagPush),
      want: { provider: 'gitlab', branch: undefined, changes: [{ ref: 'refs/tags/v1.0.0', tag: 'v1.0.0', commit: sha, deleted: false }] },
    },
    {
      name: 'a Bitbucket Cloud push lists every changed branch, deletions included',
      req: request({ 'X-Event-Key': 'repo:push' }, bitbucketCloudPush, { header: 'X-Hub-Signature', secret: 'bb-secret', prefix: 'sha256=' }),
      want: {
        provider: 'bitbucket',
        branch: 'main',
        commit: sha,
        repoUrls: ['https://bitbucket.org/acme/apps'],
        changes: [
          { ref: 'refs/heads/main', branch: 'main', commit: sha, deleted: false },
          { ref: 'refs/heads/gone', branch: 'gone', deleted: true },
        ],
      },
    },
    {
      name: 'a Bitbucket Server push is read from its clone links',
      req: request({ 'X-Event-Key': 'repo:refs_changed' }, bitbucketServerPush, { header: 'X-Hub-Signature', secret: 'bb-secret', prefix: 'sha256=' }),
      want: { provider: 'bitbucket', branch: 'release', commit: sha, repoUrls: expect.arrayContaining(['https://bitbucket.example.com/scm/ops/apps.git']) },
    },
    {
      name: 'a GitHub branch deletion has no commit',
      req: request({ 'x-github-event': 'push' }, { ...githubPush, after: zero, deleted: true }, { header: 'x-hub-signature-256', secret: 'gh-secret', prefix: 'sha256=' }),
      want: { provider: 'github', branch: 'main', commit: undefined, changes: [{ ref: 'refs/heads/main', branch: 'main', deleted: true }] },
    },
  ];
  it.each(cases)('$name', ({ req, want }) => {
    expect(parseWebhook(req, { secrets })).toMatchObject({ kind: 'push', ...want });
  });
});

describe('parseWebhook other events and refusals', () => {
  const githubSigned = (secret: string) => request({ 'X-GitHub-Event': 'push' }, githubPush, { header: 'X-Hub-Signature-256', secret, prefix: 'sha256=' });
  const ok = [
    { name: 'a GitHub ping is answered as a ping', req: request({ 'X-GitHub-Event': 'ping' }, { zen: 'Keep it simple.' }, { header: 'X-Hub-Signature-256', secret: 'gh-secret', prefix: 'sha256=' }), want: { kind: 'ping', provider: 'github' } },
    { name: 'a pull request event is ignored, not refused', req: request({ 'X-GitHub-Event': 'pull_request' }, {}, { header: 'X-Hub-Signature-256', secret: 'gh-secret', prefix: 'sha256=' }), want: { kind: 'ignored', event: 'pull_request' } },
  ];
  it.each(ok)('$name', ({ req, want }) => {
    expect(parseWebhook(req, { secrets })).toMatchObject(want);
  });

  const tampered = githubSigned('gh-secret');
  tampered.body = Buffer.from(tampered.body.toString().replace('main', 'evil'));
  const refused = [
    { name: 'a GitHub push signed with another secret is unauthorized', req: githubSigned('wrong'), reason: 'Unauthorized', status: 401 },
    { name: 'a body changed after signing is unauthorized', req: tampered, reason: 'Unauthorized', status: 401 },
    { name: 'a GitHub push without signature is unauthorized', req: request({ 'X-GitHub-Event': 'push' }, githubPush), reason: 'Unauthorized', status: 401 },
    { name: 'a GitLab push with a wrong token is unauthorized', req: request({ 'X-Gitlab-Event': 'Push Hook', 'X-Gitlab-Token': 'gl-tokex' }, gitlabPush), reason: 'Unauthorized', status: 401 },
    { name: 'a Gitea push with a GitHub-style prefixed signature is unauthorized', req: request({ 'X-Gitea-Event': 'push' }, giteaPush, { header: 'X-Gitea-Signature', secret: 'gt-secret', prefix: 'sha256=' }), reason: 'Unauthorized', status: 401 },
    { name: 'a request from no known provider is a bad request', req: request({}, githubPush), reason: 'UnknownProvider', status: 400 },
    { name: 'a signed body that is not JSON is a bad request', req: { headers: { 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': 'gl-token' }, body: 'payload=%7B%7D' }, reason: 'BadPayload', status: 400 },
  ];
  it.each(refused)('$name', ({ req, reason, status }) => {
    expect(() => parseWebhook(req, { secrets })).toThrow(expect.objectContaining({ reason, status }));
  });

  it('a provider without a configured secret is refused unless unsigned events are allowed', () => {
    const req = request({ 'X-Gitlab-Event': 'Push Hook' }, gitlabPush);
    expect(() => parseWebhook(req, { secrets: {} })).toThrow(WebhookError);
    expect(parseWebhook(req, { secrets: {}, allowUnsigned: true })).toMatchObject({ kind: 'push', branch: 'main' });
  });
});

describe('gitReposForPush', () => {
  const event: PushEvent = {
    kind: 'push',
    provider: 'github',
    repoUrls: ['https://github.com/acme/fleet-apps', 'git@github.com:acme/fleet-apps.git'],
    changes: [{ ref: 'refs/heads/main', branch: 'main', commit: sha, deleted: false }],
    branch: 'main',
    commit: sha,
  };
  const cases = [
    { name: 'a GitRepo on the same repo and branch is polled', target: { repo: 'https://github.com/acme/fleet-apps.git', branch: 'main' }, polled: true },
    { name: 'the ssh form of the same repo matches', target: { repo: 'ssh://git@github.com/ACME/fleet-apps', branch: 'main' }, polled: true },
    { name: 'another branch of the same repo is not polled', target: { repo: 'https://github.com/acme/fleet-apps', branch: 'dev' }, polled: false },
    { name: 'a GitRepo pinned to a revision ignores webhooks', target: { repo: 'https://github.com/acme/fleet-apps', revision: 'v1' }, polled: false },
    { name: 'a GitRepo without branch follows the default branch and is polled', target: { repo: 'https://github.com/acme/fleet-apps' }, polled: true },
    { name: 'another repository is not polled', target: { repo: 'https://github.com/acme/other', branch: 'main' }, polled: false },
  ];
  it.each(cases)('$name', ({ target, polled }) => {
    expect(gitReposForPush(event, [{ key: 'ns/r', ...target }])).toEqual(polled ? ['ns/r'] : []);
  });

  it('a tag push polls no branch-following GitRepo', () => {
    const tagPush: PushEvent = { ...event, changes: [{ ref: 'refs/tags/v1', tag: 'v1', commit: sha, deleted: false }], branch: undefined };
    expect(gitReposForPush(tagPush, [{ key: 'a', repo: event.repoUrls[0] ?? '' }])).toEqual([]);
  });
});

describe('webhook signatures', () => {
  const body = Buffer.from('{"a":1}');
  const good = signHmacSha256(body, 's');
  const cases = [
    { name: 'the right signature is accepted', sig: good, ok: true },
    { name: 'upper-case hex is accepted', sig: good.toUpperCase(), ok: true },
    { name: 'a signature one digit off is refused', sig: `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`, ok: false },
    { name: 'a truncated signature is refused', sig: good.slice(0, 10), ok: false },
    { name: 'an empty signature is refused', sig: '', ok: false },
  ];
  it.each(cases)('$name', ({ sig, ok }) => {
    expect(isValidHmacSha256(body, 's', sig)).toBe(ok);
  });

  it('tokens compare equal only when identical, whatever their lengths', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abc', 'abcd')).toBe(false);
    expect(tokensEqual('', 'abc')).toBe(false);
  });
});
