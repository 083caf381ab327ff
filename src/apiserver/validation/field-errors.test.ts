import { describe, expect, it } from 'vitest';
import { errors } from '../status.js';
import { fieldError, formatValue } from './field-errors.js';

describe('formatValue', () => {
  const cases = [
    { name: 'strings are quoted', value: 'a"b', expected: '"a\\"b"' },
    { name: 'numbers and booleans are bare', value: 1.5, expected: '1.5' },
    { name: 'null and undefined print as null', value: undefined, expected: 'null' },
    { name: 'objects print as JSON with sorted keys', value: { b: 1, a: [true] }, expected: '{"a":[true],"b":1}' },
  ];
  it.each(cases)('$name', ({ value, expected }) => {
    expect(formatValue(value)).toBe(expected);
  });
});

describe('fieldError', () => {
  const cases = [
    { name: 'Invalid value shows the value and the detail', cause: fieldError.invalid('spec.a', 3, 'must be even'), message: 'Invalid value: 3: must be even', reason: 'FieldValueInvalid' },
    { name: 'Required value shows no value', cause: fieldError.required('spec.a'), message: 'Required value', reason: 'FieldValueRequired' },
    { name: 'Forbidden shows only its detail', cause: fieldError.forbidden('spec.a', 'not here'), message: 'Forbidden: not here', reason: 'FieldValueForbidden' },
    {
      name: 'Unsupported value quotes each supported value',
      cause: fieldError.notSupported('spec.a', 'x', ['a', 'b']),
      message: 'Unsupported value: "x": supported values: "a", "b"',
      reason: 'FieldValueNotSupported',
    },
    { name: 'Too long leaves the value out', cause: fieldError.tooLong('spec.a', 5), message: 'Too long: may not be more than 5 bytes', reason: 'FieldValueTooLong' },
    { name: 'Too many shows the count', cause: fieldError.tooMany('spec.a', 4, 3), message: 'Too many: 4: must have at most 3 items', reason: 'FieldValueTooMany' },
    { name: 'Duplicate value shows the value', cause: fieldError.duplicate('spec.a', 'x'), message: 'Duplicate value: "x"', reason: 'FieldValueDuplicate' },
  ];
  it.each(cases)('$name', ({ cause, message, reason }) => {
    expect(cause).toEqual({ field: 'spec.a', message, reason });
  });

  it('causes make the 422 message kubectl prints', () => {
    const err = errors.invalid({ group: 'flotilla.io', resource: 'gitrepos', kind: 'GitRepo', name: 'r' }, [
      fieldError.typeInvalid('spec.replicas', 'string', 'spec.replicas in body must be of type integer: "string"'),
      fieldError.required('spec.repo'),
    ]);
    expect(err.message).toBe(
      'GitRepo.flotilla.io "r" is invalid: [spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string", spec.repo: Required value]',
    );
  });
});
