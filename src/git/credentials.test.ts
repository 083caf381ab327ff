import { describe, expect, it } from 'vitest';
import { authorizationHeader, isGitCredentials, splitUrlCredentials } from './credentials.js';

describe('authorizationHeader', () => {
  const cases = [
    { name: 'username and password become basic auth', credentials: { username: 'u', password: 'p:w' }, want: `Basic ${Buffer.from('u:p:w').toString('base64')}` },
    { name: 'a token becomes a bearer credential', credentials: { token: 't0k' }, want: 'Bearer t0k' },
  ];
  it.each(cases)('$name', ({ credentials, want }) => {
    expect(authorizationHeader(credentials)).toBe(want);
  });
});

describe('splitUrlCredentials', () => {
  const cases = [
    { name: 'credentials in the URL move out of it', url: 'https://me:p%40ss@host/r.git', explicit: undefined, wantUrl: 'https://host/r.git', want: { username: 'me', password: 'p@ss' } },
    { name: 'explicit credentials win over the URL', url: 'https://me:x@host/r.git', explicit: { token: 't' }, wantUrl: 'https://host/r.git', want: { token: 't' } },
    { name: 'a URL without credentials is kept as is', url: 'https://host/r.git', explicit: undefined, wantUrl: 'https://host/r.git', want: undefined },
  ];
  it.each(cases)('$name', ({ url, explicit, wantUrl, want }) => {
    const got = splitUrlCredentials(new URL(url), explicit);
    expect(got.url.toString()).toBe(wantUrl);
    expect(got.credentials).toEqual(want);
  });
});

describe('isGitCredentials', () => {
  const cases = [
    { name: 'username and password are credentials', value: { username: 'u', password: 'p' }, want: true },
    { name: 'a non-empty token is a credential', value: { token: 't' }, want: true },
    { name: 'an empty token is not', value: { token: '' }, want: false },
    { name: 'a username alone is not', value: { username: 'u' }, want: false },
    { name: 'null is not', value: null, want: false },
  ];
  it.each(cases)('$name', ({ value, want }) => {
    expect(isGitCredentials(value)).toBe(want);
  });
});
