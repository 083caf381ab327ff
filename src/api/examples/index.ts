/**
 * Example objects of every kind, fully populated and valid against the CRDs: the fixtures the
 * api tests check schema and types with, reusable by other folders' tests.
 */
export * from './fully-populated.js';
export * from './kinds.js';
