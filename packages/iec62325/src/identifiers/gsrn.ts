import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';

// GS1 Global Service Relation Number: 18 digits, the last a GS1 modulo-10 check digit (weights 3
// and 1 alternating from the rightmost data digit). Connection points are identified by GSRN,
// codingScheme A10 (e.g. Danish metering points 57...).
const BODY = /^[0-9]{17}$/;
const GSRN = /^[0-9]{18}$/;

export function gsrnCheckDigit(first17: string): string {
  if (typeof first17 !== 'string' || !BODY.test(first17)) {
    throw new DocumentError(DocumentErrorCode.InvalidIdentifier, `not the first 17 digits of a GSRN: ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const digit = first17.charCodeAt(16 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return String((10 - (sum % 10)) % 10);
}

export function isValidGsrn(code: unknown): code is string {
  return typeof code === 'string' && GSRN.test(code) && gsrnCheckDigit(code.slice(0, 17)) === code.charAt(17);
}

/** Test-data generator: a valid GSRN from a body of up to 17 digits (left-padded with zeros). */
export function makeGsrn(body: string): string {
  const first17 = body.padStart(17, '0');
  return first17 + gsrnCheckDigit(first17);
}
