import { expect } from 'chai';
import fc from 'fast-check';
import { DocumentErrorCode } from '../errors/document-error.js';
import { exampleDocuments } from '../examples/example-documents.js';
import type { AcknowledgementDocument } from '../model/market-documents.types.js';
import { acknowledgementArb } from '../testing/document.arbitraries.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { parseAcknowledgement } from '../typed-parsers.js';
import { buildAcknowledgement } from './acknowledgement.builder.js';

const example = (): AcknowledgementDocument => structuredClone(exampleDocuments().acknowledgement.document as AcknowledgementDocument);

describe('acknowledgement (Acknowledgement_MarketDocument, 451-1)', () => {
  it('F1: parse(build(x)) deep-equals x for generated acknowledgements', () => {
    fc.assert(fc.property(acknowledgementArb, (doc) => void expect(parseAcknowledgement(buildAcknowledgement(doc))).to.deep.equal(doc)), { numRuns: 150 });
  });

  it('F1: the outcome is the first reason, A01 accepted or A02 rejected, then the detail', () => {
    const rejected = buildAcknowledgement(example());
    expect(rejected).to.match(/<Reason>\s*<code>A02<\/code>\s*<\/Reason>\s*<Reason>\s*<code>A51<\/code>/);
    expect(rejected).to.include('<received_MarketDocument.revisionNumber>2</received_MarketDocument.revisionNumber>');
    const accepted = buildAcknowledgement({ ...example(), accepted: true, reasons: [] });
    expect(accepted).to.match(/<Reason>\s*<code>A01<\/code>\s*<\/Reason>\s*<\/Acknowledgement_MarketDocument>/);
  });

  it('F1: a foreign acknowledgement without an outcome reason reads as rejected with all reasons', () => {
    const xml = buildAcknowledgement(example()).replace(/<Reason>\s*<code>A02<\/code>\s*<\/Reason>/, '');
    const parsed = parseAcknowledgement(xml);
    expect(parsed.accepted).to.equal(false);
    expect(parsed.reasons.map((r) => r.code)).to.deep.equal(['A51']);
  });

  it('F1: reason texts are limited to 512 characters and codes to the 451-1 list', () => {
    expectDocumentError(() => buildAcknowledgement({ ...example(), reasons: [{ code: 'A51', text: 'x'.repeat(513) }] }), DocumentErrorCode.InvalidContent);
    expectDocumentError(() => buildAcknowledgement({ ...example(), reasons: [{ code: 'X1' as 'A51' }] }), DocumentErrorCode.InvalidContent);
    expectDocumentError(() => buildAcknowledgement({ ...example(), reasons: [{ code: 'A51', text: 'bell \u0007' }] }), DocumentErrorCode.InvalidContent);
    expectDocumentError(() => buildAcknowledgement({ ...example(), received: { mRID: 'r', revisionNumber: 0 } }), DocumentErrorCode.InvalidContent);
  });
});
