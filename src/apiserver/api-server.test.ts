import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../test/support/api-server.js';

describe('ApiServer request handling', () => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer();
  });
  afterAll(async () => {
    await api.stop();
  });

  const malformed = [
    { name: 'a malformed %-escape in a namespace is answered 400', path: '/api/v1/namespaces/%E0%A4%A/configmaps' },
    { name: 'a malformed %-escape in a logical cluster name is answered 400', path: '/clusters/%ZZ/api/v1/configmaps' },
  ];
  it.each(malformed)('$name, counted, and the server keeps serving', async ({ path }) => {
    const before = api.server.requestMetrics.counts().byResource['get -'] ?? 0;
    const answer = await api.request('GET', path);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
    expect(api.server.requestMetrics.counts().byResource['get -']).toBe(before + 1);
    expect((await api.request('GET', '/api/v1/namespaces/default')).status).toBe(200);
  });

  const counted = [
    { name: 'a named read is counted as get', path: '/api/v1/namespaces/default', key: 'get namespaces' },
    { name: 'a collection read is counted as list', path: '/api/v1/namespaces', key: 'list namespaces' },
    { name: 'a status read is counted with its subresource', path: '/api/v1/namespaces/default/status', key: 'get namespaces/status' },
  ];
  it.each(counted)('$name', async ({ path, key }) => {
    const before = api.server.requestMetrics.counts().byResource[key] ?? 0;
    expect((await api.request('GET', path)).status).toBe(200);
    expect(api.server.requestMetrics.counts().byResource[key]).toBe(before + 1);
  });
});
