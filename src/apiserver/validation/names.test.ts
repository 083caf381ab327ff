import { describe, expect, it } from 'vitest';
import {
  generateName,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDnsSubdomain,
  nameRuleFor,
  nameValidatorFor,
} from './names.js';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('name checks', () => {
  const cases: { name: string; check: (v: string) => string[]; value: string; expected: string[] }[] = [
    { name: 'a dotted lowercase name is a valid subdomain', check: isDns1123Subdomain, value: 'bundles.flotilla.io', expected: [] },
    { name: 'an uppercase name is not a subdomain', check: isDns1123Subdomain, value: 'MyApp', expected: [SUBDOMAIN_MSG] },
    {
      name: 'a 254-character name is too long for a subdomain',
      check: isDns1123Subdomain,
      value: 'a'.repeat(254),
      expected: ['must be no more than 253 characters'],
    },
    { name: 'a name with dots is not a label, and says so', check: isDns1123Label, value: 'a.b', expected: ['must not contain dots'] },
    { name: 'a leading dash is not a label', check: isDns1123Label, value: '-team', expected: [LABEL_MSG] },
    {
      name: 'a 64-character label is too long',
      check: isDns1123Label,
      value: 'a'.repeat(64),
      expected: ['must be no more than 63 characters'],
    },
    { name: 'a leading digit is not a DNS-1035 label', check: isDns1035Label, value: '1web', expected: [DNS1035_MSG] },
    { name: 'a label key with a domain prefix is a qualified name', check: isQualifiedName, value: 'flotilla.io/managed-by', expected: [] },
    { name: 'a qualified name may not end with a dash', check: isQualifiedName, value: 'team-', expected: [QNAME_MSG] },
    {
      name: 'a qualified name with an empty prefix says the prefix is empty',
      check: isQualifiedName,
      value: '/name',
      expected: ['prefix part must be non-empty'],
    },
    {
      name: 'a qualified name with two slashes is refused whole',
      check: isQualifiedName,
      value: 'a/b/c',
      expected: [
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    },
    { name: 'an empty label value is valid', check: isValidLabelValue, value: '', expected: [] },
    {
      name: 'a label value with a space is invalid',
      check: isValidLabelValue,
      value: 'a b',
      expected: [
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    },
  ];
  it.each(cases)('$name', ({ check, value, expected }) => {
    expect(check(value)).toEqual(expected);
  });
});

describe('names per kind', () => {
  const cases = [
    { name: 'a Namespace name may not contain dots', group: '', kind: 'Namespace', value: 'team.a', prefix: false, expected: ['must not contain dots'] },
    { name: 'a Service name must start with a letter', group: '', kind: 'Service', value: '1svc', prefix: false, expected: [DNS1035_MSG] },
    { name: 'a ConfigMap name may contain dots', group: '', kind: 'ConfigMap', value: 'app.config', prefix: false, expected: [] },
    {
      name: 'a ClusterRole name may contain a colon but not a slash',
      group: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      value: 'system:a/b',
      prefix: false,
      expected: ["may not contain '/'"],
    },
    { name: 'a Role may not be named ..', group: 'rbac.authorization.k8s.io', kind: 'Role', value: '..', prefix: false, expected: ["may not be '..'"] },
    { name: 'a custom resource name is a subdomain', group: 'flotilla.io', kind: 'Bundle', value: 'My_Bundle', prefix: false, expected: [SUBDOMAIN_MSG] },
    { name: 'a generateName may end with a dash', group: '', kind: 'ConfigMap', value: 'app-', prefix: true, expected: [] },
    { name: 'a Namespace generateName may end with a dash', group: '', kind: 'Namespace', value: 'team-', prefix: true, expected: [] },
    {
      name: 'a CronJob name longer than 52 characters is refused',
      group: 'batch',
      kind: 'CronJob',
      value: 'c'.repeat(53),
      prefix: false,
      expected: ['must be no more than 52 characters'],
    },
  ];
  it.each(cases)('$name', ({ group, kind, value, prefix, expected }) => {
    expect(nameValidatorFor(group, kind)(value, { prefix })).toEqual(expected);
  });

  it.each([
    { name: 'Namespaces use DNS-1123 labels', group: '', kind: 'Namespace', rule: 'dns1123Label' },
    { name: 'Services use DNS-1035 labels', group: '', kind: 'Service', rule: 'dns1035Label' },
    { name: 'RoleBindings use path segments', group: 'rbac.authorization.k8s.io', kind: 'RoleBinding', rule: 'pathSegment' },
    { name: 'Deployments use DNS-1123 subdomains', group: 'apps', kind: 'Deployment', rule: 'dns1123Subdomain' },
  ])('$name', ({ group, kind, rule }) => {
    expect(nameRuleFor(group, kind)).toBe(rule);
  });
});

describe('generateName', () => {
  const first = () => 0;
  const cases = [
    { name: 'five characters from the no-vowel alphabet follow the prefix', prefix: 'web-', expected: 'web-bbbbb' },
    { name: 'a prefix longer than 58 characters is cut to 58', prefix: 'p'.repeat(70), expected: `${'p'.repeat(58)}bbbbb` },
  ];
  it.each(cases)('$name', ({ prefix, expected }) => {
    expect(generateName(prefix, { randomInt: first })).toBe(expected);
  });

  it('a generated name is valid wherever its prefix is, using only Kubernetes suffix characters', () => {
    const names = Array.from({ length: 200 }, () => generateName('app-'));
    for (const n of names) {
      expect(n).toMatch(/^app-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(nameIsDnsSubdomain(n)).toEqual([]);
    }
    expect(new Set(names).size).toBeGreaterThan(150);
  });
});
