/**
 * The bodies real kubectl 1.32 sent (captured by kubectl-bodies.test.ts), decoded without
 * kubectl: each fixtures/<name>.pb must give exactly fixtures/<name>.json.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubectlCases } from './kubectl-cases.js';
import { decodeProtobufObject } from './index.js';

const dir = join(import.meta.dirname, 'fixtures');

describe('captured kubectl bodies', () => {
  it('every case has its fixture pair and every fixture belongs to a case', () => {
    const files = readdirSync(dir).sort();
    const expected = kubectlCases.flatMap((c) => [`${c.fixture}.json`, `${c.fixture}.pb`]).sort();
    expect(files).toEqual(expected);
  });

  it.each(kubectlCases)('$name (fixtures/$fixture.pb)', ({ fixture }) => {
    const body = readFileSync(join(dir, `${fixture}.pb`));
    const expected: unknown = JSON.parse(readFileSync(join(dir, `${fixture}.json`), 'utf8'));
    expect(decodeProtobufObject(body)).toEqual(expected);
  });
});
