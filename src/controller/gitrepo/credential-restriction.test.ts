import { describe, expect, it } from 'vitest';
import type { Restriction } from '../../targeting/index.js';
import { credentialRefusal } from './credential-restriction.js';

const use = { namespace: 'team-a', repo: 'https://git.example.com/team-a/apps.git', clientSecretName: 'team-a-git' };
const restriction = (fields: Partial<Restriction>, namespace = 'team-a'): Restriction => ({ name: 'tenant', namespace, ...fields });

describe('credentialRefusal', () => {
  const cases: Array<{ name: string; restrictions: Restriction[]; use?: Partial<typeof use>; refused?: string }> = [
    { name: 'a workspace without restrictions may use any Secret with any repository', restrictions: [] },
    { name: 'a restriction of another workspace does not apply', restrictions: [restriction({ allowedClientSecretNames: ['other'] }, 'team-b')] },
    { name: 'an allowed Secret with an allowed repository may be used', restrictions: [restriction({ allowedClientSecretNames: ['team-a-git'], allowedRepoPatterns: ['^https://git\\.example\\.com/team-a/'] })] },
    { name: 'a Secret outside allowedClientSecretNames is refused, naming the field', restrictions: [restriction({ allowedClientSecretNames: ['team-a-git'] })], use: { clientSecretName: 'platform-admin-git' }, refused: 'clientSecretName: Secret "platform-admin-git" is not one of the allowed team-a-git (GitRepoRestriction tenant); its credentials were not sent' },
    { name: 'a repository outside allowedRepoPatterns is refused, naming the field', restrictions: [restriction({ allowedRepoPatterns: ['^https://git\\.example\\.com/'] })], use: { repo: 'http://attacker.example/steal.git' }, refused: 'repo: repository "http://attacker.example/steal.git" matches none of the allowed patterns' },
    { name: 'allow lists of several restrictions are joined', restrictions: [restriction({ allowedClientSecretNames: ['x'] }), { ...restriction({ allowedClientSecretNames: ['team-a-.*'] }), name: 'second' }] },
    { name: 'an empty allow list allows anything', restrictions: [restriction({ allowedClientSecretNames: [], allowedRepoPatterns: [] })] },
  ];

  it.each(cases)('$name', ({ restrictions, use: changed, refused }) => {
    const problem = credentialRefusal({ ...use, ...changed }, restrictions);
    if (refused === undefined) expect(problem).toBeUndefined();
    else expect(problem).toEqual({ reason: 'RestrictedByGitRepoRestriction', message: expect.stringContaining(refused) });
  });
});
