/**
 * The demo's fixed choices, as plain data: its member clusters (named `member-<i>`, with
 * labels the examples' targets select on) and the GitRepo that deploys `examples/` to them.
 */
import { API_VERSION } from '../../api/group.js';
import type { KubeObject } from '../../api/meta.js';
import { WORKSPACE_DEFAULT } from '../../api/names.js';
import type { MemberSpec } from './member-agents.js';

export const DEMO_GITREPO = 'examples';
/** Every demo member carries it; the GitRepo targets it. */
export const DEMO_LABEL = 'flotilla.io/demo';

const ENVS = ['staging', 'prod'] as const;
const REGIONS = ['eu', 'us'] as const;

/**
 * `member-1` … `member-n`: the first is env=staging, the others env=prod (the examples'
 * GitRepo targets both, and customizes staging), so both show on the smallest demo;
 * regions alternate eu/us.
 */
export function demoMembers(n: number): MemberSpec[] {
  return Array.from({ length: n }, (_, k) => ({
    name: `member-${k + 1}`,
    labels: { [DEMO_LABEL]: 'true', env: ENVS[Math.min(k, 1)]!, region: REGIONS[k % 2]! },
  }));
}

export function demoGitRepo(repoUrl: string): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'GitRepo',
    metadata: { name: DEMO_GITREPO, namespace: WORKSPACE_DEFAULT },
    spec: {
      repo: repoUrl,
      branch: 'main',
      pollingInterval: '5s',
      targets: [{ name: 'demo', clusterSelector: { matchLabels: { [DEMO_LABEL]: 'true' } } }],
    },
  };
}
