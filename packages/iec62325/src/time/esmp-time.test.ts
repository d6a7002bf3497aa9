import { expect } from 'chai';
import { DocumentErrorCode } from '../errors/document-error.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { checkWithin, expectedPointCount, intervalBounds, parseEsmpDateTime, parseYmdhm, toEsmpDateTime, toYmdhm } from './esmp-time.js';

describe('ESMP times and intervals', () => {
  it('F1: parses YYYY-MM-DDTHH:MMZ and YYYY-MM-DDTHH:MM:SSZ as UTC instants', () => {
    expect(parseYmdhm('2024-02-29T23:45Z')).to.equal(Date.UTC(2024, 1, 29, 23, 45));
    expect(parseEsmpDateTime('2026-03-01T09:30:15Z')).to.equal(Date.UTC(2026, 2, 1, 9, 30, 15));
    expect(toYmdhm(Date.UTC(2026, 2, 1, 9, 30, 59, 999))).to.equal('2026-03-01T09:30Z');
    expect(toEsmpDateTime(new Date(Date.UTC(2026, 2, 1, 9, 30, 15, 500)))).to.equal('2026-03-01T09:30:15Z');
  });

  it('F1: rejects other forms and impossible dates with reason A04', () => {
    for (const bad of ['2025-02-29T00:00Z', '2026-04-31T00:00Z', '2026-03-01T24:00Z', '2026-03-01T10:00', '2026-03-01T10:00:00Z', '2026-03-01T10:00+01:00']) {
      expectDocumentError(() => parseYmdhm(bad), DocumentErrorCode.InvalidTime, 'A04');
    }
    expectDocumentError(() => parseEsmpDateTime('2026-03-01T10:00:60Z'), DocumentErrorCode.InvalidTime, 'A04');
    expectDocumentError(() => intervalBounds({ start: '2026-03-02T00:00Z', end: '2026-03-02T00:00Z' }, 'period'), DocumentErrorCode.InvalidTime, 'A04');
  });

  it('F8: a day has 96 quarter hours and 24 hours; a DST day in UTC is still 24 hours', () => {
    expect(expectedPointCount({ start: '2026-03-29T00:00Z', end: '2026-03-30T00:00Z' }, 'PT15M', 'p')).to.equal(96);
    expect(expectedPointCount({ start: '2026-03-29T00:00Z', end: '2026-03-30T00:00Z' }, 'PT60M', 'p')).to.equal(24);
  });

  it('F8: an interval not aligned to the resolution, or an unknown resolution, is reason A41', () => {
    expectDocumentError(() => expectedPointCount({ start: '2026-03-02T00:10Z', end: '2026-03-02T01:10Z' }, 'PT15M', 'p'), DocumentErrorCode.InvalidResolution, 'A41');
    expectDocumentError(() => expectedPointCount({ start: '2026-03-02T00:15Z', end: '2026-03-02T01:15Z' }, 'PT60M', 'p'), DocumentErrorCode.InvalidResolution, 'A41');
    expectDocumentError(() => expectedPointCount({ start: '2026-03-02T00:00Z', end: '2026-03-02T01:00Z' }, 'PT1H' as 'PT60M', 'p'), DocumentErrorCode.InvalidResolution, 'A41');
  });

  it('F6: a series interval must lie within the document period', () => {
    const period = { start: '2026-03-02T00:00Z', end: '2026-03-03T00:00Z' };
    checkWithin({ start: '2026-03-02T06:00Z', end: '2026-03-02T08:00Z' }, period, 's', 'period');
    expectDocumentError(() => checkWithin({ start: '2026-03-01T23:00Z', end: '2026-03-02T08:00Z' }, period, 's', 'period'), DocumentErrorCode.InvalidTime, 'A04');
  });
});
