import { expect } from 'chai';
import fc from 'fast-check';
import { DocumentErrorCode } from '../errors/document-error.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { gsrnCheckDigit, isValidGsrn, makeGsrn } from './gsrn.js';

describe('GSRN identifiers (connection points)', () => {
  it('F4: computes the GS1 modulo-10 check digit', () => {
    // GS1 check digits are the same for every key length; known GTIN-13 4006381333931.
    expect(gsrnCheckDigit('00000400638133393')).to.equal('1');
    expect(makeGsrn('57131318040000001')).to.equal('571313180400000018');
    expect(isValidGsrn('571313180400000018')).to.equal(true);
  });

  it('F4: rejects wrong length, non-digits and wrong check digits', () => {
    for (const code of ['57131318040000001', '5713131804000000188', '57131318040000001X', '571313180400000017', 12345, undefined]) {
      expect(isValidGsrn(code), String(code)).to.equal(false);
    }
  });

  it('F4: detects every single-digit substitution', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{17}$/), fc.integer({ min: 0, max: 17 }), fc.integer({ min: 0, max: 9 }), (body, at, digit) => {
        const code = makeGsrn(body);
        fc.pre(code[at] !== String(digit));
        expect(isValidGsrn(code.slice(0, at) + digit + code.slice(at + 1))).to.equal(false);
      }),
    );
  });

  it('F4: helper misuse is a typed DocumentError', () => {
    expectDocumentError(() => gsrnCheckDigit('12'), DocumentErrorCode.InvalidIdentifier);
  });
});
