import { describe, expect, it } from 'vitest';
import { StatusError } from '../status.js';
import { DEFAULT_EXPIRATION_SECONDS, tokenRequestSpec } from './token-request.js';

describe('tokenRequestSpec', () => {
  const valid = [
    { name: 'an empty spec gets the default lifetime and no audiences', input: {}, expected: { audiences: [], expirationSeconds: DEFAULT_EXPIRATION_SECONDS } },
    { name: 'a missing spec is treated as empty', input: undefined, expected: { audiences: [], expirationSeconds: DEFAULT_EXPIRATION_SECONDS } },
    { name: 'exactly ten minutes is the shortest lifetime allowed', input: { expirationSeconds: 600 }, expected: { audiences: [], expirationSeconds: 600 } },
    { name: 'audiences that are not strings are dropped', input: { audiences: ['api', 7] }, expected: { audiences: ['api'], expirationSeconds: DEFAULT_EXPIRATION_SECONDS } },
  ];
  it.each(valid)('$name', ({ input, expected }) => {
    expect(tokenRequestSpec('robot', input)).toMatchObject(expected);
  });

  const invalid = [
    { name: 'a lifetime under ten minutes is refused', input: { expirationSeconds: 599 }, message: 'TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes' },
    { name: 'a lifetime over 2^32 seconds is refused', input: { expirationSeconds: 2 ** 32 + 1 }, message: 'TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds' },
    { name: 'a fractional lifetime is refused', input: { expirationSeconds: 700.5 }, message: 'TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 700.5: must be a whole number of seconds' },
  ];
  it.each(invalid)('$name', ({ input, message }) => {
    let caught: unknown;
    try {
      tokenRequestSpec('robot', input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StatusError);
    expect((caught as StatusError).code).toBe(422);
    expect((caught as StatusError).message).toBe(message);
  });
});
