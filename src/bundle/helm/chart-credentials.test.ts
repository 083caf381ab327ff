import { describe, expect, it } from 'vitest';
import { credentialsFor, type CredentialScope } from './chart-credentials.js';

const credentials = { username: 'u', password: 'p' };
const repo = 'https://charts.example.com/stable';

describe('credentialsFor', () => {
  const cases: Array<{ name: string; scope: CredentialScope; url: string; repo: string | undefined; sent: boolean }> = [
    { name: 'the repository index gets the credentials', scope: { credentials }, url: `${repo}/index.yaml`, repo, sent: true },
    { name: 'a chart archive on the repository host gets them', scope: { credentials }, url: 'https://charts.example.com/archive/web-1.0.0.tgz', repo, sent: true },
    { name: 'a chart archive the index points at on another host does not', scope: { credentials }, url: 'https://cdn.example.org/web-1.0.0.tgz', repo, sent: false },
    { name: 'the same host on another port is another origin and does not', scope: { credentials }, url: 'https://charts.example.com:8443/web.tgz', repo, sent: false },
    { name: 'the same host over plain http is another origin and does not', scope: { credentials }, url: 'http://charts.example.com/stable/index.yaml', repo, sent: false },
    { name: 'a chart given as a bare URL does not without helmRepoURLRegex', scope: { credentials }, url: 'https://charts.example.com/web.tgz', repo: undefined, sent: false },
    { name: 'a chart given as a bare URL does when helmRepoURLRegex matches it', scope: { credentials, urlRegex: '^https://charts\\.example\\.com/' }, url: 'https://charts.example.com/web.tgz', repo: undefined, sent: true },
    { name: 'a repository URL helmRepoURLRegex does not match does not', scope: { credentials, urlRegex: '^https://private\\.example\\.com/' }, url: `${repo}/index.yaml`, repo, sent: false },
    { name: 'an invalid helmRepoURLRegex sends them nowhere', scope: { credentials, urlRegex: '([' }, url: `${repo}/index.yaml`, repo, sent: false },
    { name: 'without credentials nothing is sent', scope: {}, url: `${repo}/index.yaml`, repo, sent: false },
  ];
  it.each(cases)('$name', ({ scope, url, repo: chartRepo, sent }) => {
    expect(credentialsFor(scope, url, chartRepo)).toEqual(sent ? credentials : undefined);
  });
});
