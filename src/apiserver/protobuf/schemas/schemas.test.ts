import { describe, expect, it } from 'vitest';
import { isScalarType, OBJECT_META, type FieldSpec } from '../field-spec.js';
import { wellKnownTypes } from '../well-known-types.js';
import { builtinKinds, builtinMessages, messageForKind } from './index.js';

const messages = Object.entries(builtinMessages).map(([message, schema]) => ({ message, fields: Object.entries(schema) as Array<[string, FieldSpec]> }));
const kinds = Object.entries(builtinKinds).flatMap(([apiVersion, byKind]) => Object.entries(byKind).map(([kind, message]) => ({ apiVersion, kind, message })));

const isDescribed = (type: string) => isScalarType(type) || type in wellKnownTypes || type in builtinMessages;

describe('built-in wire descriptions', () => {
  it.each(messages)('$message refers only to scalars, well-known types and described messages', ({ fields }) => {
    const undescribed = fields.filter(([, spec]) => !isDescribed(spec.type)).map(([n, spec]) => `${n}:${spec.type}`);
    expect(undescribed).toEqual([]);
  });

  it.each(messages)('$message has valid field numbers and distinct JSON names', ({ fields }) => {
    for (const [number] of fields) expect(Number.isInteger(Number(number)) && Number(number) > 0 && Number(number) < 2 ** 29).toBe(true);
    const names = fields.filter(([, spec]) => !spec.inline).map(([, spec]) => spec.json);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(messages)('$message uses inline only for messages and maps only with scalar keys', ({ fields }) => {
    for (const [, spec] of fields) {
      if (spec.inline) expect(isScalarType(spec.type) || spec.repeated || spec.map).toBeFalsy();
      if (spec.map) expect(spec.repeated).toBeFalsy();
    }
  });

  it.each(kinds)('$apiVersion $kind is a message whose field 1 is its ObjectMeta', ({ apiVersion, kind, message }) => {
    expect(messageForKind(apiVersion, kind)).toBe(message);
    expect(builtinMessages[message]?.[1]).toEqual({ json: 'metadata', type: OBJECT_META });
  });
});
