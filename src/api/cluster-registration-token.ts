/**
 * ClusterRegistrationToken: lets agents register member clusters into a workspace until it
 * expires; the controller writes a Secret with the credential and deletes expired tokens
 * (Fleet's ClusterRegistrationToken, same field names).
 */
import { duration, labelNameSchema, objectName } from './common-schemas.js';
import { defineCrd } from './crd.js';
import type { FlotillaObject } from './flotilla-object.js';
import { object, timestamp } from './schema-builders.js';

export interface ClusterRegistrationTokenSpec {
  /** How long the token is valid, e.g. `1h`; empty means no expiry. */
  ttl?: string;
}

export interface ClusterRegistrationTokenStatus {
  expires?: string;
  /** Secret holding the registration credential. */
  secretName?: string;
}

export type ClusterRegistrationToken = FlotillaObject<
  'ClusterRegistrationToken',
  { spec: ClusterRegistrationTokenSpec; status?: ClusterRegistrationTokenStatus }
>;

export const clusterRegistrationTokenCrd = defineCrd({
  kind: 'ClusterRegistrationToken',
  plural: 'clusterregistrationtokens',
  shortNames: ['crt'],
  scope: 'Namespaced',
  description: 'Lets agents register member clusters into this workspace until it expires.',
  name: labelNameSchema,
  properties: {
    spec: object({ ttl: duration('How long the token is valid (e.g. 1h); empty: no expiry.') }, 'The token.'),
    status: object({
      expires: timestamp('When the token expires.'),
      secretName: objectName('Secret holding the registration credential.'),
    }),
  },
  required: ['spec'],
  printerColumns: [
    { name: 'Secret-Name', type: 'string', jsonPath: '.status.secretName' },
    { name: 'Expires', type: 'date', jsonPath: '.status.expires' },
  ],
});
