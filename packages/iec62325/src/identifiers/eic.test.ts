import { expect } from 'chai';
import fc from 'fast-check';
import { DocumentErrorCode } from '../errors/document-error.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { eicCheckChar, isValidEic, isValidEicOfType, makeEic } from './eic.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-';

describe('EIC identifiers', () => {
  it('F1: accepts published EICs and computes their check characters', () => {
    for (const code of ['10YDE-VE-------2', '10YFR-RTE------C', '10YNL----------L', '10YCB-GERMANY--8', '10X1001A1001A450', '10YDK-1--------W']) {
      expect(isValidEic(code), code).to.equal(true);
      expect(eicCheckChar(code.slice(0, 15))).to.equal(code[15]);
    }
  });

  it('F1: rejects wrong length, lower case, unknown type letters and a "-" check character', () => {
    for (const code of ['10YDE-VE-------', '10YDE-VE-------22', '10yde-ve-------2', '10QDE-VE-------2', 'AAYDE-VE-------2', '', 42, null]) {
      expect(isValidEic(code), String(code)).to.equal(false);
    }
    // A body whose check would be '-' is not a valid code with any last character.
    const body = fc.sample(fc.stringMatching(/^[0-9]{2}X[0-9A-Z-]{12}$/), { numRuns: 4000, seed: 7 }).find((b) => eicCheckChar(b) === '-');
    expect(body, 'found a body with check "-"').to.be.a('string');
    for (const last of ALPHABET) expect(isValidEic(body! + last)).to.equal(false);
  });

  it('F1: detects every single-character substitution', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{2}[XW][0-9A-Z-]{12}$/), fc.integer({ min: 3, max: 14 }), fc.constantFrom(...ALPHABET.split('')), (first15, at, replacement) => {
        const code = makeEic(first15.slice(0, 3), first15.slice(3));
        fc.pre(code[at] !== replacement);
        const mutated = code.slice(0, at) + replacement + code.slice(at + 1);
        expect(isValidEic(mutated)).to.equal(false);
      }),
    );
  });

  it('F4: makeEic produces valid codes of the requested type (parties X, assets W)', () => {
    fc.assert(
      fc.property(fc.constantFrom('10X', '45W', '99X'), fc.stringMatching(/^[0-9A-Z-]{0,12}$/), (prefix, body) => {
        const code = makeEic(prefix, body);
        expect(code).to.have.length(16);
        expect(isValidEicOfType(code, prefix[2]!)).to.equal(true);
      }),
    );
    expect(isValidEicOfType(makeEic('10X', 'DSO'), 'W')).to.equal(false);
  });

  it('F1: helper misuse is a typed DocumentError', () => {
    expectDocumentError(() => eicCheckChar('short'), DocumentErrorCode.InvalidIdentifier);
    expectDocumentError(() => makeEic('10X', 'MUCH-TOO-LONG-BODY'), DocumentErrorCode.InvalidIdentifier);
  });
});
