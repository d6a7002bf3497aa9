import { expect } from 'chai';
import fc from 'fast-check';
import { DocumentErrorCode } from '../errors/document-error.js';
import { exampleDocuments, EXAMPLE_PARTIES } from '../examples/example-documents.js';
import type { StatusRequestDocument } from '../model/market-documents.types.js';
import { statusRequestArb } from '../testing/document.arbitraries.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { parseStatusRequest } from '../typed-parsers.js';
import { buildStatusRequest } from './status-request.builder.js';

const example = (): StatusRequestDocument => structuredClone(exampleDocuments()['status-request'].document as StatusRequestDocument);

describe('status request (StatusRequest_MarketDocument)', () => {
  it('F5/F9: parse(build(x)) deep-equals x for generated requests', () => {
    fc.assert(fc.property(statusRequestArb, (doc) => void expect(parseStatusRequest(buildStatusRequest(doc))).to.deep.equal(doc)), { numRuns: 150 });
  });

  it('F5: an asset-list request carries the DSO as sender and DocumentType A95', () => {
    const doc: StatusRequestDocument = { ...example(), requested: 'asset-list', assetIds: [] };
    delete doc.interval;
    const xml = buildStatusRequest(doc);
    expect(xml).to.include('<type>A59</type>');
    expect(xml).to.include(`<sender_MarketParticipant.mRID codingScheme="A01">${EXAMPLE_PARTIES.dso.mRID}</sender_MarketParticipant.mRID>`);
    expect(xml).to.match(/<attribute>DocumentType<\/attribute>\s*<attributeValue>A95<\/attributeValue>/);
    expect(parseStatusRequest(xml)).to.deep.equal(doc);
  });

  it('F9: a schedule request names assets and a time window', () => {
    const xml = buildStatusRequest(example());
    expect(xml).to.match(/<attributeValue>A67<\/attributeValue>/);
    expect(xml).to.include('<attributeValue>2026-03-02T00:00Z/2026-03-03T00:00Z</attributeValue>');
    expect(xml.match(/<attribute>RegisteredResource<\/attribute>/g)).to.have.length(2);
  });

  it('F9: a request needs exactly one DocumentType and at most one TimeInterval', () => {
    const xml = buildStatusRequest(example());
    const twice = xml.replace('</StatusRequest_MarketDocument>', '<AttributeInstanceComponent><attribute>DocumentType</attribute><attributeValue>A95</attributeValue></AttributeInstanceComponent></StatusRequest_MarketDocument>');
    expectDocumentError(() => parseStatusRequest(twice), DocumentErrorCode.InvalidContent);
    expectDocumentError(() => parseStatusRequest(xml.replace('<attributeValue>A67</attributeValue>', '<attributeValue>A99</attributeValue>')), DocumentErrorCode.InvalidContent);
    expectDocumentError(() => parseStatusRequest(xml.replace('2026-03-02T00:00Z/2026-03-03T00:00Z', '2026-03-02T00:00Z')), DocumentErrorCode.InvalidTime, 'A04');
    expectDocumentError(() => buildStatusRequest({ ...example(), requested: 'limits' as 'schedules' }), DocumentErrorCode.InvalidContent);
  });
});
