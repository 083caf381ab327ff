/**
 * Helm options of a bundle, with Fleet's field names, as a Fleet repository's fleet.yaml
 * `helm:` block writes them. The chart is fetched and rendered on the hub (src/bundle/helm);
 * the install-time options are carried in the options a BundleDeployment names.
 */
import type { JSONSchemaProps } from './crd.js';
import { boolean, freeForm, integer, list, object, string, stringMap } from './schema-builders.js';

export interface KeyRef {
  name?: string;
  namespace?: string;
  key?: string;
}

/** Values read on the member at install time from a ConfigMap or Secret there. */
export interface ValuesFrom {
  configMapKeyRef?: KeyRef;
  secretKeyRef?: KeyRef;
}

export interface HelmOptions {
  chart?: string;
  repo?: string;
  releaseName?: string;
  version?: string;
  timeoutSeconds?: number;
  values?: Record<string, unknown>;
  templateValues?: Record<string, string>;
  valuesFiles?: string[];
  valuesFrom?: ValuesFrom[];
  force?: boolean;
  takeOwnership?: boolean;
  maxHistory?: number;
  atomic?: boolean;
  waitForJobs?: boolean;
  disablePreProcess?: boolean;
  disableDNS?: boolean;
  skipSchemaValidation?: boolean;
  disableDependencyUpdate?: boolean;
}

const keyRef = object({ name: string(), namespace: string(), key: string() });

export const helmOptionsSchema: JSONSchemaProps = object(
  {
    chart: string('A chart path in the bundle, a URL, or a chart name in repo.'),
    repo: string('The Helm repository URL.'),
    releaseName: string('The release name (at most 53 characters).', {
      maxLength: 53,
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
    }),
    version: string('The chart version or a semver constraint.'),
    timeoutSeconds: integer('How long to wait for the install.'),
    values: freeForm('Values passed to the chart.'),
    templateValues: stringMap('Values templated per cluster before they are merged.'),
    valuesFiles: list(string(), 'Files in the bundle merged into values.'),
    valuesFrom: list(
      object({ configMapKeyRef: keyRef, secretKeyRef: keyRef }),
      'Values read on the member from a ConfigMap or Secret.',
    ),
    force: boolean('Replace objects that cannot be updated.'),
    takeOwnership: boolean('Take over objects another release owns.'),
    maxHistory: integer('Releases kept in history.', { minimum: 0 }),
    atomic: boolean('Roll back a failed upgrade.'),
    waitForJobs: boolean('Wait for Jobs to complete.'),
    disablePreProcess: boolean('Turn off ${ } templating of values.'),
    disableDNS: boolean('Turn off DNS lookups in templates.'),
    skipSchemaValidation: boolean('Skip the chart’s values schema.'),
    disableDependencyUpdate: boolean('Do not update chart dependencies.'),
  },
  'Helm chart options: the chart is fetched and rendered on the hub; agents apply the output.',
);
