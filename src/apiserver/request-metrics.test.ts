import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../test/support/api-server.js';
import { parseRequestMetrics, RequestMetrics, requestVerb } from './request-metrics.js';

describe('requestVerb', () => {
  const cases = [
    { name: 'a GET of a named object is a get', method: 'GET', named: true, watch: false, verb: 'get' },
    { name: 'a GET of a collection is a list', method: 'GET', named: false, watch: false, verb: 'list' },
    { name: 'a GET with watch=true is a watch', method: 'GET', named: false, watch: true, verb: 'watch' },
    { name: 'a POST is a create', method: 'POST', named: false, watch: false, verb: 'create' },
    { name: 'a PATCH is a patch', method: 'PATCH', named: true, watch: false, verb: 'patch' },
    { name: 'a DELETE of a collection is a deletecollection', method: 'DELETE', named: false, watch: false, verb: 'deletecollection' },
  ];
  it.each(cases)('$name', ({ method, named, watch, verb }) => {
    expect(requestVerb(method, { named, watch })).toBe(verb);
  });
});

describe('RequestMetrics', () => {
  it('the Prometheus text reads back as the same counts', () => {
    const metrics = new RequestMetrics();
    expect(parseRequestMetrics(metrics.prometheusText())).toEqual(metrics.counts());
  });
});

describe('GET /metrics on a real server', () => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('counts requests by verb and the body bytes each way, watch events included', async () => {
    const before = parseRequestMetrics((await api.request('GET', '/metrics')).text);
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'counted', namespace: 'default' }, data: { a: 'b' } };
    const created = await api.request('POST', '/api/v1/namespaces/default/configmaps', body);
    expect(created.status).toBe(201);
    const got = await api.request('GET', '/api/v1/namespaces/default/configmaps/counted');
    await api.request('GET', '/api/v1/namespaces/default/configmaps');
    const after = parseRequestMetrics((await api.request('GET', '/metrics')).text);

    // The first /metrics request is counted before its answer is written, so it shows in `after` as a get.
    expect((after.byVerb['create'] ?? 0) - (before.byVerb['create'] ?? 0)).toBe(1);
    expect((after.byVerb['list'] ?? 0) - (before.byVerb['list'] ?? 0)).toBe(1);
    expect((after.byVerb['get'] ?? 0) - (before.byVerb['get'] ?? 0)).toBe(2);
    expect(after.requestBytes - before.requestBytes).toBe(Buffer.byteLength(JSON.stringify(body)));
    expect(after.responseBytes - before.responseBytes).toBeGreaterThan(created.text.length + got.text.length);
  });
});
