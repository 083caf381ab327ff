/**
 * ClusterRegistration: an agent's request to join a workspace, created with a registration
 * token's credential. The controller grants it a Cluster, a cluster namespace and a hub
 * credential (Fleet's ClusterRegistration, same field names, plus a requested name).
 */
import { conditions, labelName, labelNameSchema, objectName } from './common-schemas.js';
import { defineCrd } from './crd.js';
import type { FlotillaObject } from './flotilla-object.js';
import type { Condition } from './meta.js';
import { boolean, object, string, stringMap } from './schema-builders.js';

export interface ClusterRegistrationSpec {
  /** The member's identity (its kube-system namespace uid), so re-registering keeps the Cluster. */
  clientID: string;
  /** Random per registration attempt; names the credential Secret with clientID. */
  clientRandom?: string;
  /** Labels the agent asks for on its Cluster. */
  clusterLabels?: Record<string, string>;
  /** The Cluster name the agent asks for; without it the name derives from clientID. */
  clusterName?: string;
}

export interface ClusterRegistrationStatus {
  /** The Cluster granted. */
  clusterName?: string;
  granted?: boolean;
  /** Secret in flotilla-clusters-system holding the agent's hub credential. */
  secretName?: string;
  conditions?: Condition[];
}

export type ClusterRegistration = FlotillaObject<
  'ClusterRegistration',
  { spec: ClusterRegistrationSpec; status?: ClusterRegistrationStatus }
>;

export const clusterRegistrationCrd = defineCrd({
  kind: 'ClusterRegistration',
  plural: 'clusterregistrations',
  scope: 'Namespaced',
  description: 'An agent’s request to join this workspace as a Cluster.',
  name: labelNameSchema,
  properties: {
    spec: object(
      {
        clientID: string('The member’s identity (its kube-system namespace uid).', { minLength: 1 }),
        clientRandom: string('Random per registration attempt.'),
        clusterLabels: stringMap('Labels asked for on the Cluster.'),
        clusterName: labelName('The Cluster name asked for; default derives from clientID.'),
      },
      'The registration request.',
      { required: ['clientID'] },
    ),
    status: object({
      clusterName: labelName('The Cluster granted.'),
      granted: boolean('Whether the registration was granted.'),
      secretName: objectName('Secret holding the agent’s hub credential.'),
      conditions: conditions('Granted.'),
    }),
  },
  required: ['spec'],
  printerColumns: [
    { name: 'Cluster-Name', type: 'string', jsonPath: '.status.clusterName' },
    { name: 'Granted', type: 'boolean', jsonPath: '.status.granted' },
  ],
});
