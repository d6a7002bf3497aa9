import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';

// Energy Identification Code (ENTSO-E EIC reference manual): 16 characters, two-character
// issuing office, a type letter (X party, W resource object, Y area, Z measurement point,
// T tie line, V location, A substation), 12 characters of [0-9A-Z-], and a check character.
const EIC_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-';
const FIRST15 = /^[0-9]{2}[ATVWXYZ][0-9A-Z-]{12}$/;
const EIC = /^[0-9]{2}[ATVWXYZ][0-9A-Z-]{12}[0-9A-Z]$/;

/** EIC type letter of parties (AGR/BRP, DSO, the TPS core). */
export const EIC_PARTY_TYPE = 'X';
/** EIC type letter of flexibility assets (resource objects). */
export const EIC_ASSET_TYPE = 'W';

/**
 * The check character of the first 15 characters of an EIC: weights 16..2, sum minus one,
 * modulo 37, subtracted from 36. A result of '-' means no valid code has this body.
 */
export function eicCheckChar(first15: string): string {
  if (typeof first15 !== 'string' || !FIRST15.test(first15)) {
    throw new DocumentError(DocumentErrorCode.InvalidIdentifier, `not the first 15 characters of an EIC: ${JSON.stringify(first15)}`);
  }
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += EIC_ALPHABET.indexOf(first15.charAt(i)) * (16 - i);
  return EIC_ALPHABET.charAt(36 - ((sum - 1) % 37));
}

/** True if `code` is a 16-character EIC with a correct check character. */
export function isValidEic(code: unknown): code is string {
  return typeof code === 'string' && EIC.test(code) && eicCheckChar(code.slice(0, 15)) === code.charAt(15);
}

/** True if `code` is a valid EIC of the given type letter (e.g. 'X' party, 'W' asset). */
export function isValidEicOfType(code: unknown, typeLetter: string): code is string {
  return isValidEic(code) && code.charAt(2) === typeLetter;
}

/**
 * Test-data generator: a valid EIC from a prefix (issuing office + type letter, e.g. '10X') and a
 * body, padded with '-' to 15 characters. If that body would need the check character '-', the
 * last padding or body character is replaced by the first digit that gives a valid code.
 */
export function makeEic(prefix: string, body: string): string {
  const first15 = (prefix + body.toUpperCase()).padEnd(15, '-');
  if (!FIRST15.test(first15)) {
    throw new DocumentError(DocumentErrorCode.InvalidIdentifier, `cannot make an EIC from ${JSON.stringify(prefix)} + ${JSON.stringify(body)}`);
  }
  const check = eicCheckChar(first15);
  if (check !== '-') return first15 + check;
  for (const digit of '0123456789') {
    const candidate = first15.slice(0, 14) + digit;
    const c = eicCheckChar(candidate);
    if (c !== '-') return candidate + c;
  }
  /* c8 ignore next: the ten candidates have ten different sums, so at most one yields '-' */
  throw new DocumentError(DocumentErrorCode.Internal, 'no valid EIC check character');
}
