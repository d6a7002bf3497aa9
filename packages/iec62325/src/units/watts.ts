import type { QuantityUnit } from '../codes/market-codes.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';

// The platform computes in integer watts; documents carry KWT or MAW. Conversion is exact decimal
// shifting on strings (never floating-point), so every integer watt value has exactly one
// representation on the wire and reads back unchanged.
const DECIMALS: Record<QuantityUnit, number> = { KWT: 3, MAW: 6 };
// xs:decimal lexical space: optional sign, digits with optional fraction, or a bare fraction.
const DECIMAL = /^([+-]?)(?:([0-9]+)(?:\.([0-9]*))?|\.([0-9]+))$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function decimalsOf(unit: QuantityUnit, field?: string): number {
  const decimals = DECIMALS[unit];
  if (decimals === undefined) {
    throw new DocumentError(DocumentErrorCode.InvalidQuantity, `unsupported unit ${JSON.stringify(unit)} (KWT or MAW)`, { field });
  }
  return decimals;
}

/** Exact decimal string of `watts` in `unit` (e.g. 1500 W → "1.5" KWT, "0.0015" MAW). */
export function wattsToQuantity(watts: number | bigint, unit: QuantityUnit): string {
  const decimals = decimalsOf(unit);
  if (typeof watts === 'number' && !Number.isSafeInteger(watts)) {
    throw new DocumentError(DocumentErrorCode.InvalidQuantity, `not an integer number of watts: ${watts}`);
  }
  if (typeof watts !== 'number' && typeof watts !== 'bigint') {
    throw new DocumentError(DocumentErrorCode.InvalidQuantity, `not an integer number of watts: ${String(watts)}`);
  }
  const negative = watts < 0;
  // A safe integer prints exactly as its digits (no exponent below 1e21): no BigInt needed.
  const magnitude = typeof watts === 'number' ? String(negative ? -watts : watts) : (negative ? -watts : watts).toString();
  const digits = magnitude.padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  let end = digits.length;
  while (end > whole.length && digits.charCodeAt(end - 1) === 0x30) end--;
  const fraction = digits.slice(whole.length, end);
  const text = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative ? `-${text}` : text;
}

// At most 15 significant digits stay below 2^53, so plain number arithmetic is exact.
const FAST_MAX_DIGITS = 15;
const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

/**
 * The form this platform writes and nearly every document carries ("1500", "-0.25": optional
 * minus, digits, optional point with at most `decimals` digits after it), read with one scan and
 * integer arithmetic (schedules carry hundreds of points, read at every hop). Anything else
 * (plus sign, spaces, bare fractions, long digit strings, excess or invalid digits) returns
 * undefined and goes through the general, checking path below.
 */
function plainQuantityToWatts(text: string, decimals: number): number | undefined {
  const length = text.length;
  let i = text.charCodeAt(0) === 0x2d ? 1 : 0;
  const negative = i === 1;
  let whole = 0;
  let wholeDigits = 0;
  for (; i < length; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
    wholeDigits++;
  }
  if (wholeDigits === 0 || wholeDigits + decimals > FAST_MAX_DIGITS) return undefined;
  let fraction = 0;
  let fractionDigits = 0;
  if (i < length) {
    if (text.charCodeAt(i) !== 0x2e) return undefined;
    for (i++; i < length; i++) {
      const d = text.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) return undefined;
      fraction = fraction * 10 + d;
      fractionDigits++;
    }
    if (fractionDigits === 0 || fractionDigits > decimals) return undefined;
  }
  const watts = whole * POWERS_OF_TEN[decimals]! + fraction * POWERS_OF_TEN[decimals - fractionDigits]!;
  // Normalise -0 to 0 so that equal quantities compare equal.
  return negative && watts !== 0 ? -watts : watts;
}

/**
 * Integer watts of a decimal quantity in `unit`. Rejects (DocumentError, reason A42) anything that
 * is not a decimal, is not a whole number of watts, or exceeds Number.MAX_SAFE_INTEGER.
 */
export function quantityToWatts(quantity: string, unit: QuantityUnit, field?: string): number {
  const decimals = decimalsOf(unit, field);
  const fast = typeof quantity === 'string' ? plainQuantityToWatts(quantity, decimals) : undefined;
  if (fast !== undefined) return fast;
  const match = typeof quantity === 'string' ? DECIMAL.exec(quantity.trim()) : null;
  if (match === null) {
    throw new DocumentError(DocumentErrorCode.InvalidQuantity, `not a decimal quantity: ${JSON.stringify(quantity)}`, { field });
  }
  const sign = match[1];
  const whole = match[2] ?? '0';
  const fraction = match[3] ?? match[4] ?? '';
  const kept = fraction.slice(0, decimals);
  if (/[^0]/.test(fraction.slice(decimals))) {
    throw new DocumentError(DocumentErrorCode.InvalidQuantity, `${quantity} ${unit} is not a whole number of watts`, { field });
  }
  const digits = (whole + kept.padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  // MAX_SAFE_INTEGER has 16 digits: anything longer is out of range without converting it (a huge
  // digit string never reaches BigInt); within range, Number converts exactly.
  if (digits.length > 16 || (digits.length === 16 && BigInt(digits) > MAX_SAFE)) {
    throw new DocumentError(DocumentErrorCode.InvalidQuantity, `${quantity} ${unit} is out of range`, { field });
  }
  const watts = Number(digits);
  // Normalise -0 to 0 so that equal quantities compare equal.
  return sign === '-' && watts !== 0 ? -watts : watts;
}
