/**
 * ManagedNamespace: a namespace defined once and placed on member clusters with the same
 * labels, annotations, quota, network policy and roles everywhere; the status shows each
 * member's state. Written by users (CLI or a manifest in git), or kept by the controller for
 * each fleet.yaml `managedNamespaces` item, labelled with its source.
 */
import { conditions, labelName, labelNameSchema, labelSelector, nameSet } from './common-schemas.js';
import { defineCrd } from './crd.js';
import type { FlotillaObject } from './flotilla-object.js';
import type { Condition, LabelSelector } from './meta.js';
import { type NamespaceDefinition, namespaceDefinitionProperties } from './namespace-definition.js';
import { enumOf, integer, keyedList, list, object, string, timestamp } from './schema-builders.js';
import { FLOTILLA_NAMESPACES } from './well-known.js';

/** Namespaces no ManagedNamespace may take: Kubernetes' own and Flotilla's. */
export const RESERVED_NAMESPACE_NAMES: readonly string[] = Object.freeze([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'default',
  ...FLOTILLA_NAMESPACES,
]);

export const MEMBER_STATES = ['Pending', 'Placed', 'Adopted', 'Failed', 'Removing'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

/** Where the namespace goes: listed member clusters, or a selector or group of the workspace. */
export interface ManagedNamespacePlacement {
  memberClusterNames?: string[];
  clusterSelector?: LabelSelector;
  clusterGroup?: string;
}

export interface ManagedNamespaceSpec extends NamespaceDefinition, ManagedNamespacePlacement {}

export interface ManagedNamespaceMemberStatus {
  clusterName: string;
  state: MemberState;
  message?: string;
  lastTransitionTime?: string;
  /** Paths of fields that differ on the member (adoption refused, drift found). */
  differences?: string[];
}

export interface ManagedNamespaceDisplay {
  /** `<placed or adopted>/<members>`. */
  readyMembers?: string;
  state?: string;
}

export interface ManagedNamespaceStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  /** The Bundle that carries this namespace (`mns-<name>`, or its GitRepo path's Bundle). */
  bundleName?: string;
  members?: ManagedNamespaceMemberStatus[];
  display?: ManagedNamespaceDisplay;
}

export type ManagedNamespace = FlotillaObject<'ManagedNamespace', { spec: ManagedNamespaceSpec; status?: ManagedNamespaceStatus }>;

const reservedList = RESERVED_NAMESPACE_NAMES.map((n) => `'${n}'`).join(', ');

export const managedNamespaceCrd = defineCrd({
  kind: 'ManagedNamespace',
  plural: 'managednamespaces',
  shortNames: ['mns'],
  scope: 'Namespaced',
  description: 'A namespace defined once and placed on member clusters, kept the same everywhere.',
  name: labelNameSchema,
  validations: [
    {
      rule: `!(self.metadata.name in [${reservedList}])`,
      message: `the name is reserved (${RESERVED_NAMESPACE_NAMES.join(', ')})`,
    },
  ],
  properties: {
    spec: object(
      {
        ...namespaceDefinitionProperties,
        memberClusterNames: nameSet('Member clusters (Cluster names of the workspace) to place the namespace on.'),
        clusterSelector: labelSelector('Place on Clusters of the workspace whose labels this matches.'),
        clusterGroup: labelName('Place on the Clusters of this ClusterGroup.'),
      },
      'The namespace and where it goes; with no placement it exists on the hub only.',
    ),
    status: object({
      observedGeneration: integer('The generation of the spec this status describes.', { minimum: 0 }),
      conditions: conditions('Accepted, Placed, Ready, Stalled.'),
      bundleName: string('The Bundle that carries this namespace.'),
      members: keyedList(
        object({
          clusterName: string('The member cluster.'),
          state: enumOf(MEMBER_STATES, 'The namespace’s state on that member.'),
          message: string(),
          lastTransitionTime: timestamp('When the state last changed.'),
          differences: list(string(), 'Paths of fields that differ on the member.'),
        }),
        ['clusterName'],
        'The namespace’s state on each member.',
      ),
      display: object({
        readyMembers: string('<placed or adopted>/<members>.'),
        state: string('The worst member state; empty when all are placed.'),
      }),
    }),
  },
  required: ['spec'],
  printerColumns: [
    { name: 'Members-Ready', type: 'string', jsonPath: '.status.display.readyMembers' },
    { name: 'Adoption', type: 'string', jsonPath: '.spec.adoptionPolicy' },
    { name: 'Delete', type: 'string', jsonPath: '.spec.deletePolicy' },
    { name: 'State', type: 'string', jsonPath: '.status.display.state' },
  ],
});
