/**
 * The kubectl commands whose protobuf bodies the tests capture (kubectl-bodies.test.ts) and
 * keep as fixtures (fixtures/<fixture>.pb, with the expected object in <fixture>.json). A case
 * without `expected` is checked against kubectl's own `--dry-run=client -o json` output.
 */
import type { KubeObject } from '../../api/meta.js';

export interface KubectlCase {
  name: string;
  fixture: string;
  args: string[];
  expected?: KubeObject;
}

const review = (kind: string, apiVersion: string, rest: Record<string, unknown>): KubeObject => ({
  kind,
  apiVersion,
  metadata: { creationTimestamp: null } as unknown as KubeObject['metadata'],
  ...rest,
});

export const kubectlCases: KubectlCase[] = [
  { name: 'create configmap sends its literals as data', fixture: 'configmap', args: ['create', 'configmap', 'settings', '--from-literal=mode=fast', '--from-literal=empty=', '-n', 'default'] },
  { name: 'create secret generic sends data as base64 bytes', fixture: 'secret-generic', args: ['create', 'secret', 'generic', 'db', '--from-literal=password=hunter2', '--type=Opaque'] },
  { name: 'create namespace sends an empty spec and status', fixture: 'namespace', args: ['create', 'namespace', 'team-a'] },
  { name: 'create serviceaccount sends only metadata', fixture: 'serviceaccount', args: ['create', 'serviceaccount', 'builder'] },
  { name: 'create quota sends quantities as strings and its scopes', fixture: 'resourcequota', args: ['create', 'quota', 'compute', '--hard=cpu=1500m,memory=1Gi,pods=10', '--scopes=NotBestEffort'] },
  { name: 'create service clusterip sends ports with an int target port', fixture: 'service-clusterip', args: ['create', 'service', 'clusterip', 'web', '--tcp=80:8080', '--tcp=443:https'] },
  { name: 'create role sends its rules', fixture: 'role', args: ['create', 'role', 'reader', '--verb=get,list,watch', '--resource=configmaps,deployments.apps', '--resource-name=settings', '-n', 'default'] },
  { name: 'create rolebinding sends subjects and a role reference', fixture: 'rolebinding', args: ['create', 'rolebinding', 'read', '--role=reader', '--user=alice', '--group=devs', '--serviceaccount=default:builder', '-n', 'default'] },
  { name: 'create clusterrole sends non-resource URLs', fixture: 'clusterrole', args: ['create', 'clusterrole', 'health', '--verb=get', '--non-resource-url=/healthz', '--non-resource-url=/livez'] },
  { name: 'create clusterrole with an aggregation rule sends its selectors', fixture: 'clusterrole-aggregated', args: ['create', 'clusterrole', 'monitoring', '--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true'] },
  { name: 'create clusterrolebinding sends subjects and a role reference', fixture: 'clusterrolebinding', args: ['create', 'clusterrolebinding', 'health', '--clusterrole=health', '--group=system:authenticated'] },
  { name: 'create deployment sends replicas, selector and a pod template', fixture: 'deployment', args: ['create', 'deployment', 'web', '--image=nginx:1.27', '--port=80', '--replicas=3'] },
  { name: 'create job sends its command in the pod template', fixture: 'job', args: ['create', 'job', 'once', '--image=busybox:1.36', '--', 'sh', '-c', 'echo hi'] },
  { name: 'create cronjob sends its schedule and job template', fixture: 'cronjob', args: ['create', 'cronjob', 'tick', '--image=busybox:1.36', '--schedule=*/5 * * * *', '--restart=Never'] },
  {
    name: 'auth can-i sends a SelfSubjectAccessReview with resource attributes',
    fixture: 'selfsubjectaccessreview',
    args: ['auth', 'can-i', 'delete', 'deployments.apps/web', '--subresource=scale', '-n', 'default'],
    expected: review('SelfSubjectAccessReview', 'authorization.k8s.io/v1', {
      spec: { resourceAttributes: { namespace: 'default', verb: 'delete', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'web' } },
      status: { allowed: false },
    }),
  },
  {
    name: 'auth can-i on a URL sends non-resource attributes',
    fixture: 'selfsubjectaccessreview-nonresource',
    args: ['auth', 'can-i', 'get', '/healthz'],
    expected: review('SelfSubjectAccessReview', 'authorization.k8s.io/v1', {
      spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } },
      status: { allowed: false },
    }),
  },
  {
    name: 'auth can-i --list sends a SelfSubjectRulesReview for the namespace',
    fixture: 'selfsubjectrulesreview',
    args: ['auth', 'can-i', '--list', '-n', 'team-a'],
    expected: review('SelfSubjectRulesReview', 'authorization.k8s.io/v1', {
      spec: { namespace: 'team-a' },
      status: { resourceRules: null, nonResourceRules: null, incomplete: false },
    }),
  },
  {
    name: 'auth whoami sends an empty SelfSubjectReview',
    fixture: 'selfsubjectreview',
    args: ['auth', 'whoami'],
    expected: review('SelfSubjectReview', 'authentication.k8s.io/v1', { status: { userInfo: {} } }),
  },
  {
    name: 'create token sends audiences, a duration in seconds and a bound object',
    fixture: 'tokenrequest',
    args: ['create', 'token', 'builder', '--duration=10m', '--audience=https://example.com', '--audience=vault', '--bound-object-kind=Secret', '--bound-object-name=db', '--bound-object-uid=1234'],
    expected: review('TokenRequest', 'authentication.k8s.io/v1', {
      spec: {
        audiences: ['https://example.com', 'vault'],
        expirationSeconds: 600,
        boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 'db', uid: '1234' },
      },
      status: { token: '', expirationTimestamp: null },
    }),
  },
];
