import { expect } from 'chai';
import fc from 'fast-check';
import { DocumentErrorCode } from '../errors/document-error.js';
import { exampleDocuments, exampleVariants, EXAMPLE_ASSETS } from '../examples/example-documents.js';
import type { CapacityLimitDocument, ForeseenLimitDocument, GrantLimitDocument, UnforeseenLimitDocument } from '../model/market-documents.types.js';
import { validateSchemaOnly } from '../parse-document.js';
import { capacityLimitArb } from '../testing/document.arbitraries.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { parseCapacityLimit } from '../typed-parsers.js';
import { buildCapacityLimit } from './capacity-limit.builder.js';

const foreseen = (): ForeseenLimitDocument => structuredClone(exampleDocuments()['capacity-limit'].document as ForeseenLimitDocument);
const unforeseen = (): UnforeseenLimitDocument => structuredClone(exampleVariants()['capacity-limit.unforeseen']!.document as UnforeseenLimitDocument);
const grant = (): GrantLimitDocument => structuredClone(exampleVariants()['capacity-limit.grant']!.document as GrantLimitDocument);

describe('capacity limit (Unavailability_MarketDocument)', () => {
  it('F6/F7: parse(build(x)) deep-equals x for foreseen limits, grants and unforeseen signals, active and cancelled', () => {
    fc.assert(
      fc.property(capacityLimitArb, fc.boolean(), (doc, pretty) => {
        expect(parseCapacityLimit(buildCapacityLimit(doc, { pretty }))).to.deep.equal(doc);
      }),
      { numRuns: 150 },
    );
  });

  it('F6: a foreseen limit is process A15, businessType C79, direction as psrType A04/A05, capacity in Available_Period', () => {
    const xml = buildCapacityLimit(foreseen());
    expect(xml).to.include('<process.processType>A15</process.processType>');
    expect(xml).to.include('<businessType>C79</businessType>');
    expect(xml).to.include('<production_RegisteredResource.pSRType.psrType>A04</production_RegisteredResource.pSRType.psrType>');
    expect(xml).to.include('<production_RegisteredResource.pSRType.psrType>A05</production_RegisteredResource.pSRType.psrType>');
    expect(xml).to.include('<quantity>6.5</quantity>');
    expect(xml).to.include('<docStatus><value>A05</value>');
  });

  it('F6: an unforeseen issue is process A26 with the local action codes Z01 start, Z02 stop, Z03 hold until the period end', () => {
    const doc = unforeseen();
    const xml = buildCapacityLimit(doc);
    expect(xml).to.include('<process.processType>A26</process.processType>');
    for (const code of ['Z01', 'Z02', 'Z03']) expect(xml).to.include(`<businessType>${code}</businessType>`);
    expect(xml).not.to.include('Available_Period');
    expect(xml).to.include('<end_DateAndOrTime.time>09:00:00Z</end_DateAndOrTime.time>');
    const parsed = parseCapacityLimit(xml) as UnforeseenLimitDocument;
    expect(parsed.period.end, 'until').to.equal('2026-03-02T09:00Z');
    expect(parsed.series.map((s) => s.action)).to.deep.equal(['stop', 'start', 'hold']);
  });

  it('F6a: grants are process A07, one asset per series, integer watts per step', () => {
    const xml = buildCapacityLimit(grant());
    expect(xml).to.include('<process.processType>A07</process.processType>');
    expect(parseCapacityLimit(xml)).to.deep.equal(grant());
    const twoAssets = xml.replace('</Asset_RegisteredResource>', `</Asset_RegisteredResource><Asset_RegisteredResource><mRID codingScheme="A01">${EXAMPLE_ASSETS.solar}</mRID></Asset_RegisteredResource>`);
    expect(() => validateSchemaOnly(twoAssets)).not.to.throw();
    expectDocumentError(() => parseCapacityLimit(twoAssets), DocumentErrorCode.InvalidContent);
  });

  it('F6b: a cancellation is a new revision with docStatus A09 and may omit the series', () => {
    const doc = exampleVariants()['capacity-limit.cancelled']!.document as CapacityLimitDocument;
    const xml = buildCapacityLimit(doc);
    expect(xml).to.include('<value>A09</value>');
    expect(parseCapacityLimit(xml)).to.deep.equal(doc);
    expectDocumentError(() => buildCapacityLimit({ ...foreseen(), series: [] }), DocumentErrorCode.InvalidContent, 'A69');
  });

  it('F6: series kinds must match the process: a local code in a foreseen limit or a C79 in an unforeseen one is A62', () => {
    const foreseenXml = buildCapacityLimit(foreseen());
    expectDocumentError(() => parseCapacityLimit(foreseenXml.replace('<businessType>C79</businessType>', '<businessType>Z02</businessType>')), DocumentErrorCode.InvalidContent, 'A62');
    const unforeseenXml = buildCapacityLimit(unforeseen());
    expectDocumentError(() => parseCapacityLimit(unforeseenXml.replace('<businessType>Z02</businessType>', '<businessType>C79</businessType>')), DocumentErrorCode.InvalidContent, 'A62');
  });

  it('F6: series start/end date and time must equal the series interval', () => {
    const xml = buildCapacityLimit(foreseen()).replace('<start_DateAndOrTime.time>06:00:00Z', '<start_DateAndOrTime.time>06:15:00Z');
    expectDocumentError(() => parseCapacityLimit(xml), DocumentErrorCode.InvalidTime, 'A04');
  });

  it('F6: the builder refuses negative capacity, unknown actions and assets that are not W-codes', () => {
    const doc = foreseen();
    const s0 = doc.series[0]!;
    expectDocumentError(() => buildCapacityLimit({ ...doc, series: [{ ...s0, availableW: [-1, 0] }] }), DocumentErrorCode.InvalidQuantity, 'A42');
    expectDocumentError(() => buildCapacityLimit({ ...doc, series: [{ ...s0, assetIds: [] }] }), DocumentErrorCode.InvalidContent, 'A69');
    expectDocumentError(() => buildCapacityLimit({ ...doc, series: [{ ...s0, assetIds: [s0.assetIds[0]!, s0.assetIds[0]!] }] }), DocumentErrorCode.DuplicateIdentifier, 'A55');
    const u = unforeseen();
    expectDocumentError(() => buildCapacityLimit({ ...u, series: [{ ...u.series[0]!, action: 'pause' as 'stop' }] }), DocumentErrorCode.InvalidContent, 'A62');
    expectDocumentError(() => buildCapacityLimit({ ...u, series: [{ ...u.series[0]!, direction: 'sideways' as 'production' }] }), DocumentErrorCode.InvalidContent);
    expectDocumentError(() => buildCapacityLimit({ ...doc, reasons: [{ code: 'Z99' as 'B24' }] }), DocumentErrorCode.InvalidContent);
  });
});
