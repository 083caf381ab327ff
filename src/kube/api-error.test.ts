import { describe, expect, it } from 'vitest';
import { ApiError, isAlreadyExists, isConflict, isGone, isInvalid, isNetworkError, isNotFound, isRetryable } from './api-error.js';

const status = (code: number, reason: string, extra: object = {}) => JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message: `${reason} happened`, ...extra });

describe('ApiError.fromResponse', () => {
  const cases = [
    {
      name: 'a Status body keeps its reason, message and causes',
      code: 422,
      body: status(422, 'Invalid', { details: { causes: [{ field: 'metadata.name', message: 'bad' }] } }),
      expected: { code: 422, reason: 'Invalid', message: 'Invalid happened', causes: [{ field: 'metadata.name', message: 'bad' }] },
    },
    { name: 'a body that is not JSON gets the reason of its HTTP code', code: 404, body: '<html>nope</html>', expected: { code: 404, reason: 'NotFound', message: '<html>nope</html>', causes: [] } },
    { name: 'an empty body still says what failed', code: 503, body: '', expected: { code: 503, reason: 'ServiceUnavailable', message: 'GET /api/v1: HTTP 503 ServiceUnavailable', causes: [] } },
  ];
  it.each(cases)('$name', ({ code, body, expected }) => {
    const err = ApiError.fromResponse(code, body, { method: 'GET', path: '/api/v1' });
    expect({ code: err.code, reason: err.reason, message: err.message, causes: err.causes }).toEqual(expected);
  });
});

describe('error predicates', () => {
  const err = (code: number, reason: string) => ApiError.fromResponse(code, status(code, reason));
  const cases = [
    { name: 'NotFound is recognised', error: err(404, 'NotFound'), predicate: isNotFound, expected: true },
    { name: 'AlreadyExists is not a conflict', error: err(409, 'AlreadyExists'), predicate: isConflict, expected: false },
    { name: 'AlreadyExists is recognised', error: err(409, 'AlreadyExists'), predicate: isAlreadyExists, expected: true },
    { name: 'Expired (410) is Gone, so informers relist', error: err(410, 'Expired'), predicate: isGone, expected: true },
    { name: 'Invalid is recognised', error: err(422, 'Invalid'), predicate: isInvalid, expected: true },
    { name: 'a conflict is worth retrying', error: err(409, 'Conflict'), predicate: isRetryable, expected: true },
    { name: 'a server error is worth retrying', error: err(500, 'InternalError'), predicate: isRetryable, expected: true },
    { name: 'an invalid object is not worth retrying', error: err(422, 'Invalid'), predicate: isRetryable, expected: false },
    { name: 'a refused connection is a network error', error: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), predicate: isNetworkError, expected: true },
    { name: 'a plain Error is not NotFound', error: new Error('not found'), predicate: isNotFound, expected: false },
  ];
  it.each(cases)('$name', ({ error, predicate, expected }) => {
    expect(predicate(error)).toBe(expected);
  });
});
