import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
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

  it('counts requests by verb and by resource and subresource', async () => {
    const metrics = new RequestMetrics();
    const { req, res } = await fakeExchange();
    metrics.track(req, res, { verb: 'patch', resource: 'clusters', subresource: 'status' });
    metrics.track(req, res, { verb: 'patch', resource: 'bundledeployments', subresource: 'status' });
    metrics.track(req, res, { verb: 'get', resource: '' });
    expect(metrics.counts().byVerb).toEqual({ get: 1, patch: 2 });
    expect(metrics.counts().byResource).toEqual({ 'get -': 1, 'patch bundledeployments/status': 1, 'patch clusters/status': 1 });
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
    expect((after.byResource['create configmaps'] ?? 0) - (before.byResource['create configmaps'] ?? 0)).toBe(1);
    expect(after.requestBytes - before.requestBytes).toBe(Buffer.byteLength(JSON.stringify(body)));
    expect(after.responseBytes - before.responseBytes).toBeGreaterThan(created.text.length + got.text.length);
  });
});

/** A request and response pair not attached to any connection, for counting alone. */
async function fakeExchange(): Promise<{ req: IncomingMessage; res: ServerResponse }> {
  const req = new IncomingMessage(new Socket());
  return { req, res: new ServerResponse(req) };
}
