import { describe, expect, it } from 'vitest';
import { ApiError } from '../../kube/api-error.js';
import { kindView } from './kind-view.js';
import { objectError } from './object-commands.js';

const status = (code: number, reason: string) => new ApiError({ kind: 'Status', status: 'Failure', code, reason, message: `server says ${reason}` });

const cases = [
  { name: 'not found names the kind, the object and its workspace', err: status(404, 'NotFound'), kind: 'GitRepo' as const, want: 'GitRepo "web" not found in namespace fleet-default' },
  { name: 'already exists names the object', err: status(409, 'AlreadyExists'), kind: 'ClusterGroup' as const, want: 'ClusterGroup "web" already exists in namespace fleet-default' },
  { name: 'a conflict says nothing was written and to run again', err: status(409, 'Conflict'), kind: 'Cluster' as const, want: 'Cluster "web" in namespace fleet-default was changed by someone else meanwhile; nothing was written, run the command again' },
  { name: 'a cluster-scoped kind names no namespace', err: status(404, 'NotFound'), kind: 'Content' as const, want: 'Content "web" not found' },
  { name: 'any other error keeps the server’s own words', err: status(422, 'Invalid'), kind: 'GitRepo' as const, want: 'server says Invalid' },
];

describe('objectError', () => {
  it.each(cases)('$name', ({ err, kind, want }) => {
    expect((objectError(err, kindView(kind), 'web', 'fleet-default') as Error).message).toBe(want);
  });
});
