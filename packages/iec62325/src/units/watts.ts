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
  const digits = (negative ? -BigInt(watts) : BigInt(watts)).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  const text = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative ? `-${text}` : text;
}

/**
 * Integer watts of a decimal quantity in `unit`. Rejects (DocumentError, reason A42) anything that
 * is not a decimal, is not a whole number of watts, or exceeds Number.MAX_SAFE_INTEGER.
 */
export function quantityToWatts(quantity: string, unit: QuantityUnit, field?: string): number {
  const decimals = decimalsOf(unit, field);
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
