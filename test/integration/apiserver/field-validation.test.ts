/**
 * Field validation of duplicate fields over real HTTPS and with the machine's real kubectl:
 * a body naming a key twice is refused with fieldValidation=Strict, answered with one
 * `Warning: 299` header per repeated key with Warn (the default), and accepted silently with
 * Ignore, worded as Kubernetes' strict decoder words it, for JSON and YAML bodies alike.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../support/api-server.js';
import { kubectl as runKubectl } from '../../support/kubectl.js';

let api: TestApiServer;
let dir: string;
const k = (args: string[], input?: string) => runKubectl(args, { kubeconfig: api.kubeconfigPath, cacheDir: join(dir, 'cache'), input });

beforeAll(async () => {
  api = await startTestApiServer();
  dir = await mkdtemp(join(tmpdir(), 'flotilla-field-validation-'));
});

afterAll(async () => {
  await api?.stop();
  await rm(dir, { recursive: true, force: true });
});

const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';
const jsonBody = (name: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}","labels":{"a":"1","a":"2"}},"data":{"k":"1","k":"2"}}`;
const yamlBody = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: "1"\n  k: "2"\n`;
const JSON_TYPE = { 'Content-Type': 'application/json' };
const YAML_TYPE = { 'Content-Type': 'application/yaml' };
const YAML_ERROR = 'error converting YAML to JSON: yaml: unmarshal errors:\n  line 7: key "k" already set in map';

/** Node's client joins repeated Warning headers with ", "; split them at each warn code. */
function warningsOf(headers: Record<string, string | string[] | undefined>): string[] {
  const value = headers.warning;
  const joined = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return joined.flatMap((v) => v.split(/, (?=299 - )/));
}

describe('duplicate fields over HTTPS', () => {
  const cases = [
    {
      name: 'a JSON create with Strict is a 400 naming every duplicate field',
      query: '?fieldValidation=Strict',
      body: jsonBody('strict-json'),
      headers: JSON_TYPE,
      status: 400,
      message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "metadata.labels.a", duplicate field "data.k"',
      warnings: [],
    },
    {
      name: 'a YAML create with Strict is a 400 with the YAML converter error',
      query: '?fieldValidation=Strict',
      body: yamlBody('strict-yaml'),
      headers: YAML_TYPE,
      status: 400,
      message: `ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: ${YAML_ERROR}`,
      warnings: [],
    },
    {
      name: 'a JSON create without fieldValidation warns once per duplicate field and keeps the last value',
      query: '',
      body: jsonBody('warn-json'),
      headers: JSON_TYPE,
      status: 201,
      warnings: ['299 - "duplicate field \\"metadata.labels.a\\""', '299 - "duplicate field \\"data.k\\""'],
    },
    {
      name: 'a YAML create with Warn warns with the YAML converter error',
      query: '?fieldValidation=Warn',
      body: yamlBody('warn-yaml'),
      headers: YAML_TYPE,
      status: 201,
      warnings: [`299 - ${JSON.stringify(YAML_ERROR)}`],
    },
    {
      name: 'a JSON create with Ignore says nothing and keeps the last value',
      query: '?fieldValidation=Ignore',
      body: jsonBody('ignore-json'),
      headers: JSON_TYPE,
      status: 201,
      warnings: [],
    },
  ];

  it.each(cases)('$name', async (c) => {
    const res = await api.request('POST', `${CONFIGMAPS}${c.query}`, c.body, c.headers);
    expect(res.status).toBe(c.status);
    expect(warningsOf(res.headers)).toEqual(c.warnings);
    if (c.status === 400) {
      expect(res.json).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400, message: c.message });
    } else {
      expect(res.json).toMatchObject({ kind: 'ConfigMap', data: { k: '2' } });
    }
  });

  it('an update with Strict is refused and leaves the stored object as it was', async () => {
    const created = await api.request('POST', CONFIGMAPS, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"put-me"},"data":{"k":"0"}}', JSON_TYPE);
    expect(created.status).toBe(201);
    const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"put-me"},"data":{"k":"1","k":"2"}}';
    const res = await api.request('PUT', `${CONFIGMAPS}/put-me?fieldValidation=Strict`, body, JSON_TYPE);
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data.k"');
    expect((await api.request('GET', `${CONFIGMAPS}/put-me`)).json.data).toEqual({ k: '0' });
  });

  it('a body without duplicates gets no warning', async () => {
    const res = await api.request('POST', CONFIGMAPS, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"clean"},"data":{"k":"1"}}', JSON_TYPE);
    expect(res.status).toBe(201);
    expect(warningsOf(res.headers)).toEqual([]);
  });
});

describe('duplicate fields with real kubectl', () => {
  // kubectl decodes a manifest into an object before sending it, so a repeated key is
  // collapsed (the last value wins) on the client and never reaches any API server: a real
  // cluster creates the object, and so must we, although kubectl asks for Strict.
  it('kubectl apply -f of a manifest with a duplicate key asks for Strict and creates the object with the last value', async () => {
    const manifest = join(dir, 'duplicate.yaml');
    await writeFile(manifest, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubectl-dup\n  namespace: default\ndata:\n  a: "1"\n  a: "2"\n');
    const res = await k(['apply', '-f', manifest, '-v=6']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('configmap/kubectl-dup created');
    expect(res.stderr).toMatch(/POST https:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/default\/configmaps\?fieldManager=kubectl-client-side-apply&fieldValidation=Strict 201/);
    expect(res.stderr).not.toContain('duplicate field');
    expect((await k(['get', 'configmap', 'kubectl-dup', '-o', 'jsonpath={.data.a}'])).stdout).toBe('2');
  });

  it('a JSON body with a duplicate sent as is (kubectl create --raw) is refused as a real cluster refuses it', async () => {
    const manifest = join(dir, 'duplicate.json');
    await writeFile(manifest, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"raw-dup","namespace":"default"},"data":{"a":"1","a":"2"}}');
    const res = await k(['create', '--raw', `${CONFIGMAPS}?fieldValidation=Strict`, '-f', manifest]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('Error from server (BadRequest): ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data.a"');
  });
});
