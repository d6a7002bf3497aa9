import { expect } from 'chai';
import fc from 'fast-check';
import { DocumentErrorCode } from '../errors/document-error.js';
import { exampleDocuments } from '../examples/example-documents.js';
import { makeEic } from '../identifiers/eic.js';
import type { ScheduleDocument } from '../model/market-documents.types.js';
import { validateSchemaOnly } from '../parse-document.js';
import { scheduleArb } from '../testing/document.arbitraries.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { parseSchedule } from '../typed-parsers.js';
import { buildSchedule } from './schedule.builder.js';

const example = (): ScheduleDocument => structuredClone(exampleDocuments().schedule.document as ScheduleDocument);

describe('schedule (GL_MarketDocument)', () => {
  it('F8: parse(build(x)) deep-equals x for generated schedules, pretty and compact', () => {
    fc.assert(
      fc.property(scheduleArb, fc.boolean(), (doc, pretty) => {
        expect(parseSchedule(buildSchedule(doc, { pretty }))).to.deep.equal(doc);
      }),
      { numRuns: 150 },
    );
  });

  it('F8: signed watts are one A07 series per asset: + production, - consumption, in KWT or MAW', () => {
    const xml = buildSchedule(example());
    expect(xml).to.include('<businessType>A07</businessType>');
    expect(xml).to.include('<objectAggregation>A06</objectAggregation>');
    expect(xml).to.include('<quantity>-5</quantity>'); // -5000 W charging
    expect(xml).to.include('<quantity>4.999</quantity>'); // 4999 W discharging
    const maw = buildSchedule({ ...example(), unit: 'MAW' });
    expect(maw).to.include('<quantity>-0.005</quantity>');
    expect(parseSchedule(maw).series).to.deep.equal(example().series);
  });

  it('F8: a cancelled series is explicit (cancelledTS A01, no Period) in a new revision', () => {
    const doc = example();
    const xml = buildSchedule(doc);
    expect(xml).to.match(/<cancelledTS>A01<\/cancelledTS>\s*<\/TimeSeries>/);
    expect(parseSchedule(xml).series[2]).to.deep.equal({ mRID: 'ts-3', assetId: doc.series[2]!.assetId, cancelled: true });
    const withPeriod = xml.replace(/<cancelledTS>A01<\/cancelledTS>/, '$&<Period><timeInterval><start>2026-03-02T06:00Z</start><end>2026-03-02T07:00Z</end></timeInterval><resolution>PT60M</resolution><Point><position>1</position><quantity>1</quantity></Point></Period>');
    expect(() => validateSchemaOnly(withPeriod)).not.to.throw();
    expectDocumentError(() => parseSchedule(withPeriod), DocumentErrorCode.InvalidContent);
  });

  it('F8: the builder refuses what peers would reject, with the 451-1 reason', () => {
    const doc = example();
    const series0 = doc.series[0]!;
    if (series0.cancelled) throw new Error('example changed');
    expectDocumentError(() => buildSchedule({ ...doc, series: [{ ...series0, pointsW: series0.pointsW.slice(1) }] }), DocumentErrorCode.InvalidPositions, 'A49');
    expectDocumentError(() => buildSchedule({ ...doc, series: [{ ...series0, pointsW: [...series0.pointsW.slice(1), 0.5] }] }), DocumentErrorCode.InvalidQuantity, 'A42');
    expectDocumentError(() => buildSchedule({ ...doc, series: [{ ...series0, assetId: makeEic('10X', 'NOT-AN-ASSET') }] }), DocumentErrorCode.InvalidIdentifier, 'A64');
    expectDocumentError(() => buildSchedule({ ...doc, sender: { ...doc.sender, mRID: '10XAGR-ALPHA---3' } }), DocumentErrorCode.InvalidIdentifier, 'A78');
    expectDocumentError(() => buildSchedule({ ...doc, receiver: { ...doc.receiver, mRID: 'nope' } }), DocumentErrorCode.InvalidIdentifier, 'A53');
    expectDocumentError(() => buildSchedule({ ...doc, period: { start: '2026-03-02T07:00Z', end: '2026-03-03T00:00Z' } }), DocumentErrorCode.InvalidTime, 'A04');
    expectDocumentError(() => buildSchedule({ ...doc, series: [series0, { ...series0, assetId: doc.series[1]!.assetId }] }), DocumentErrorCode.DuplicateIdentifier, 'A55');
    expectDocumentError(() => buildSchedule({ ...doc, series: [] }), DocumentErrorCode.InvalidContent, 'A69');
    expectDocumentError(() => buildSchedule({ ...doc, revisionNumber: 1000 }), DocumentErrorCode.InvalidContent);
    expectDocumentError(() => buildSchedule({ ...doc, mRID: 'has space' }), DocumentErrorCode.InvalidIdentifier);
  });

  it('F9: the error names the offending field', () => {
    const doc = example();
    const series0 = doc.series[0]!;
    if (series0.cancelled) throw new Error('example changed');
    const error = expectDocumentError(() => buildSchedule({ ...doc, series: [{ ...series0, pointsW: [1, 2, 3, 4, 5, 6, 7, -Infinity] }] }), DocumentErrorCode.InvalidQuantity);
    expect(error.field).to.equal('GL_MarketDocument/TimeSeries[1]/Period/Point[8]');
    expect(error.message).to.include('Point[8]');
  });
});
