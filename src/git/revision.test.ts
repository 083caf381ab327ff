import { describe, expect, it } from 'vitest';
import { GitSourceError } from './git-error.js';
import { planRevision } from './revision.js';

describe('planRevision', () => {
  const sha = 'A'.repeat(40);
  const cases = [
    { name: 'a full sha revision names that commit (lower-cased)', selector: { revision: sha }, want: { kind: 'commit', commit: 'a'.repeat(40) } },
    { name: 'a short revision is looked up as a tag, then a branch', selector: { revision: 'v1.2' }, want: { kind: 'ref', candidates: ['refs/tags/v1.2', 'refs/heads/v1.2'] } },
    { name: 'a full ref name revision is used as is', selector: { revision: 'refs/tags/v1' }, want: { kind: 'ref', candidates: ['refs/tags/v1'] } },
    { name: 'revision wins over branch', selector: { branch: 'main', revision: 'v1' }, want: { kind: 'ref', candidates: ['refs/tags/v1', 'refs/heads/v1'] } },
    { name: 'a branch is looked up under refs/heads', selector: { branch: 'release/1.x' }, want: { kind: 'ref', candidates: ['refs/heads/release/1.x'] } },
    { name: 'neither branch nor revision follows HEAD', selector: {}, want: { kind: 'head' } },
    { name: 'blank values count as unset', selector: { branch: ' ', revision: '' }, want: { kind: 'head' } },
  ];
  it.each(cases)('$name', ({ selector, want }) => {
    expect(planRevision(selector)).toMatchObject(want);
  });

  const bad = ['../../etc', 'a b', 'main.lock', '-delete', 'x@{1}', 'a:b', 'a\u0000b', 'trailing/'];
  it.each(bad.map((branch) => ({ name: `the branch name ${JSON.stringify(branch)} is refused`, branch })))('$name', ({ branch }) => {
    expect(() => planRevision({ branch })).toThrow(GitSourceError);
  });
});
