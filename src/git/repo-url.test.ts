import { describe, expect, it } from 'vitest';
import { normalizeRepoUrl, parseRepoLocation } from './repo-url.js';

describe('normalizeRepoUrl', () => {
  const cases = [
    { name: 'an https URL loses scheme and .git', url: 'https://github.com/Org/App.git', want: 'github.com/org/app' },
    { name: 'an scp-like ssh address reads the same', url: 'git@github.com:org/app.git', want: 'github.com/org/app' },
    { name: 'an ssh URL with port reads the same', url: 'ssh://git@github.com:22/org/app', want: 'github.com/org/app' },
    { name: 'user info and trailing slashes are dropped', url: 'https://user:pw@gitea.local:3000/org/app/', want: 'gitea.local/org/app' },
    { name: 'a nested GitLab group path is kept', url: 'https://gitlab.com/a/b/c.git', want: 'gitlab.com/a/b/c' },
  ];
  it.each(cases)('$name', ({ url, want }) => {
    expect(normalizeRepoUrl(url)).toBe(want);
  });
});

describe('parseRepoLocation', () => {
  const cases = [
    { name: 'an https URL goes over the network', repo: 'https://example.com/r.git', want: { kind: 'http' } },
    { name: 'an absolute path is a local repository', repo: '/srv/git/r.git', want: { kind: 'local', path: '/srv/git/r.git' } },
    { name: 'a file URL is a local repository', repo: 'file:///srv/git/r', want: { kind: 'local', path: '/srv/git/r' } },
  ];
  it.each(cases)('$name', ({ repo, want }) => {
    expect(parseRepoLocation(repo)).toMatchObject(want);
  });

  const refused = [
    { name: 'an ssh URL is refused without showing its user', repo: 'ssh://secret@host/r.git' },
    { name: 'an scp-like address is refused', repo: 'git@github.com:org/r.git' },
    { name: 'a relative path is refused', repo: 'repos/r.git' },
  ];
  it.each(refused)('$name', ({ repo }) => {
    expect(() => parseRepoLocation(repo)).toThrow(expect.objectContaining({ reason: 'UnsupportedUrl', message: expect.not.stringContaining('secret@') }));
  });
});
