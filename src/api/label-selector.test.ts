import { describe, expect, it } from 'vitest';
import type { LabelSelector, Labels } from './meta.js';
import {
  LabelSelectorError,
  formatRequirements,
  matches,
  parseLabelSelector,
  requirementsFromSelector,
  selectorMatches,
  validateLabelSelector,
  type Requirement,
} from './label-selector.js';

const labels: Labels = { env: 'prod', tier: 'web', region: 'eu', size: '5', 'example.com/team': 'a', empty: '' };

describe('parseLabelSelector', () => {
  const cases: { name: string; text: string; want: Requirement[] }[] = [
    { name: 'the empty string is the empty selector', text: '', want: [] },
    { name: 'only spaces is the empty selector', text: '   ', want: [] },
    { name: '"=" is equality', text: 'env=prod', want: [{ key: 'env', operator: 'In', values: ['prod'] }] },
    { name: '"==" is equality too', text: 'env==prod', want: [{ key: 'env', operator: 'In', values: ['prod'] }] },
    { name: '"!=" is inequality', text: 'env!=prod', want: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
    { name: 'a bare key is Exists', text: 'env', want: [{ key: 'env', operator: 'Exists', values: [] }] },
    { name: 'a "!" before a key is DoesNotExist', text: '!env', want: [{ key: 'env', operator: 'DoesNotExist', values: [] }] },
    { name: '"in" takes a set', text: 'env in (a,b)', want: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] },
    { name: '"notin" takes a set', text: 'env notin (a, b)', want: [{ key: 'env', operator: 'NotIn', values: ['a', 'b'] }] },
    { name: 'an empty set means the empty value, as in Kubernetes', text: 'env in ()', want: [{ key: 'env', operator: 'In', values: [''] }] },
    { name: 'duplicate set values collapse', text: 'env in (a,a)', want: [{ key: 'env', operator: 'In', values: ['a'] }] },
    { name: '"=" with nothing after it means the empty value', text: 'env=', want: [{ key: 'env', operator: 'In', values: [''] }] },
    { name: '">" is Gt on integers', text: 'size>3', want: [{ key: 'size', operator: 'Gt', values: ['3'] }] },
    { name: '"<" is Lt on integers', text: 'size<3', want: [{ key: 'size', operator: 'Lt', values: ['3'] }] },
    { name: 'a prefixed key is accepted', text: 'example.com/team=a', want: [{ key: 'example.com/team', operator: 'In', values: ['a'] }] },
    {
      name: 'several requirements separated by commas and spaces are kept in order',
      text: ' a = b , c!=d,e in (x,y),f notin (z),g,!h ',
      want: [
        { key: 'a', operator: 'In', values: ['b'] },
        { key: 'c', operator: 'NotIn', values: ['d'] },
        { key: 'e', operator: 'In', values: ['x', 'y'] },
        { key: 'f', operator: 'NotIn', values: ['z'] },
        { key: 'g', operator: 'Exists', values: [] },
        { key: 'h', operator: 'DoesNotExist', values: [] },
      ],
    },
  ];
  it.each(cases)('$name', ({ text, want }) => {
    expect(parseLabelSelector(text)).toEqual(want);
  });

  const errors: { name: string; text: string; message: RegExp }[] = [
    { name: 'a leading comma has no key', text: ',a', message: /expected a label key/ },
    { name: 'a trailing comma has no key', text: 'a,', message: /expected a label key/ },
    { name: 'a key with two slashes is refused', text: 'a/b/c=d', message: /more than one "\/"/ },
    { name: 'a key with an upper-case prefix is refused', text: 'Example.com/a=b', message: /DNS subdomain/ },
    { name: 'a key longer than 63 characters is refused', text: `${'k'.repeat(64)}=v`, message: /longer than 63/ },
    { name: 'a key starting with a dash is refused', text: '-a=b', message: /invalid label key/ },
    { name: 'a value longer than 63 characters is refused', text: `a=${'v'.repeat(64)}`, message: /longer than 63/ },
    { name: 'a value with a slash is refused', text: 'a=b/c', message: /invalid label value/ },
    { name: 'a value in a set is validated too', text: 'a in (ok,-bad)', message: /invalid label value/ },
    { name: 'an unknown operator word is refused', text: 'a is b', message: /expected one of =, ==, !=, in, notin/ },
    { name: '"in" without parentheses is refused', text: 'a in b', message: /expected "\(" after in\/notin/ },
    { name: 'an unclosed set is refused', text: 'a in (b', message: /expected "," or "\)"/ },
    { name: 'two requirements without a comma are refused', text: 'a=b c=d', message: /expected "," between requirements/ },
    { name: '"!" with an operator is refused', text: '!a=b', message: /expected "," between requirements/ },
    { name: '">" with a non-integer is refused', text: 'a>b', message: /needs an integer value/ },
    { name: 'a lone "=" has no key', text: '=b', message: /expected a label key/ },
  ];
  it.each(errors)('$name', ({ text, message }) => {
    let caught: unknown;
    try {
      parseLabelSelector(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LabelSelectorError);
    expect((caught as LabelSelectorError).message).toMatch(message);
    expect((caught as LabelSelectorError).text).toBe(text);
  });
});

describe('matches', () => {
  const cases: { name: string; text: string; want: boolean }[] = [
    { name: 'the empty selector matches everything', text: '', want: true },
    { name: 'equality matches the same value', text: 'env=prod', want: true },
    { name: 'equality does not match another value', text: 'env=dev', want: false },
    { name: 'equality does not match a missing label', text: 'missing=x', want: false },
    { name: 'equality with the empty value matches an empty label', text: 'empty=', want: true },
    { name: 'inequality matches another value', text: 'env!=dev', want: true },
    { name: 'inequality does not match the same value', text: 'env!=prod', want: false },
    { name: 'inequality matches a missing label', text: 'missing!=x', want: true },
    { name: 'in matches a listed value', text: 'env in (dev,prod)', want: true },
    { name: 'in does not match an unlisted value', text: 'env in (dev,test)', want: false },
    { name: 'in does not match a missing label', text: 'missing in (a)', want: false },
    { name: 'notin matches an unlisted value', text: 'env notin (dev)', want: true },
    { name: 'notin does not match a listed value', text: 'env notin (prod)', want: false },
    { name: 'notin matches a missing label', text: 'missing notin (a)', want: true },
    { name: 'exists matches a present label', text: 'tier', want: true },
    { name: 'exists matches a present empty label', text: 'empty', want: true },
    { name: 'exists does not match a missing label', text: 'missing', want: false },
    { name: 'does-not-exist matches a missing label', text: '!missing', want: true },
    { name: 'does-not-exist does not match a present label', text: '!tier', want: false },
    { name: 'gt compares integers', text: 'size>4', want: true },
    { name: 'gt is false at the bound', text: 'size>5', want: false },
    { name: 'lt compares integers', text: 'size<10', want: true },
    { name: 'gt is false for a non-integer label', text: 'env>1', want: false },
    { name: 'all requirements must hold', text: 'env=prod,tier=db', want: false },
    { name: 'a prefixed key matches', text: 'example.com/team=a,region in (eu)', want: true },
  ];
  it.each(cases)('$name', ({ text, want }) => {
    expect(matches(parseLabelSelector(text), labels)).toBe(want);
  });

  it('treats missing labels as no labels', () => {
    expect(matches(parseLabelSelector('!a'), undefined)).toBe(true);
    expect(matches(parseLabelSelector('a'), undefined)).toBe(false);
  });
});

describe('object selectors', () => {
  const cases: { name: string; selector: LabelSelector | undefined; want: boolean }[] = [
    { name: 'a nil selector matches nothing', selector: undefined, want: false },
    { name: 'an empty selector matches everything', selector: {}, want: true },
    { name: 'matchLabels must all match', selector: { matchLabels: { env: 'prod', tier: 'web' } }, want: true },
    { name: 'matchLabels with one mismatch fails', selector: { matchLabels: { env: 'prod', tier: 'db' } }, want: false },
    { name: 'an In expression matches', selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, want: true },
    { name: 'a NotIn expression refuses', selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, want: false },
    { name: 'an Exists expression matches', selector: { matchExpressions: [{ key: 'region', operator: 'Exists' }] }, want: true },
    { name: 'a DoesNotExist expression refuses', selector: { matchExpressions: [{ key: 'region', operator: 'DoesNotExist' }] }, want: false },
    {
      name: 'matchLabels and matchExpressions are AND-ed',
      selector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] },
      want: false,
    },
  ];
  it.each(cases)('$name', ({ selector, want }) => {
    expect(selectorMatches(selector, labels)).toBe(want);
  });

  it('converts to the same requirements as the string form', () => {
    const fromObject = requirementsFromSelector({
      matchLabels: { a: 'b' },
      matchExpressions: [
        { key: 'e', operator: 'In', values: ['x', 'y'] },
        { key: 'h', operator: 'DoesNotExist' },
      ],
    });
    expect(fromObject).toEqual(parseLabelSelector('a=b,e in (x,y),!h'));
    expect(formatRequirements(fromObject)).toBe('a=b,e in (x,y),!h');
  });

  it('refuses to convert an invalid selector, naming the field', () => {
    expect(() => requirementsFromSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toThrow(
      /selector\.matchExpressions\[0\]\.values: values must be given/,
    );
  });
});

describe('validateLabelSelector', () => {
  const cases: { name: string; selector: LabelSelector; want: { reason: string; field: string }[] }[] = [
    { name: 'a valid selector has no errors', selector: { matchLabels: { 'example.com/a': 'b' }, matchExpressions: [{ key: 'c', operator: 'Exists' }] }, want: [] },
    { name: 'an invalid matchLabels key is reported', selector: { matchLabels: { 'a b': 'c' } }, want: [{ reason: 'FieldValueInvalid', field: 'spec.selector.matchLabels' }] },
    { name: 'an invalid matchLabels value is reported', selector: { matchLabels: { a: 'x'.repeat(64) } }, want: [{ reason: 'FieldValueInvalid', field: 'spec.selector.matchLabels' }] },
    { name: 'In without values is required to have them', selector: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, want: [{ reason: 'FieldValueRequired', field: 'spec.selector.matchExpressions[0].values' }] },
    { name: 'NotIn without values is required to have them', selector: { matchExpressions: [{ key: 'a', operator: 'NotIn' }] }, want: [{ reason: 'FieldValueRequired', field: 'spec.selector.matchExpressions[0].values' }] },
    { name: 'Exists with values is forbidden', selector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, want: [{ reason: 'FieldValueForbidden', field: 'spec.selector.matchExpressions[0].values' }] },
    { name: 'DoesNotExist with values is forbidden', selector: { matchExpressions: [{ key: 'a', operator: 'DoesNotExist', values: ['x'] }] }, want: [{ reason: 'FieldValueForbidden', field: 'spec.selector.matchExpressions[0].values' }] },
    {
      name: 'an unknown operator is not supported',
      selector: { matchExpressions: [{ key: 'a', operator: 'Gt' as never, values: ['1'] }] },
      want: [{ reason: 'FieldValueNotSupported', field: 'spec.selector.matchExpressions[0].operator' }],
    },
    { name: 'an invalid expression key is reported', selector: { matchExpressions: [{ key: '', operator: 'Exists' }] }, want: [{ reason: 'FieldValueInvalid', field: 'spec.selector.matchExpressions[0].key' }] },
    { name: 'an invalid expression value is reported by index', selector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['ok', 'no good'] }] }, want: [{ reason: 'FieldValueInvalid', field: 'spec.selector.matchExpressions[0].values[1]' }] },
  ];
  it.each(cases)('$name', ({ selector, want }) => {
    const errors = validateLabelSelector(selector, 'spec.selector');
    expect(errors.map(({ reason, field }) => ({ reason, field }))).toEqual(want);
    for (const e of errors) expect(e.message.length).toBeGreaterThan(0);
  });
});
