/**
 * The API group and version every Flotilla kind lives in. One place, so a version bump is
 * one edit and nobody spells the group by hand.
 */

export const GROUP = 'flotilla.io';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}` as const;
