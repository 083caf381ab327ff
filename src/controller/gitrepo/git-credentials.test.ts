import { describe, expect, it } from 'vitest';
import { credentialsFromSecret, type SecretObject } from './git-credentials.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

function secret(data: Record<string, string>, type?: string): SecretObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'ws' }, ...(type ? { type } : {}), data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])) };
}

const cases = [
  { name: 'a basic-auth Secret gives username and password', secret: secret({ username: 'u', password: 'p' }, 'kubernetes.io/basic-auth'), want: { username: 'u', password: 'p' } },
  { name: 'a token key gives a bearer token, winning over username and password', secret: secret({ token: 't', username: 'u', password: 'p' }), want: { token: 't' } },
  { name: 'an empty password is still a password', secret: secret({ username: 'u', password: '' }), want: { username: 'u', password: '' } },
  {
    name: 'an SSH key Secret is refused, saying only HTTP(S) is supported',
    secret: secret({ 'ssh-privatekey': 'KEY' }, 'kubernetes.io/ssh-auth'),
    want: { reason: 'SecretInvalid', message: 'clientSecretName: Secret ws/creds holds an SSH key; Flotilla supports git over HTTP(S) with basic auth or a token only' },
  },
  {
    name: 'a Secret with neither credentials nor token is refused, naming the keys it needs',
    secret: secret({ password: 'p' }),
    want: { reason: 'SecretInvalid', message: 'clientSecretName: Secret ws/creds has neither "username" and "password" nor "token"' },
  },
];

describe('credentialsFromSecret', () => {
  it.each(cases)('$name', ({ secret: s, want }) => {
    expect(credentialsFromSecret(s)).toEqual(want);
  });
});
