/**
 * Object names as Kubernetes checks them: the DNS-1123 subdomain most kinds use, the
 * DNS-1123 label of Namespaces, the DNS-1035 label of Services, the path-segment names of
 * RBAC kinds, qualified names (label keys, finalizers) and label values. Each check returns
 * the list of messages Kubernetes gives, worded as it words them, so that the REST layer
 * can turn them into `Invalid value` causes.
 */
import { randomInt } from 'node:crypto';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QNAME_CHAR_FMT = '[A-Za-z0-9]';
const QNAME_EXT_CHAR_FMT = '[-A-Za-z0-9_.]';
const QUALIFIED_NAME_FMT = `(${QNAME_CHAR_FMT}${QNAME_EXT_CHAR_FMT}*)?${QNAME_CHAR_FMT}`;
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;

const anchored = (fmt: string) => new RegExp(`^${fmt}$`);
const DNS1123_LABEL_RE = anchored(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN_RE = anchored(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL_RE = anchored(DNS1035_LABEL_FMT);
const QUALIFIED_NAME_RE = anchored(QUALIFIED_NAME_FMT);
const LABEL_VALUE_RE = anchored(LABEL_VALUE_FMT);

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const DNS1035_LABEL_MAX_LENGTH = 63;
export const QUALIFIED_NAME_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

export function emptyError(): string {
  return 'must be non-empty';
}

/**
 * Kubernetes' regex message with its examples. The double space before each "or" is in
 * Kubernetes' own output (each example ends with ", " and the next starts with " or ").
 */
export function regexError(message: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${fmt}')`;
  const shown = examples.map((e, i) => `${i > 0 ? ' or ' : ''}'${e}', `).join('');
  return `${message} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL_RE.test(value)) {
    // A valid subdomain that is not a valid label can only be wrong by its dots.
    if (DNS1123_SUBDOMAIN_RE.test(value)) errs.push('must not contain dots');
    else
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          'my-name',
          '123-abc',
        ),
      );
  }
  return errs;
}

export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_RE.test(value))
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  return errs;
}

export function isDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!DNS1035_LABEL_RE.test(value))
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FMT,
        'my-name',
        'abc-123',
      ),
    );
  return errs;
}

const QUALIFIED_NAME_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** Label keys, annotation keys and finalizers: an optional DNS subdomain prefix and `/`, then a name. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts.length === 2 ? (parts[1] ?? '') : value;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else errs.push(...isDns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (name.length > QUALIFIED_NAME_MAX_LENGTH) errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  if (!QUALIFIED_NAME_RE.test(name))
    errs.push(`name part ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE_RE.test(value))
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  return errs;
}

/** Names used as one segment of a URL path: RBAC kinds and PersistentVolumes. */
export function isValidPathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  return isValidPathSegmentPrefix(value);
}

export function isValidPathSegmentPrefix(value: string): string[] {
  return ['/', '%'].filter((c) => value.includes(c)).map((c) => `may not contain '${c}'`);
}

/**
 * Checks a name, or with `prefix` a generateName. A generateName may end in '-' because
 * random characters follow it, so Kubernetes checks it with that dash masked.
 */
export type NameValidator = (name: string, options?: { prefix?: boolean }) => string[];

function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
}

export const nameIsDnsSubdomain: NameValidator = (name, options) =>
  isDns1123Subdomain(options?.prefix ? maskTrailingDash(name) : name);
export const nameIsDnsLabel: NameValidator = (name, options) =>
  isDns1123Label(options?.prefix ? maskTrailingDash(name) : name);
export const nameIsDns1035Label: NameValidator = (name, options) =>
  isDns1035Label(options?.prefix ? maskTrailingDash(name) : name);
export const nameIsPathSegment: NameValidator = (name, options) =>
  options?.prefix ? isValidPathSegmentPrefix(name) : isValidPathSegmentName(name);

/** The rule Kubernetes applies to the names of one kind. */
export type NameRule = 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label' | 'pathSegment';

const RULE_VALIDATORS: Record<NameRule, NameValidator> = {
  dns1123Subdomain: nameIsDnsSubdomain,
  dns1123Label: nameIsDnsLabel,
  dns1035Label: nameIsDns1035Label,
  pathSegment: nameIsPathSegment,
};

/** Built-in kinds whose names are not DNS-1123 subdomains, keyed `group/Kind` (core group empty). */
const KIND_RULES: Record<string, NameRule> = {
  '/Namespace': 'dns1123Label',
  '/Service': 'dns1035Label',
  '/PersistentVolume': 'pathSegment',
  'rbac.authorization.k8s.io/Role': 'pathSegment',
  'rbac.authorization.k8s.io/ClusterRole': 'pathSegment',
  'rbac.authorization.k8s.io/RoleBinding': 'pathSegment',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'pathSegment',
  'flowcontrol.apiserver.k8s.io/FlowSchema': 'pathSegment',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration': 'pathSegment',
};

/** Which rule a kind's names follow; everything else, custom resources included, uses subdomains. */
export function nameRuleFor(group: string, kind: string): NameRule {
  return KIND_RULES[`${group}/${kind}`] ?? 'dns1123Subdomain';
}

export function nameValidatorFor(group: string, kind: string): NameValidator {
  const rule = RULE_VALIDATORS[nameRuleFor(group, kind)];
  // CronJob names become Job names plus an 11-character suffix, so Kubernetes caps them at 52.
  if (group === 'batch' && kind === 'CronJob') {
    return (name, options) => {
      const errs = rule(name, options);
      if (!options?.prefix && name.length > 52) errs.push(maxLenError(52));
      return errs;
    };
  }
  return rule;
}

/** Kubernetes' random suffix alphabet: no vowels and no 0, 1, 3, so that no words are spelled. */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const RANDOM_LENGTH = 5;
const MAX_NAME_LENGTH = 63;
export const MAX_GENERATED_NAME_PREFIX_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH;

export interface GenerateNameOptions {
  /** Returns an integer in [0, max); injected so tests can be deterministic. */
  randomInt?: (max: number) => number;
}

/** A name from a generateName: the prefix cut to 58 characters, then 5 random characters. */
export function generateName(prefix: string, options: GenerateNameOptions = {}): string {
  const pick = options.randomInt ?? ((max: number) => randomInt(max));
  let suffix = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) suffix += SUFFIX_ALPHABET[pick(SUFFIX_ALPHABET.length)] ?? 'x';
  return prefix.slice(0, MAX_GENERATED_NAME_PREFIX_LENGTH) + suffix;
}
