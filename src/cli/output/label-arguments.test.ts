import { describe, expect, it } from 'vitest';
import { labelChangesFromArguments, selectorFromArguments } from './label-arguments.js';

const selectorCases = [
  { name: 'no flag at all is no selector', values: [], want: undefined },
  { name: 'an empty string is the empty selector, which matches everything', values: [''], want: {} },
  { name: 'equalities become matchLabels across several flags', values: ['env=prod', 'region==west'], want: { matchLabels: { env: 'prod', region: 'west' } } },
  {
    name: 'set operators and existence become matchExpressions',
    values: ['tier in (web,api),!legacy', 'team notin (x)', 'gpu'],
    want: {
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['web', 'api'] },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'team', operator: 'NotIn', values: ['x'] },
        { key: 'gpu', operator: 'Exists' },
      ],
    },
  },
  { name: 'an inequality is a NotIn of one value', values: ['env!=dev'], want: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] } },
];

const selectorErrors = [
  { name: 'a set without parentheses is refused naming the flag and text', values: ['env in prod'], message: '--selector env in prod:' },
  { name: 'a key that must equal two values is refused', values: ['env=a', 'env=b'], message: 'env cannot equal both a and b' },
  { name: 'a numeric comparison is refused', values: ['size>3'], message: 'supports =, !=, in, notin' },
];

const changeCases = [
  { name: 'k=v sets and k- removes', args: ['env=prod', 'old-'], want: { set: { env: 'prod' }, remove: ['old'] } },
  { name: 'an empty value is a valid label value', args: ['flag='], want: { set: { flag: '' }, remove: [] } },
  { name: 'a prefixed key is accepted', args: ['example.com/team=a'], want: { set: { 'example.com/team': 'a' }, remove: [] } },
];

const changeErrors = [
  { name: 'no arguments say what to give', args: [], message: 'give at least one label' },
  { name: 'a bare key says what is expected', args: ['env'], message: 'env: expected key=value' },
  { name: 'an invalid key is named', args: ['-bad=x'], message: 'invalid label key "-bad"' },
  { name: 'a value with a space is named', args: ['env=a b'], message: 'invalid label value "a b"' },
  { name: 'setting and removing one key is refused', args: ['env=a', 'env-'], message: 'label env is both set and removed' },
];

describe('selectorFromArguments', () => {
  it.each(selectorCases)('$name', ({ values, want }) => expect(selectorFromArguments(values, '--selector')).toEqual(want));
  it.each(selectorErrors)('$name', ({ values, message }) => expect(() => selectorFromArguments(values, '--selector')).toThrow(message));
});

describe('labelChangesFromArguments', () => {
  it.each(changeCases)('$name', ({ args, want }) => expect(labelChangesFromArguments(args)).toEqual(want));
  it.each(changeErrors)('$name', ({ args, message }) => expect(() => labelChangesFromArguments(args)).toThrow(message));
});
