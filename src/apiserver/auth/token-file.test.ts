import { describe, expect, it } from 'vitest';
import { parseTokenFile, TokenFileError } from './token-file.js';

interface Case {
  name: string;
  text: string;
  users: { token: string; username: string; uid: string; groups: string[] }[];
  warnings?: number;
}

const cases: Case[] = [
  {
    name: 'a record with quoted groups gives the user every group',
    text: 'tok1,alice,u1,"devs,ops"\n',
    users: [{ token: 'tok1', username: 'alice', uid: 'u1', groups: ['devs', 'ops'] }],
  },
  {
    name: 'groups are optional',
    text: 'tok1,alice,u1',
    users: [{ token: 'tok1', username: 'alice', uid: 'u1', groups: [] }],
  },
  {
    name: 'blank lines are skipped and leading spaces trimmed',
    text: '\n tok1, alice, u1\n\ntok2,bob,u2,ops\r\n',
    users: [
      { token: 'tok1', username: 'alice', uid: 'u1', groups: [] },
      { token: 'tok2', username: 'bob', uid: 'u2', groups: ['ops'] },
    ],
  },
  {
    name: 'a doubled quote inside a quoted field is one quote',
    text: 'tok1,"al""ice",u1',
    users: [{ token: 'tok1', username: 'al"ice', uid: 'u1', groups: [] }],
  },
  {
    name: 'an empty token is skipped with a warning',
    text: ',alice,u1\ntok2,bob,u2',
    users: [{ token: 'tok2', username: 'bob', uid: 'u2', groups: [] }],
    warnings: 1,
  },
  {
    name: 'a duplicate token keeps the later record, with a warning',
    text: 'tok1,alice,u1\ntok1,bob,u2',
    users: [{ token: 'tok1', username: 'bob', uid: 'u2', groups: [] }],
    warnings: 1,
  },
];

describe('parseTokenFile', () => {
  it.each(cases)('$name', ({ text, users, warnings }) => {
    const parsed = parseTokenFile(text);
    expect(parsed.tokens.map((t) => ({ token: t.token, username: t.user.username, uid: t.user.uid, groups: t.user.groups }))).toEqual(users);
    expect(parsed.warnings).toHaveLength(warnings ?? 0);
    for (const warning of parsed.warnings) expect(warning).not.toMatch(/tok1|tok2/);
  });

  const bad = [
    { name: 'fewer than three columns is an error naming the line, not the token', text: 'ok-token,a,b\nsecret-token,alice', line: 2 },
    { name: 'an unterminated quote is an error naming the line, not the token', text: '"secret-token,alice,u1', line: 1 },
    { name: 'a stray quote in a bare field is an error naming the line, not the token', text: 'secret"token,alice,u1', line: 1 },
  ];

  it.each(bad)('$name', ({ text, line }) => {
    let caught: unknown;
    try {
      parseTokenFile(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TokenFileError);
    expect((caught as TokenFileError).line).toBe(line);
    expect((caught as Error).message).not.toContain('secret');
  });
});
