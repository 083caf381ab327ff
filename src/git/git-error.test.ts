import { describe, expect, it } from 'vitest';
import { gitErrorCatalog, GitSourceError, redactUrl, toGitSourceError } from './git-error.js';

describe('toGitSourceError', () => {
  const httpError = (statusCode: number) => Object.assign(new Error('HTTP Error'), { code: 'HttpError', data: { statusCode } });
  const nodeError = (code: string) => Object.assign(new Error(code), { code });
  const cases = [
    { name: 'HTTP 401 means the credentials are wrong (user must act)', error: httpError(401), reason: 'AuthenticationFailed', action: 'user' },
    { name: 'HTTP 403 means the credentials are not allowed (user must act)', error: httpError(403), reason: 'AuthenticationFailed', action: 'user' },
    { name: 'HTTP 404 means no repository there', error: httpError(404), reason: 'RepositoryNotFound', action: 'user' },
    { name: 'HTTP 503 is transient', error: httpError(503), reason: 'ServerError', action: 'retry' },
    { name: 'HTTP 429 is transient', error: httpError(429), reason: 'ServerError', action: 'retry' },
    { name: 'HTTP 400 is unexpected and needs a person', error: httpError(400), reason: 'UnexpectedResponse', action: 'user' },
    { name: 'a refused connection is transient', error: nodeError('ECONNREFUSED'), reason: 'NetworkError', action: 'retry' },
    { name: 'an untrusted certificate needs a CA bundle', error: nodeError('DEPTH_ZERO_SELF_SIGNED_CERT'), reason: 'TlsError', action: 'user' },
    { name: 'a ref isomorphic-git cannot find is a missing revision', error: nodeError('NotFoundError'), reason: 'RevisionNotFound', action: 'user' },
    { name: 'an unsafe path in a tree is an invalid repository', error: nodeError('UnsafeFilepathError'), reason: 'InvalidRepository', action: 'user' },
  ];
  it.each(cases)('$name', ({ error, reason, action }) => {
    const got = toGitSourceError(error, 'fetching x');
    expect(got).toMatchObject({ reason, action });
    expect(got.cause).toBe(error);
    expect(got.message).toContain(gitErrorCatalog[got.reason].summary);
  });

  it('keeps a GitSourceError as it is', () => {
    const error = new GitSourceError('TooLarge', 'big');
    expect(toGitSourceError(error, 'x')).toBe(error);
  });
});

describe('redactUrl', () => {
  const cases = [
    { name: 'user and password are removed', url: 'https://u:p4ss@host/r.git', want: 'https://host/r.git' },
    { name: 'a query (where tokens hide) is removed', url: 'https://host/r.git?access_token=abc', want: 'https://host/r.git' },
    { name: 'an scp-like user is removed', url: 'deploy@host:r.git', want: 'host:r.git' },
    { name: 'a plain path is kept', url: '/srv/r.git', want: '/srv/r.git' },
  ];
  it.each(cases)('$name', ({ url, want }) => {
    expect(redactUrl(url)).toBe(want);
  });
});
