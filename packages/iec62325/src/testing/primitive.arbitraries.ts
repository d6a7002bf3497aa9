import fc from 'fast-check';
import { MARKET_ROLES, QUANTITY_UNITS, RESOLUTION_MINUTES, type Resolution } from '../codes/market-codes.js';
import { REASON_CODES, type ReasonCode } from '../codes/reason-codes.js';
import { makeEic } from '../identifiers/eic.js';
import { makeGsrn } from '../identifiers/gsrn.js';
import type { MarketParticipant, Reason } from '../model/common.types.js';
import { toEsmpDateTime, toYmdhm, type TimeInterval } from '../time/esmp-time.js';

// fast-check arbitraries for the building blocks of valid documents (test code).

/** fc.record with ordinary prototypes, so generated documents compare equal to parsed ones. */
export function record<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model, { noNullPrototype: true }) as fc.Arbitrary<T>;
}
const EIC_BODY_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-'.split('');
const MINUTE = 60_000;
// 2020-01-01T00:00Z .. about 2035: a range the calendar checks care about (leap days included).
const EPOCH_2020 = Date.UTC(2020, 0, 1);

export const eicArb = (typeLetter: 'X' | 'W'): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 10, max: 99 }), fc.array(fc.constantFrom(...EIC_BODY_CHARS), { minLength: 12, maxLength: 12 }))
    .map(([office, body]) => makeEic(`${office}${typeLetter}`, body.join('')));

export const gsrnArb: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...'0123456789'.split('')), { minLength: 17, maxLength: 17 })
  .map((digits) => makeGsrn(digits.join('')));

export const idArb: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,59}$/);

export const partyArb: fc.Arbitrary<MarketParticipant> = record({ mRID: eicArb('X'), role: fc.constantFrom(...MARKET_ROLES) });

export const createdArb: fc.Arbitrary<string> = fc.integer({ min: 0, max: 16 * 365 * 24 * 3600 }).map((s) => toEsmpDateTime(EPOCH_2020 + s * 1000));

export const unitArb = fc.constantFrom(...QUANTITY_UNITS);
export const resolutionArb = fc.constantFrom(...(Object.keys(RESOLUTION_MINUTES) as Resolution[]));

/** Text XML can carry, with the characters that need escaping and some non-ASCII. */
export const textArb = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom('a', 'Z', '0', ' ', '<', '>', '&', '"', "'", '\t', '\n', '\r', 'é', 'ø', '€', '漢', '😀', ']]>'), { maxLength: Math.min(maxLength, 40) })
    .map((parts) => parts.join('').slice(0, maxLength))
    // slice may cut a surrogate pair in two; such text is not valid and is never generated.
    .filter((text) => (text as string & { isWellFormed(): boolean }).isWellFormed());

export const reasonArb: fc.Arbitrary<Reason> = fc
  .tuple(fc.constantFrom(...(Object.keys(REASON_CODES) as ReasonCode[])), fc.option(textArb(512), { nil: undefined }))
  .map(([code, text]) => (text === undefined ? { code } : { code, text }));

/** A document period: whole hours, 1 hour to 2 days, anywhere 2020..2035. */
export const periodArb: fc.Arbitrary<TimeInterval> = fc
  .tuple(fc.integer({ min: 0, max: 15 * 365 * 24 }), fc.integer({ min: 1, max: 48 }))
  .map(([hour, hours]) => ({ start: toYmdhm(EPOCH_2020 + hour * 60 * MINUTE), end: toYmdhm(EPOCH_2020 + (hour + hours) * 60 * MINUTE) }));

/** A series within `period`: a resolution and an aligned sub-interval of at least one step. */
export function seriesShapeArb(period: TimeInterval): fc.Arbitrary<{ resolution: Resolution; interval: TimeInterval; steps: number }> {
  const start = Date.parse(period.start);
  const end = Date.parse(period.end);
  return resolutionArb.chain((resolution) => {
    const step = RESOLUTION_MINUTES[resolution] * MINUTE;
    const total = (end - start) / step;
    return fc
      .tuple(fc.integer({ min: 0, max: total - 1 }), fc.integer({ min: 1, max: total }))
      .map(([first, count]) => {
        const steps = Math.min(count, total - first);
        return { resolution, steps, interval: { start: toYmdhm(start + first * step), end: toYmdhm(start + (first + steps) * step) } };
      });
  });
}

/** Integer watts: mostly realistic, sometimes the extremes. */
export const wattsArb = (nonNegative: boolean): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: nonNegative ? 0 : -50_000_000, max: 50_000_000 }) },
    { weight: 1, arbitrary: nonNegative ? fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) : fc.maxSafeInteger() },
  );

export const pointsArb = (steps: number, nonNegative: boolean): fc.Arbitrary<number[]> =>
  fc.array(wattsArb(nonNegative), { minLength: steps, maxLength: steps });
