/**
 * The type of a test example that sets every field its kind declares: every optional field
 * becomes required, all the way down, so an example that forgets a field (or invents one)
 * fails to compile. Metadata stays as ObjectMeta, which the kinds do not define.
 */
import type { ObjectMeta } from '../meta.js';

export type DeepRequired<T> = T extends readonly (infer U)[]
  ? DeepRequired<U>[]
  : T extends object
    ? { [K in keyof T]-?: DeepRequired<T[K]> }
    : T;

export type FullyPopulated<K extends { metadata: ObjectMeta }> = Omit<DeepRequired<K>, 'metadata'> & {
  metadata: ObjectMeta;
};
