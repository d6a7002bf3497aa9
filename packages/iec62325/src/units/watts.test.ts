import { expect } from 'chai';
import fc from 'fast-check';
import { DocumentErrorCode } from '../errors/document-error.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { quantityToWatts, wattsToQuantity } from './watts.js';

describe('watts <-> KWT / MAW', () => {
  it('F6/F8: writes exact decimal strings', () => {
    expect(wattsToQuantity(1500, 'KWT')).to.equal('1.5');
    expect(wattsToQuantity(1500, 'MAW')).to.equal('0.0015');
    expect(wattsToQuantity(-250, 'KWT')).to.equal('-0.25');
    expect(wattsToQuantity(0, 'MAW')).to.equal('0');
    expect(wattsToQuantity(7_000_000, 'MAW')).to.equal('7');
    expect(wattsToQuantity(1n, 'MAW')).to.equal('0.000001');
    expect(wattsToQuantity(Number.MAX_SAFE_INTEGER, 'KWT')).to.equal('9007199254740.991');
  });

  it('F6/F8: reads every xs:decimal form and normalises -0', () => {
    expect(quantityToWatts('1.5', 'KWT')).to.equal(1500);
    expect(quantityToWatts('+.5', 'KWT')).to.equal(500);
    expect(quantityToWatts('2.', 'MAW')).to.equal(2_000_000);
    expect(quantityToWatts(' 0.0015000 ', 'MAW')).to.equal(1500);
    expect(Object.is(quantityToWatts('-0.000', 'KWT'), 0)).to.equal(true);
  });

  it('F6/F8: round-trips every safe integer exactly in both units', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom('KWT' as const, 'MAW' as const), (watts, unit) => {
        expect(quantityToWatts(wattsToQuantity(watts, unit), unit)).to.equal(watts);
      }),
    );
  });

  it('F6/F8: rejects non-integral watts, out-of-range and non-decimals with reason A42', () => {
    expectDocumentError(() => quantityToWatts('1.0005', 'KWT'), DocumentErrorCode.InvalidQuantity, 'A42');
    expectDocumentError(() => quantityToWatts('0.0000001', 'MAW'), DocumentErrorCode.InvalidQuantity, 'A42');
    expectDocumentError(() => quantityToWatts('9007199254740.992', 'KWT'), DocumentErrorCode.InvalidQuantity, 'A42');
    expectDocumentError(() => quantityToWatts('1e3', 'KWT'), DocumentErrorCode.InvalidQuantity, 'A42');
    expectDocumentError(() => quantityToWatts('9'.repeat(1_000_000), 'MAW'), DocumentErrorCode.InvalidQuantity, 'A42');
    expect(quantityToWatts(`${'0'.repeat(1000)}1`, 'KWT')).to.equal(1000);
    expectDocumentError(() => quantityToWatts('', 'KWT'), DocumentErrorCode.InvalidQuantity, 'A42');
    expectDocumentError(() => quantityToWatts('1', 'WTT' as 'KWT'), DocumentErrorCode.InvalidQuantity);
    expectDocumentError(() => wattsToQuantity(1.5, 'KWT'), DocumentErrorCode.InvalidQuantity);
    expectDocumentError(() => wattsToQuantity(2 ** 60, 'KWT'), DocumentErrorCode.InvalidQuantity);
  });

  it('F6/F8: the fast reading of plain quantities agrees with the exact decimal reading on every form (issue 14)', () => {
    // Reference: exact decimal arithmetic with BigInt, independent of both reading paths.
    const reference = (text: string, decimals: number): number | 'error' => {
      const m = /^([+-]?)(?:([0-9]+)(?:\.([0-9]*))?|\.([0-9]+))$/.exec(text.trim());
      if (!m) return 'error';
      const fraction = m[3] ?? m[4] ?? '';
      if (/[^0]/.test(fraction.slice(decimals))) return 'error';
      const value = BigInt((m[2] ?? '0') + fraction.slice(0, decimals).padEnd(decimals, '0'));
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) return 'error';
      const n = Number(value);
      return m[1] === '-' && n !== 0 ? -n : n;
    };
    const read = (text: string, unit: 'KWT' | 'MAW'): number | 'error' => {
      try {
        return quantityToWatts(text, unit);
      } catch {
        return 'error';
      }
    };
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    const quantity = fc.tuple(fc.constantFrom('', '-', '+', ' '), digits(0, 18), fc.constantFrom('', '.'), digits(0, 8), fc.constantFrom('', ' ', 'x', '.')).map((parts) => parts.join(''));
    fc.assert(
      fc.property(quantity, fc.constantFrom(['KWT', 3] as const, ['MAW', 6] as const), (text, [unit, decimals]) => {
        expect(read(text, unit), text).to.equal(reference(text, decimals));
      }),
      { numRuns: 20_000 },
    );
    for (const [text, watts] of [['-0', 0], ['-0.000', 0], ['999999999999.999', 999_999_999_999_999], ['1.25', 1250], ['-7', -7000]] as const) {
      expect(Object.is(quantityToWatts(text, 'KWT'), watts), text).to.equal(true);
    }
  });
});
