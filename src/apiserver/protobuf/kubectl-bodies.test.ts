/**
 * Real kubectl 1.32 against a capture proxy on 127.0.0.1: each command's protobuf body must
 * decode to the object kubectl itself prints for the same command with `--dry-run=client -o
 * json`, or, for requests that have no dry run (reviews, tokens), to the expected object.
 * Set FLOTILLA_UPDATE_PROTOBUF_FIXTURES=1 to rewrite fixtures/ from the captured bodies.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../../test/support/api-server.js';
import { kubectl } from '../../../test/support/kubectl.js';
import { StatusError } from '../status.js';
import { startCaptureProxy, type CaptureAnswer, type CaptureProxy, type CapturedRequest } from './capture-proxy.js';
import { kubectlCases } from './kubectl-cases.js';
import { decodeProtobufObject } from './index.js';

const fixturesDir = join(import.meta.dirname, 'fixtures');
const updateFixtures = process.env.FLOTILLA_UPDATE_PROTOBUF_FIXTURES === '1';

/** What the server would fill in, so that kubectl accepts the answer and exits 0. */
const answeredStatus: Record<string, unknown> = {
  SelfSubjectAccessReview: { allowed: true },
  SelfSubjectRulesReview: { resourceRules: [], nonResourceRules: [], incomplete: false },
  SelfSubjectReview: { userInfo: { username: 'captured' } },
  TokenRequest: { token: 'captured-token', expirationTimestamp: '2030-01-01T00:00:00Z' },
};

function answer(request: CapturedRequest): CaptureAnswer {
  try {
    const object = decodeProtobufObject(request.body);
    const status = answeredStatus[object.kind];
    return { status: 201, body: status ? { ...object, status } : object };
  } catch (err) {
    if (err instanceof StatusError) return { status: err.code, body: err.toStatus() };
    throw err;
  }
}

describe('kubectl request bodies', () => {
  let api: TestApiServer;
  let proxy: CaptureProxy;
  let dir: string;
  const run = (args: string[]) => kubectl(args, { kubeconfig: join(dir, 'kubeconfig'), cacheDir: join(dir, 'cache') });

  /** kubectl's own JSON for the object; its flags go before `--`, after which all is the container's command. */
  const dryRun = async (args: string[]) => {
    const end = args.includes('--') ? args.indexOf('--') : args.length;
    const result = await run([...args.slice(0, end), '--dry-run=client', '-o', 'json', ...args.slice(end)]);
    return JSON.parse(result.stdout) as unknown;
  };

  beforeAll(async () => {
    api = await startTestApiServer();
    dir = await mkdtemp(join(tmpdir(), 'flotilla-protobuf-'));
    proxy = await startCaptureProxy({ dataDir: dir, upstream: { url: api.server.url, ca: api.server.ca ?? '' }, answer });
    const token = api.kubeConfig().getCurrentUser()?.token ?? '';
    const ca = Buffer.from(proxy.caPem).toString('base64');
    await writeFile(
      join(dir, 'kubeconfig'),
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: capture, cluster: {server: "${proxy.url}", certificate-authority-data: "${ca}"}}]`,
        `users: [{name: admin, user: {token: "${token}"}}]`,
        'contexts: [{name: capture, context: {cluster: capture, user: admin, namespace: default}}]',
        'current-context: capture',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await proxy?.stop();
    await api?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each(kubectlCases)('$name', async (c) => {
    const before = proxy.captured.length;
    const result = await run(c.args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const bodies = proxy.captured.slice(before);
    expect(bodies).toHaveLength(1);
    const body = bodies[0]!.body;
    const expected = c.expected ?? (await dryRun(c.args));
    expect(decodeProtobufObject(body)).toEqual(expected);
    if (updateFixtures) {
      await writeFile(join(fixturesDir, `${c.fixture}.pb`), body);
      await writeFile(join(fixturesDir, `${c.fixture}.json`), `${JSON.stringify(expected, null, 2)}\n`);
    }
  });

  it.each([
    { name: 'a PodDisruptionBudget is refused with 415 naming its kind', args: ['create', 'poddisruptionbudget', 'pdb', '--selector=app=web', '--min-available=1'], kind: 'PodDisruptionBudget' },
    { name: 'a PriorityClass is refused with 415 naming its kind', args: ['create', 'priorityclass', 'high', '--value=1000'], kind: 'PriorityClass' },
  ])('$name', async (c) => {
    const result = await run(c.args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`cannot decode ${c.kind}`);
  });
});
