/**
 * The string and number formats Kubernetes checks in custom resources (kube-openapi's
 * strfmt registry). Formats it does not know are not checked, so the converter drops them.
 * Numeric formats (int32, int64, float, double) are accepted without range checks, because
 * Kubernetes only checks the JSON type for them.
 */
import type { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule.default;

/** Formats taken from ajv-formats, whose rules match kube-openapi's for these names. */
const AJV_FORMATS = ['email', 'hostname', 'ipv4', 'ipv6', 'uri', 'uuid', 'byte', 'date'] as const;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$/;
// Go durations ("1h30m", "-1.5s") and the day and week units go-openapi adds.
const DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)\s*(ns|us|µs|μs|ms|s|m|h|d|w))+$|^0$/;
const MAC = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$/;
const HEX_COLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const RGB_COLOR = /^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/;
const uuidVersion = (v: number) => new RegExp(`^[0-9a-f]{8}-?[0-9a-f]{4}-?${v}[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$`, 'i');

function isDateTime(s: string): boolean {
  return DATE_TIME.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T')));
}

function isCidr(s: string): boolean {
  const [ip, bits, ...rest] = s.split('/');
  if (rest.length || ip === undefined || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  const v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(ip);
  return v4 ? Number(bits) <= 32 : ip.includes(':') && /^[0-9A-Fa-f:.]+$/.test(ip) && Number(bits) <= 128;
}

const CUSTOM_STRING_FORMATS: Record<string, (s: string) => boolean> = {
  'date-time': isDateTime,
  datetime: isDateTime,
  duration: (s) => DURATION.test(s),
  cidr: isCidr,
  mac: (s) => MAC.test(s),
  hexcolor: (s) => HEX_COLOR.test(s),
  rgbcolor: (s) => RGB_COLOR.test(s),
  uuid3: (s) => uuidVersion(3).test(s),
  uuid4: (s) => uuidVersion(4).test(s),
  uuid5: (s) => uuidVersion(5).test(s),
  password: () => true,
};

const NUMBER_FORMATS = ['int32', 'int64', 'float', 'double'] as const;

/** Every format name this validator checks; others are ignored, as Kubernetes ignores them. */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set([...AJV_FORMATS, ...Object.keys(CUSTOM_STRING_FORMATS), ...NUMBER_FORMATS]);

export function addKubernetesFormats(ajv: Ajv): void {
  addFormats(ajv, [...AJV_FORMATS]);
  for (const [name, validate] of Object.entries(CUSTOM_STRING_FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  for (const name of NUMBER_FORMATS) ajv.addFormat(name, { type: 'number', validate: () => true });
}
