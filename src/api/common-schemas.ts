/**
 * Schemas several kinds share: name and duration patterns, label selectors and conditions.
 * The TypeScript shapes they describe are meta.ts's (LabelSelector, Condition).
 */
import type { JSONSchemaProps } from './crd.js';
import { enumOf, integer, keyedList, list, object, set, string, stringMap, timestamp } from './schema-builders.js';

/** A DNS-1123 label: namespace names, cluster names, most object names. */
export const DNS1123_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
/** A DNS-1123 subdomain: names of most Kubernetes objects (Secrets, ServiceAccounts). */
export const DNS1123_SUBDOMAIN_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
/** A Go duration as metav1.Duration serialises it: `15s`, `1h30m`. */
export const DURATION_PATTERN = '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$';
/** A Kubernetes resource quantity: `500m`, `2`, `1.5Gi`, `1e3`. */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
/** A count or a percentage: `3`, `25%`. */
export const PERCENT_OR_COUNT_PATTERN = '^[0-9]+%?$';

/** metadata.name of an object whose name is also used as a label value or namespace name. */
export const labelNameSchema: JSONSchemaProps = string(undefined, { pattern: DNS1123_LABEL_PATTERN, maxLength: 63 });
/** metadata.name of an ordinary object. */
export const subdomainNameSchema: JSONSchemaProps = string(undefined, { pattern: DNS1123_SUBDOMAIN_PATTERN, maxLength: 253 });

/** A field naming another object (a Secret, a ServiceAccount, a Cluster). */
export function objectName(description: string): JSONSchemaProps {
  return string(description, { pattern: DNS1123_SUBDOMAIN_PATTERN, maxLength: 253 });
}

/** A field naming a namespace or a Cluster. */
export function labelName(description: string): JSONSchemaProps {
  return string(description, { pattern: DNS1123_LABEL_PATTERN, maxLength: 63 });
}

export function duration(description: string): JSONSchemaProps {
  return string(description, { pattern: DURATION_PATTERN });
}

export function labelSelector(description: string): JSONSchemaProps {
  return object(
    {
      matchLabels: stringMap('Labels that must all be present with these values.'),
      matchExpressions: list(
        object(
          {
            key: string('The label key the requirement applies to.'),
            operator: enumOf(['In', 'NotIn', 'Exists', 'DoesNotExist'], 'How the key relates to the values.'),
            values: list(string(), 'Values for In and NotIn; empty for Exists and DoesNotExist.'),
          },
          undefined,
          { required: ['key', 'operator'] },
        ),
        'Requirements that must all hold.',
      ),
    },
    description,
    { 'x-kubernetes-map-type': 'atomic' },
  );
}

/** A condition list keyed by type, as metav1.Condition, with Fleet's lastUpdateTime too. */
export function conditions(description = 'The latest observations of the object’s state.'): JSONSchemaProps {
  return keyedList(
    object(
      {
        type: string('The condition type, one of the documented constants (Ready, Accepted, …).'),
        status: enumOf(['True', 'False', 'Unknown'], 'Whether the condition holds.'),
        reason: string('A CamelCase reason for the last transition.'),
        message: string('A human-readable message about the last transition.'),
        lastTransitionTime: timestamp('When the status last changed.'),
        lastUpdateTime: timestamp('When the condition was last updated.'),
        observedGeneration: integer('The metadata.generation this condition was computed from.', { minimum: 0 }),
      },
      undefined,
      { required: ['status'] },
    ),
    ['type'],
    description,
  );
}

/** A list of unique names (cluster names, service accounts, …). */
export function nameSet(description: string): JSONSchemaProps {
  return set(string(), description);
}
