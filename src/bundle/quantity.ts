/**
 * Kubernetes resource quantities (`500m`, `1.5`, `256Mi`, `1e3`, `2G`), parsed exactly as
 * fractions of big integers so that comparing a request with a limit never suffers from
 * floating-point rounding. The grammar is apimachinery's: a signed decimal number followed
 * by a binary suffix (Ki…Ei), a decimal suffix (n, u, m, none, k, M, G, T, P, E) or a
 * decimal exponent (e3, E-2).
 */

export interface Quantity {
  /** The text as written, kept so rendered manifests show what the user wrote. */
  text: string;
  /** The value is numerator / denominator; the denominator is always positive. */
  numerator: bigint;
  denominator: bigint;
}

export class InvalidQuantityError extends Error {
  constructor(readonly text: string, reason: string) {
    super(`"${text}" is not a Kubernetes quantity: ${reason}`);
    this.name = 'InvalidQuantityError';
  }
}

const SHAPE = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;

const BINARY: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** Parses a quantity or throws InvalidQuantityError saying why not. */
export function parseQuantity(text: string): Quantity {
  const match = SHAPE.exec(text);
  const [, sign = '', whole = '', fraction = '', suffix = ''] = match ?? [];
  if (match === null || whole + fraction === '') {
    throw new InvalidQuantityError(text, 'expected a number such as 500m, 2, 1.5Gi or 1e3');
  }
  const negative = sign === '-' ? -1n : 1n;
  let numerator = BigInt(whole + fraction || '0') * negative;
  let denominator = 10n ** BigInt(fraction.length);
  const scale = suffixScale(text, suffix);
  if (scale.base === 2n) numerator *= 1024n ** BigInt(scale.power);
  else if (scale.power >= 0) numerator *= 10n ** BigInt(scale.power);
  else denominator *= 10n ** BigInt(-scale.power);
  return { text, ...reduce(numerator, denominator) };
}

function suffixScale(text: string, suffix: string): { base: bigint; power: number } {
  const binary = BINARY[suffix];
  if (binary !== undefined) return { base: 2n, power: binary };
  const decimal = DECIMAL[suffix];
  if (decimal !== undefined) return { base: 10n, power: decimal };
  const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (exponent?.[1] !== undefined) {
    const power = Number(exponent[1]);
    if (Math.abs(power) > 100) throw new InvalidQuantityError(text, 'exponent out of range');
    return { base: 10n, power };
  }
  throw new InvalidQuantityError(
    text,
    `unknown suffix "${suffix}" (allowed: Ki, Mi, Gi, Ti, Pi, Ei, n, u, m, k, M, G, T, P, E or an exponent like e3)`,
  );
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function reduce(numerator: bigint, denominator: bigint): { numerator: bigint; denominator: bigint } {
  const d = gcd(numerator, denominator);
  return { numerator: numerator / d, denominator: denominator / d };
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** True when the quantity is below zero. */
export function isNegative(q: Quantity): boolean {
  return q.numerator < 0n;
}
