import { expect } from 'chai';
import fc from 'fast-check';
import { split, splitSeries } from './split.js';
import { FairnessErrorCode, FairnessInputError } from './errors.js';
import type { SplitRequest } from './types.js';

const ok = { id: 'a', operator: 'agr', capacityW: 10 };

/** Runs `split` on a request that must be rejected; returns the error. */
function rejected(run: () => unknown): FairnessInputError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(FairnessInputError);
    return error as FairnessInputError;
  }
  throw new Error('expected a FairnessInputError');
}

const bad = (request: unknown) => rejected(() => split(request as SplitRequest));

describe('fairness input validation', () => {
  const cases: [string, unknown, FairnessErrorCode, string][] = [
    ['negative capacity', { limitW: 5, assets: [{ ...ok, capacityW: -1 }] }, 'INVALID_INTEGER', 'assets[0].capacityW'],
    ['fractional limit', { limitW: 5.5, assets: [ok] }, 'INVALID_INTEGER', 'limitW'],
    ['limit above 2^53', { limitW: 2 ** 53, assets: [ok] }, 'INVALID_INTEGER', 'limitW'],
    ['numeric string', { limitW: '5', assets: [ok] }, 'INVALID_INTEGER', 'limitW'],
    ['NaN plan', { limitW: 5, assets: [{ ...ok, plannedW: Number.NaN }] }, 'INVALID_INTEGER', 'assets[0].plannedW'],
    ['weight 0', { limitW: 5, assets: [{ ...ok, weight: 0 }] }, 'INVALID_INTEGER', 'assets[0].weight'],
    ['negative floor', { limitW: 5, assets: [{ ...ok, floorW: -3 }] }, 'INVALID_INTEGER', 'assets[0].floorW'],
    ['per-interval plan in a single split', { limitW: 5, assets: [{ ...ok, plannedW: [1] }] }, 'INVALID_INTEGER', 'assets[0].plannedW'],
    ['duplicate ID', { limitW: 5, assets: [ok, { ...ok }] }, 'DUPLICATE_ASSET_ID', 'assets[1].id'],
    ['empty ID', { limitW: 5, assets: [{ ...ok, id: '' }] }, 'INVALID_STRING', 'assets[0].id'],
    ['missing operator', { limitW: 5, assets: [{ id: 'a', capacityW: 1 }] }, 'INVALID_STRING', 'assets[0].operator'],
    ['unknown field', { limitW: 5, assets: [{ ...ok, capacity: 3 }] }, 'INVALID_FIELD', 'assets[0].capacity'],
    ['asset not an object', { limitW: 5, assets: [7] }, 'INVALID_FIELD', 'assets[0]'],
    ['assets not an array', { limitW: 5, assets: {} }, 'INVALID_FIELD', 'assets'],
    ['unknown policy', { limitW: 5, assets: [ok], policy: 'fifo' }, 'UNKNOWN_POLICY', 'policy'],
    ['unknown direction', { limitW: 5, assets: [ok], direction: 'up' }, 'INVALID_FIELD', 'direction'],
    [
      'Σ capacity above 2^53',
      { limitW: 5, assets: [{ ...ok, capacityW: 2 ** 52 }, { ...ok, id: 'b', capacityW: 2 ** 52 }] },
      'SUM_TOO_LARGE',
      'assets[*].capacityW',
    ],
  ];
  for (const [what, request, code, field] of cases) {
    it(`F6a: rejects ${what} with ${code} naming ${field}`, () => {
      const error = bad(request);
      expect(error).to.include({ name: 'FairnessInputError', code, field });
      expect(error.message.startsWith(field)).to.equal(true);
    });
  }

  it('F6a: messages are one line and say what was received', () => {
    expect(bad({ limitW: 5, assets: [{ ...ok, capacityW: -1 }] }).message).to.equal(
      'assets[0].capacityW must be a non-negative integer below 2^53 (got -1)',
    );
    expect(bad({ limitW: 5, assets: [ok, ok] }).message).to.equal('assets[1].id duplicates assets[0].id ("a")');
  });

  it('F6a: series plans must have one value per interval', () => {
    const error = rejected(() => splitSeries({ limitsW: [1, 2], assets: [{ ...ok, plannedW: [1, 2, 3] }] }));
    expect(error).to.include({ code: FairnessErrorCode.LengthMismatch, field: 'assets[0].plannedW' });
    expect(rejected(() => splitSeries({ limitsW: [], assets: [ok] }))).to.include({ field: 'limitsW' });
    expect(rejected(() => splitSeries({ limitsW: [1, -2], assets: [ok] }))).to.include({ field: 'limitsW[1]' });
    expect(rejected(() => splitSeries({ limitsW: [1], assets: [{ ...ok, plannedW: [0.5] }] }))).to.include({
      field: 'assets[0].plannedW[0]',
    });
  });

  it('F6a: any negative, fractional or unsafe number in any numeric field is rejected', () => {
    const badNumber = fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ noNaN: false }).filter((x) => !Number.isSafeInteger(x)),
      fc.constantFrom(2 ** 53, Infinity),
    );
    fc.assert(
      fc.property(fc.constantFrom('capacityW', 'plannedW', 'weight', 'floorW'), badNumber, (key, value) => {
        expect(bad({ limitW: 5, assets: [{ ...ok, [key]: value }] }).field).to.equal(`assets[0].${key}`);
      }),
      { numRuns: 200 },
    );
  });
});
