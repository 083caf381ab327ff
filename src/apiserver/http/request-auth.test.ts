import { describe, expect, it } from 'vitest';
import { isPublicPath } from './request-auth.js';

describe('isPublicPath', () => {
  const cases = [
    { name: 'the version document is public', path: '/version', public: true },
    { name: 'the health endpoints are public', path: '/healthz', public: true },
    { name: 'a named liveness check is public', path: '/livez/ping', public: true },
    { name: 'readiness is public', path: '/readyz', public: true },
    { name: 'discovery is not public', path: '/apis', public: false },
    { name: 'a resource path is not public', path: '/api/v1/namespaces', public: false },
    { name: 'a path that only starts like a health endpoint is not public', path: '/healthzx', public: false },
    { name: 'the OpenAPI documents are not public', path: '/openapi/v2', public: false },
  ];
  it.each(cases)('$name', ({ path, public: expected }) => {
    expect(isPublicPath(path)).toBe(expected);
  });
});
