import { describe, expect, it } from 'vitest';
import { isImpersonationHeader, parseImpersonation, type HeaderValues } from './impersonation.js';

interface Case {
  name: string;
  headers: HeaderValues;
  user: { username: string; groups: string[]; uid?: string; extra?: Record<string, string[]> };
  checks: { resource: string; name: string; namespace?: string; apiGroup?: string; subresource?: string }[];
}

const cases: Case[] = [
  {
    name: 'impersonating a user checks impersonate on users and adds system:authenticated',
    headers: { 'impersonate-user': 'bob' },
    user: { username: 'bob', groups: ['system:authenticated'] },
    checks: [{ resource: 'users', name: 'bob' }],
  },
  {
    name: 'each requested group is checked on groups',
    headers: { 'Impersonate-User': 'bob', 'Impersonate-Group': ['devs', 'ops'] },
    user: { username: 'bob', groups: ['devs', 'ops', 'system:authenticated'] },
    checks: [
      { resource: 'users', name: 'bob' },
      { resource: 'groups', name: 'devs' },
      { resource: 'groups', name: 'ops' },
    ],
  },
  {
    name: 'a ServiceAccount is checked on serviceaccounts in its namespace and gets its groups',
    headers: { 'impersonate-user': 'system:serviceaccount:cluster-a:agent' },
    user: {
      username: 'system:serviceaccount:cluster-a:agent',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:cluster-a', 'system:authenticated'],
    },
    checks: [{ resource: 'serviceaccounts', name: 'agent', namespace: 'cluster-a' }],
  },
  {
    name: 'uid and extra are checked in authentication.k8s.io, extra keys percent-decoded',
    headers: { 'impersonate-user': 'bob', 'impersonate-uid': '1234', 'impersonate-extra-example.com%2fscopes': ['read'] },
    user: { username: 'bob', groups: ['system:authenticated'], uid: '1234', extra: { 'example.com/scopes': ['read'] } },
    checks: [
      { resource: 'users', name: 'bob' },
      { resource: 'userextras', name: 'read', apiGroup: 'authentication.k8s.io', subresource: 'example.com/scopes' },
      { resource: 'uids', name: '1234', apiGroup: 'authentication.k8s.io' },
    ],
  },
  {
    name: 'impersonating anonymous adds system:unauthenticated instead',
    headers: { 'impersonate-user': 'system:anonymous' },
    user: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
    checks: [{ resource: 'users', name: 'system:anonymous' }],
  },
];

describe('parseImpersonation', () => {
  it.each(cases)('$name', ({ headers, user, checks }) => {
    const result = parseImpersonation(headers);
    if (!result.requested || 'error' in result) throw new Error('expected an impersonation request');
    expect(result.user).toEqual(user);
    expect(result.checks).toEqual(checks.map((c) => expect.objectContaining({ verb: 'impersonate', namespace: '', apiGroup: '', ...c })));
  });

  it('a request without impersonation headers asks for nothing', () => {
    expect(parseImpersonation({ authorization: 'Bearer x' })).toEqual({ requested: false });
  });

  const invalid = [
    { name: 'groups without a user are refused', headers: { 'impersonate-group': 'devs' } },
    { name: 'two users are refused', headers: { 'impersonate-user': ['a', 'b'] } },
  ];
  it.each(invalid)('$name', ({ headers }) => {
    expect(parseImpersonation(headers)).toMatchObject({ requested: true, error: expect.any(String) });
  });

  it('recognises the headers the server must strip', () => {
    expect(['Impersonate-User', 'impersonate-extra-x', 'Authorization'].map(isImpersonationHeader)).toEqual([true, true, false]);
  });
});
