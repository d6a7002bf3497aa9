import { expect } from 'chai';
import { buildDocument } from './build-document.js';
import { DocumentErrorCode } from './errors/document-error.js';
import { exampleDocuments } from './examples/example-documents.js';
import { parseDocument, validateDocument, validateSchemaOnly } from './parse-document.js';
import { DOCUMENT_KINDS } from './schema/document-kinds.js';
import { compileProfiles, disposeProfiles } from './schema/profile-validators.js';
import { expectDocumentError } from './testing/expect-document-error.js';
import { parseAcknowledgement, parseSchedule } from './typed-parsers.js';

describe('parseDocument / validateDocument', () => {
  const examples = exampleDocuments();

  it('F1: detects the kind of every document from its root element and namespace', () => {
    for (const kind of DOCUMENT_KINDS) {
      const xml = buildDocument(examples[kind]);
      expect(parseDocument(xml)).to.deep.equal(examples[kind]);
      expect(parseDocument(new TextEncoder().encode(xml)).kind).to.equal(kind);
      expect(validateDocument(xml)).to.deep.equal({ valid: true, kind });
      expect(validateSchemaOnly(xml)).to.equal(kind);
    }
  });

  it('F1: a kind-specific parser refuses another valid kind', () => {
    const ack = buildDocument(examples.acknowledgement);
    expect(parseAcknowledgement(ack).mRID).to.equal('ack-0001');
    expectDocumentError(() => parseSchedule(ack), DocumentErrorCode.WrongKind, 'A94');
  });

  it('F1: validateDocument reports the typed error instead of throwing', () => {
    const result = validateDocument('<GL_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-6:generationloaddocument:3:2"/>');
    expect(result.valid).to.equal(false);
    if (result.valid) return;
    expect(result.error.code).to.equal(DocumentErrorCode.SchemaInvalid);
    expect(result.error.reasonCode).to.equal('A69');
    expect(result.error.message).to.include('Missing child element');
  });

  it('F1: schema errors name the element and line', () => {
    const xml = buildDocument(examples.schedule).replace('<quantity>1.5</quantity>', '<quantity>lots</quantity>');
    const error = expectDocumentError(() => parseDocument(xml), DocumentErrorCode.SchemaInvalid);
    expect(error.message).to.include("Element 'quantity'");
    expect(error.field).to.match(/^line \d+$/);
  });

  it('F1: profiles compile once and can be freed and recompiled', () => {
    compileProfiles();
    disposeProfiles();
    expect(parseDocument(buildDocument(examples['asset-list'])).kind).to.equal('asset-list');
  });
});
