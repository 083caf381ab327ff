/**
 * The common shape of a Flotilla object. A type alias rather than an interface on purpose:
 * aliases are assignable to meta.ts's KubeObject (which has an index signature), so generic
 * client code accepts them, while object literals typed as a kind still get excess-property
 * checks that catch misspelt fields.
 */
import type { API_VERSION } from './group.js';
import type { ObjectMeta } from './meta.js';

export type FlotillaObject<Kind extends string, Fields extends object> = {
  apiVersion: typeof API_VERSION;
  kind: Kind;
  metadata: ObjectMeta;
} & Fields;
