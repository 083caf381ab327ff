import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { toTable, type TableResource } from './to-table.js';

const now = new Date('2025-01-01T12:00:00Z');
const created = '2025-01-01T11:56:58Z'; // 3m2s before now

function obj(apiVersion: string, kind: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name: 'x', namespace: 'team-a', creationTimestamp: created, ...meta }, ...rest };
}

interface Case {
  name: string;
  resource: TableResource;
  object: KubeObject;
  columns: string[];
  wide?: string[];
  cells: unknown[];
}

const cases: Case[] = [
  { name: 'a Namespace prints NAME STATUS AGE', resource: { group: '', kind: 'Namespace' }, object: obj('v1', 'Namespace', { status: { phase: 'Active' } }), columns: ['Name', 'Status', 'Age'], cells: ['x', 'Active', '3m2s'] },
  { name: 'a ConfigMap prints NAME DATA AGE, counting data and binaryData', resource: { group: '', kind: 'ConfigMap' }, object: obj('v1', 'ConfigMap', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }), columns: ['Name', 'Data', 'Age'], cells: ['x', 3, '3m2s'] },
  { name: 'a Secret prints NAME TYPE DATA AGE', resource: { group: '', kind: 'Secret' }, object: obj('v1', 'Secret', { type: 'Opaque', data: { k: 'dg==' } }), columns: ['Name', 'Type', 'Data', 'Age'], cells: ['x', 'Opaque', 1, '3m2s'] },
  { name: 'a ServiceAccount prints NAME SECRETS AGE', resource: { group: '', kind: 'ServiceAccount' }, object: obj('v1', 'ServiceAccount'), columns: ['Name', 'Secrets', 'Age'], cells: ['x', 0, '3m2s'] },
  {
    name: 'a Deployment prints NAME READY UP-TO-DATE AVAILABLE AGE, and CONTAINERS IMAGES SELECTOR wide',
    resource: { group: 'apps', kind: 'Deployment' },
    object: obj('apps/v1', 'Deployment', {
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } } },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    }),
    columns: ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'],
    wide: ['Containers', 'Images', 'Selector'],
    cells: ['x', '2/3', 3, 2, '3m2s', 'web,log', 'nginx:1.27,busybox', 'app=web'],
  },
  {
    name: 'a ClusterIP Service prints its ports and no external IP',
    resource: { group: '', kind: 'Service' },
    object: obj('v1', 'Service', { spec: { type: 'ClusterIP', clusterIP: '10.0.0.7', ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }], selector: { app: 'web' } } }),
    columns: ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age'],
    wide: ['Selector'],
    cells: ['x', 'ClusterIP', '10.0.0.7', '<none>', '80/TCP,53/UDP', '3m2s', 'app=web'],
  },
  {
    name: 'a running Pod prints READY, STATUS and RESTARTS with the last restart age',
    resource: { group: '', kind: 'Pod' },
    object: obj('v1', 'Pod', {
      spec: { containers: [{ name: 'a' }, { name: 'b' }], nodeName: 'node-1' },
      status: {
        phase: 'Running',
        podIP: '10.1.0.4',
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 2, state: { running: {} }, lastState: { terminated: { finishedAt: '2025-01-01T11:59:00Z' } } },
          { name: 'b', ready: false, restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    }),
    columns: ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
    wide: ['IP', 'Node', 'Nominated Node', 'Readiness Gates'],
    cells: ['x', '1/2', 'CrashLoopBackOff', '2 (60s ago)', '3m2s', '10.1.0.4', 'node-1', '<none>', '<none>'],
  },
  {
    name: 'a Pod waiting on its init container prints Init:0/1',
    resource: { group: '', kind: 'Pod' },
    object: obj('v1', 'Pod', { spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] }, status: { phase: 'Pending', initContainerStatuses: [{ name: 'i', state: { running: {} } }] } }),
    columns: ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
    wide: ['IP', 'Node', 'Nominated Node', 'Readiness Gates'],
    cells: ['x', '0/1', 'Init:0/1', '0', '3m2s', '<none>', '<none>', '<none>', '<none>'],
  },
  {
    name: 'a ResourceQuota prints requests and limits as used/hard, sorted',
    resource: { group: '', kind: 'ResourceQuota' },
    object: obj('v1', 'ResourceQuota', {
      spec: { hard: { 'requests.memory': '1Gi', 'requests.cpu': '2', 'limits.cpu': '4' } },
      status: { hard: { 'requests.memory': '1Gi', 'requests.cpu': '2', 'limits.cpu': '4' }, used: { 'requests.cpu': '500m' } },
    }),
    columns: ['Name', 'Age', 'Request', 'Limit'],
    cells: ['x', '3m2s', 'requests.cpu: 500m/2, requests.memory: 0/1Gi', 'limits.cpu: 0/4'],
  },
  { name: 'a NetworkPolicy selecting every pod prints <none>', resource: { group: 'networking.k8s.io', kind: 'NetworkPolicy' }, object: obj('networking.k8s.io/v1', 'NetworkPolicy', { spec: { podSelector: {} } }), columns: ['Name', 'Pod-Selector', 'Age'], cells: ['x', '<none>', '3m2s'] },
  {
    name: 'a NetworkPolicy with expressions prints them as kubectl does',
    resource: { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
    object: obj('networking.k8s.io/v1', 'NetworkPolicy', { spec: { podSelector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] } } }),
    columns: ['Name', 'Pod-Selector', 'Age'],
    cells: ['x', 'app=web,tier in (a,b)', '3m2s'],
  },
  { name: 'a Role prints NAME CREATED AT', resource: { group: 'rbac.authorization.k8s.io', kind: 'Role' }, object: obj('rbac.authorization.k8s.io/v1', 'Role'), columns: ['Name', 'Created At'], cells: ['x', '2025-01-01T11:56:58Z'] },
  { name: 'a ClusterRole prints NAME CREATED AT', resource: { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, object: obj('rbac.authorization.k8s.io/v1', 'ClusterRole'), columns: ['Name', 'Created At'], cells: ['x', '2025-01-01T11:56:58Z'] },
  {
    name: 'a RoleBinding prints its role and, wide, its subjects by kind',
    resource: { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
    object: obj('rbac.authorization.k8s.io/v1', 'RoleBinding', {
      roleRef: { kind: 'ClusterRole', name: 'edit' },
      subjects: [{ kind: 'User', name: 'ann' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' }, { kind: 'User', name: 'bob' }],
    }),
    columns: ['Name', 'Role', 'Age'],
    wide: ['Users', 'Groups', 'ServiceAccounts'],
    cells: ['x', 'ClusterRole/edit', '3m2s', 'ann, bob', 'devs', 'tools/ci'],
  },
  { name: 'a Lease prints its holder', resource: { group: 'coordination.k8s.io', kind: 'Lease' }, object: obj('coordination.k8s.io/v1', 'Lease', { spec: { holderIdentity: 'agent-1' } }), columns: ['Name', 'Holder', 'Age'], cells: ['x', 'agent-1', '3m2s'] },
  { name: 'a CustomResourceDefinition prints NAME CREATED AT', resource: { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }, object: obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition'), columns: ['Name', 'Created At'], cells: ['x', '2025-01-01T11:56:58Z'] },
  {
    name: 'an Event prints LAST SEEN TYPE REASON OBJECT MESSAGE, the rest wide',
    resource: { group: '', kind: 'Event' },
    object: obj('v1', 'Event', {
      type: 'Warning',
      reason: 'BackOff',
      message: ' Back-off restarting ',
      involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{web}' },
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2025-01-01T11:00:00Z',
      lastTimestamp: '2025-01-01T11:59:55Z',
      count: 4,
    }),
    columns: ['Last Seen', 'Type', 'Reason', 'Object', 'Message'],
    wide: ['Subobject', 'Source', 'First Seen', 'Count', 'Name'],
    cells: ['5s', 'Warning', 'BackOff', 'pod/web-1', 'spec.containers{web}', 'kubelet, node-1', 'Back-off restarting', '60m', 4, 'x'],
  },
  {
    name: 'a custom resource prints NAME then its printer columns, typed, with priority 1 wide',
    resource: {
      group: 'flotilla.io',
      kind: 'GitRepo',
      printerColumns: [
        { name: 'Repo', type: 'string', jsonPath: '.spec.repo' },
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Paths', type: 'integer', jsonPath: '.status.pathCount' },
        { name: 'Commit', type: 'string', jsonPath: '.status.commit', priority: 1 },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    },
    object: obj('flotilla.io/v1alpha1', 'GitRepo', { spec: { repo: 'https://git.example/a.git' }, status: { conditions: [{ type: 'Ready', status: 'True' }], pathCount: 2 } }),
    columns: ['Name', 'Repo', 'Ready', 'Paths', 'Age'],
    wide: ['Commit'],
    cells: ['x', 'https://git.example/a.git', 'True', 2, null, '3m2s'],
  },
  {
    name: 'a custom resource whose CRD declares no columns prints NAME AGE',
    resource: { group: 'flotilla.io', kind: 'Content', printerColumns: [] },
    object: obj('flotilla.io/v1alpha1', 'Content'),
    columns: ['Name', 'Age'],
    cells: ['x', '3m2s'],
  },
  { name: 'a kind without a printer (LimitRange) prints NAME CREATED AT', resource: { group: '', kind: 'LimitRange' }, object: obj('v1', 'LimitRange', { spec: { limits: [] } }), columns: ['Name', 'Created At'], cells: ['x', '2025-01-01T11:56:58Z'] },
];

describe('toTable columns and cells', () => {
  it.each(cases)('$name', (c) => {
    const table = toTable({ resource: c.resource, objects: [c.object], now, includeObject: 'None' });
    expect(table.columnDefinitions.filter((d) => d.priority === 0).map((d) => d.name)).toEqual(c.columns);
    expect(table.columnDefinitions.filter((d) => d.priority > 0).map((d) => d.name)).toEqual(c.wide ?? []);
    expect(table.rows[0]?.cells).toEqual(c.cells);
    expect(table.columnDefinitions.map((d) => d.name)).toHaveLength(c.cells.length);
  });
});

describe('toTable envelope', () => {
  const cm = obj('v1', 'ConfigMap', { data: { a: '1' } }, { resourceVersion: '7' });
  const cases = [
    { name: 'includeObject None leaves the object out', include: 'None' as const, object: undefined },
    { name: 'includeObject Metadata carries PartialObjectMetadata', include: 'Metadata' as const, object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: cm.metadata } },
    { name: 'includeObject Object carries the whole object', include: 'Object' as const, object: cm },
  ];
  it.each(cases)('$name', ({ include, object }) => {
    const table = toTable({ resource: { group: '', kind: 'ConfigMap' }, objects: [cm], now, includeObject: include, listMeta: { resourceVersion: '9' } });
    expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '9' } });
    expect(table.rows[0]?.object).toEqual(object);
  });

  it('defaults includeObject to Metadata, as Kubernetes does', () => {
    const table = toTable({ resource: { group: '', kind: 'ConfigMap' }, objects: [cm], now });
    expect(table.rows[0]?.object).toMatchObject({ kind: 'PartialObjectMetadata' });
  });

  it('sends no column definitions for a watch event after the first', () => {
    const table = toTable({ resource: { group: '', kind: 'ConfigMap' }, objects: [cm], now, headers: false });
    expect(table.columnDefinitions).toEqual([]);
    expect(table.rows[0]?.cells).toEqual(['x', 1, '3m2s']);
  });

  it('describes every column, with name, type, format, description and priority', () => {
    const table = toTable({ resource: { group: 'apps', kind: 'Deployment' }, objects: [], now });
    for (const d of table.columnDefinitions) {
      expect(Object.keys(d).sort()).toEqual(['description', 'format', 'name', 'priority', 'type']);
      expect(d.description).not.toBe('');
    }
    expect(table.columnDefinitions[0]).toMatchObject({ name: 'Name', format: 'name' });
  });
});
