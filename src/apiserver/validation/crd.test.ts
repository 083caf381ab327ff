import { describe, expect, it } from 'vitest';
import { crdServedResources } from './crd-served-resources.js';
import type { CustomResourceDefinition } from './crd-types.js';
import { defaultCrd, validateCrd } from './crd.js';
import { causeText } from './field-errors.js';

const schema = { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { repo: { type: 'string' } } } } } };

function crd(overrides: Partial<CustomResourceDefinition['spec']> = {}, name = 'gitrepos.flotilla.io'): CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group: 'flotilla.io',
      scope: 'Namespaced',
      names: { plural: 'gitrepos', singular: 'gitrepo', kind: 'GitRepo', listKind: 'GitRepoList', shortNames: ['gr'], categories: ['fleet'] },
      versions: [{ name: 'v1alpha1', served: true, storage: true, schema, subresources: { status: {} } }],
      ...overrides,
    },
  };
}

const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('validateCrd', () => {
  const cases: { name: string; crd: CustomResourceDefinition; expected: string[] }[] = [
    { name: 'a complete CRD is valid', crd: crd(), expected: [] },
    {
      name: 'a name other than plural.group is refused',
      crd: crd({}, 'repos.flotilla.io'),
      expected: ['metadata.name: Invalid value: "repos.flotilla.io": must be spec.names.plural+"."+spec.group'],
    },
    {
      name: 'a group without a dot is refused',
      crd: crd({ group: 'flotilla' }, 'gitrepos.flotilla'),
      expected: ['spec.group: Invalid value: "flotilla": should be a domain with at least one dot'],
    },
    {
      name: 'an unknown scope lists the two scopes',
      crd: crd({ scope: 'Global' }),
      expected: ['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"'],
    },
    { name: 'a missing scope is required', crd: crd({ scope: '' }), expected: ['spec.scope: Required value'] },
    {
      name: 'no versions means no storage version',
      crd: crd({ versions: [] }),
      expected: ['spec.versions: Invalid value: null: must have exactly one version marked as storage version'],
    },
    {
      name: 'two storage versions are refused',
      crd: crd({
        versions: [
          { name: 'v1', served: true, storage: true, schema },
          { name: 'v2', served: true, storage: true, schema },
        ],
      }),
      expected: [
        expect.stringMatching(
          /^spec\.versions: Invalid value: \[\{"name":"v1","schema":\{.*"storage":true\}\]: must have exactly one version marked as storage version$/,
        ) as unknown as string,
      ],
    },
    {
      name: 'a version without a schema is refused',
      crd: crd({ versions: [{ name: 'v1', served: true, storage: true }] }),
      expected: ['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required'],
    },
    {
      name: 'a version name must be a DNS-1035 label',
      crd: crd({ versions: [{ name: '1v', served: true, storage: true, schema }] }),
      expected: [`spec.versions[0].name: Invalid value: "1v": ${DNS1035}`],
    },
    {
      name: 'a field without a type is not structural',
      crd: crd({ versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: {} } } } }] }),
      expected: ['spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields'],
    },
    {
      name: 'a root schema must be an object',
      crd: crd({ versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'string' } } }] }),
      expected: ['spec.versions[0].schema.openAPIV3Schema.type: Invalid value: "string": must be object at the root'],
    },
    {
      name: 'metadata in the schema may constrain only name and generateName',
      crd: crd({
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } } } } },
          },
        ],
      }),
      expected: [
        'spec.versions[0].schema.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
      ],
    },
    {
      name: 'a pattern that does not compile is reported as a validator error',
      crd: crd({
        versions: [
          { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { a: { type: 'string', pattern: '([' } } } } },
        ],
      }),
      expected: [expect.stringMatching(/^spec\.versions\[0\]\.schema\.openAPIV3Schema: Invalid value: "": error building validator: /) as unknown as string],
    },
    {
      name: 'a list-type map without keys is refused',
      crd: crd({
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { l: { type: 'array', 'x-kubernetes-list-type': 'map', items: { type: 'object' } } },
              },
            },
          },
        ],
      }),
      expected: ['spec.versions[0].schema.openAPIV3Schema.properties[l].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map'],
    },
    {
      name: 'missing names are each required',
      crd: crd({ names: { plural: 'gitrepos' } }),
      expected: ['spec.names.singular: Required value', 'spec.names.kind: Required value', 'spec.names.listKind: Required value'],
    },
    {
      name: 'a kind may be mixed case but otherwise a DNS-1035 label',
      crd: crd({ names: { plural: 'gitrepos', singular: 'gitrepo', kind: 'Git_Repo', listKind: 'GitRepoList' } }),
      expected: [`spec.names.kind: Invalid value: "Git_Repo": may have mixed case, but should otherwise match: ${DNS1035}`],
    },
    {
      name: 'a short name must be a DNS-1035 label',
      crd: crd({ names: { plural: 'gitrepos', singular: 'gitrepo', kind: 'GitRepo', listKind: 'GitRepoList', shortNames: ['GR'] } }),
      expected: [`spec.names.shortNames[0]: Invalid value: "GR": ${DNS1035}`],
    },
    {
      name: 'kind and listKind may not be equal',
      crd: crd({ names: { plural: 'gitrepos', singular: 'gitrepo', kind: 'GitRepo', listKind: 'GitRepo' } }),
      expected: ['spec.names.listKind: Invalid value: "GitRepo": kind and listKind may not be the same'],
    },
  ];
  it.each(cases)('$name', ({ crd: input, expected }) => {
    expect(validateCrd(input).map(causeText)).toEqual(expected);
  });

  it('defaulting fills singular and listKind from kind, so a CRD may leave them out', () => {
    const input = crd({ names: { plural: 'gitrepos', kind: 'GitRepo' } });
    expect(validateCrd(defaultCrd(input))).toEqual([]);
    expect(defaultCrd(input).spec.names).toMatchObject({ singular: 'gitrepo', listKind: 'GitRepoList' });
    expect(input.spec.names?.singular).toBeUndefined();
  });
});

describe('crdServedResources', () => {
  it('describes names, scope, the storage version and each served version', () => {
    const input = crd({
      versions: [
        { name: 'v1alpha1', served: true, storage: true, schema, subresources: { status: {} }, additionalPrinterColumns: [{ name: 'Repo', type: 'string', jsonPath: '.spec.repo' }] },
        { name: 'v1beta1', served: false, storage: false, schema },
      ],
      names: { plural: 'gitrepos', kind: 'GitRepo', shortNames: ['gr'], categories: ['fleet'] },
    });
    expect(crdServedResources(input)).toEqual({
      group: 'flotilla.io',
      plural: 'gitrepos',
      singular: 'gitrepo',
      kind: 'GitRepo',
      listKind: 'GitRepoList',
      shortNames: ['gr'],
      categories: ['fleet'],
      namespaced: true,
      storageVersion: 'v1alpha1',
      versions: [
        {
          name: 'v1alpha1',
          storage: true,
          deprecated: false,
          schema: schema.openAPIV3Schema,
          statusSubresource: true,
          additionalPrinterColumns: [{ name: 'Repo', type: 'string', jsonPath: '.spec.repo' }],
        },
      ],
    });
  });

  it.each([
    { name: 'a Cluster-scoped CRD is not namespaced', scope: 'Cluster', namespaced: false },
    { name: 'a Namespaced CRD is namespaced', scope: 'Namespaced', namespaced: true },
  ])('$name', ({ scope, namespaced }) => {
    expect(crdServedResources(crd({ scope })).namespaced).toBe(namespaced);
  });
});
