import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDocument } from './build-document.js';
import { DocumentError, DocumentErrorCode } from './errors/document-error.js';
import { exampleDocuments } from './examples/example-documents.js';
import { parseDocument } from './parse-document.js';
import type { ReasonCode } from './codes/reason-codes.js';
import { expectDocumentError } from './testing/expect-document-error.js';

const HOSTILE = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const E = DocumentErrorCode;

// Every file in fixtures/hostile/ with the typed error it must produce.
const EXPECTED: Record<string, [DocumentErrorCode, ReasonCode]> = {
  'xxe-external-entity.xml': [E.ForbiddenMarkup, 'A94'],
  'xxe-parameter-entity.xml': [E.ForbiddenMarkup, 'A94'],
  'external-dtd.xml': [E.ForbiddenMarkup, 'A94'],
  'billion-laughs.xml': [E.ForbiddenMarkup, 'A94'],
  'quadratic-blowup.xml': [E.ForbiddenMarkup, 'A94'],
  'doctype-after-comment.xml': [E.ForbiddenMarkup, 'A94'],
  'undeclared-entity.xml': [E.NotWellFormed, 'A94'],
  'declared-latin1.xml': [E.UnsupportedEncoding, 'A94'],
  'not-well-formed.xml': [E.NotWellFormed, 'A94'],
  'wrong-namespace.xml': [E.UnknownDocument, 'A94'],
  'no-namespace.xml': [E.UnknownDocument, 'A94'],
  'wrong-root.xml': [E.UnknownDocument, 'A94'],
  'xinclude.xml': [E.SchemaInvalid, '999'],
  'schema-missing-element.xml': [E.SchemaInvalid, '999'],
  'schema-bad-code.xml': [E.SchemaInvalid, '999'],
  'unknown-local-code.xml': [E.SchemaInvalid, '999'],
  'asset-list-with-operator.xml': [E.SchemaInvalid, '999'],
  'invalid-calendar-date.xml': [E.SchemaInvalid, '999'],
  'negative-capacity.xml': [E.SchemaInvalid, '999'],
  'bad-eic-check.xml': [E.InvalidIdentifier, 'A78'],
  'bad-gsrn-check.xml': [E.InvalidIdentifier, 'A64'],
  'positions-gap.xml': [E.InvalidPositions, 'A49'],
  'points-count-mismatch.xml': [E.InvalidPositions, 'A49'],
  'resolution-misaligned.xml': [E.InvalidResolution, 'A41'],
  'non-integral-watts.xml': [E.InvalidQuantity, 'A42'],
  'interval-reversed.xml': [E.InvalidTime, 'A04'],
  'series-outside-period.xml': [E.InvalidTime, 'A04'],
  'duplicate-series-mrid.xml': [E.DuplicateIdentifier, 'A55'],
};

/** parseDocument must either return or throw a DocumentError, and quickly. */
function onlyTypedErrors(input: string | Uint8Array): void {
  const started = performance.now();
  try {
    parseDocument(input);
  } catch (error) {
    if (!(error instanceof DocumentError)) throw new Error(`untyped throw: ${String(error)}`);
  }
  expect(performance.now() - started, 'never hangs').to.be.below(2000);
}

describe('hostile input', () => {
  it('F1: every hostile fixture has an expected typed error', () => {
    expect(readdirSync(HOSTILE).sort()).to.deep.equal(Object.keys(EXPECTED).sort());
  });

  for (const [file, [code, reason]] of Object.entries(EXPECTED)) {
    it(`F1: ${file} is refused with ${code} / reason ${reason}`, () => {
      const bytes = readFileSync(join(HOSTILE, file));
      const error = expectDocumentError(() => parseDocument(bytes), code, reason);
      expect(error.message).to.be.a('string').and.not.equal('');
      // The same verdict for text input.
      expectDocumentError(() => parseDocument(bytes.toString('utf8')), code, reason);
    });
  }

  it('F1: DTDs are refused before libxml2 parses anything (entity expansion never starts)', () => {
    const started = performance.now();
    const error = expectDocumentError(() => parseDocument(readFileSync(join(HOSTILE, 'billion-laughs.xml'))), E.ForbiddenMarkup);
    expect(error.message).to.include('<!DOCTYPE');
    expect(error.cause, 'raised by the guard, not by libxml2').to.equal(undefined);
    expect(performance.now() - started).to.be.below(1000);
  });

  it('F1: xsi:schemaLocation hints are ignored (nothing is fetched, the compiled profile decides)', () => {
    const xml = buildDocument(exampleDocuments().schedule).replace(
      'generationloaddocument:3:2">',
      'generationloaddocument:3:2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:iec62325.351:tc57wg16:451-6:generationloaddocument:3:2 http://attacker.example/lax.xsd">',
    );
    expect(xml).to.include('attacker.example');
    expect(parseDocument(xml).kind).to.equal('schedule');
  });

  it('F1: UTF-16/32 input, NUL bytes and unpaired surrogates are refused', () => {
    const xml = buildDocument(exampleDocuments().acknowledgement);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('UTF-8', 'UTF-16'), 'utf16le')]);
    expectDocumentError(() => parseDocument(utf16), E.UnsupportedEncoding, 'A94');
    expectDocumentError(() => parseDocument(Buffer.from(xml, 'utf16le')), E.UnsupportedEncoding, 'A94');
    expectDocumentError(() => parseDocument(xml.replace('ack-0001', 'ack-\uD800')), E.UnsupportedEncoding, 'A94');
  });

  it('F1: invalid UTF-8 bytes are not well-formed; a UTF-8 byte order mark is fine', () => {
    const xml = Buffer.from(buildDocument(exampleDocuments().acknowledgement));
    const broken = Buffer.concat([xml.subarray(0, 200), Buffer.from([0xc3, 0x28]), xml.subarray(200)]);
    expectDocumentError(() => parseDocument(broken), E.NotWellFormed, 'A94');
    expect(parseDocument(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), xml])).kind).to.equal('acknowledgement');
  });

  it('F1: the size limit is configurable and applies to text and bytes', () => {
    const xml = buildDocument(exampleDocuments().schedule);
    expectDocumentError(() => parseDocument(xml, { maxBytes: 1000 }), E.TooLarge, 'A94');
    expectDocumentError(() => parseDocument(Buffer.from(xml), { maxBytes: 1000 }), E.TooLarge, 'A94');
    expect(parseDocument(xml, { maxBytes: xml.length }).kind).to.equal('schedule');
    const big = xml.replace('<mRID>ts-1</mRID>', `<mRID>ts-1</mRID><!-- ${'x'.repeat(5 * 1024 * 1024)} -->`);
    expectDocumentError(() => parseDocument(big), E.TooLarge, 'A94');
  });

  it('F1: deep nesting, empty and non-text input end in typed errors', () => {
    expectDocumentError(() => parseDocument(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`), E.NotWellFormed);
    expectDocumentError(() => parseDocument(''), E.NotWellFormed);
    expectDocumentError(() => parseDocument(42 as unknown as string), E.NotWellFormed);
  });

  it('F1: arbitrary text never produces an untyped throw or a hang', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), onlyTypedErrors), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), onlyTypedErrors), { numRuns: 300 });
  });

  it('F1: corrupted valid documents never produce an untyped throw or a hang', () => {
    const docs = Object.values(exampleDocuments()).map((doc) => Buffer.from(buildDocument(doc)));
    fc.assert(
      fc.property(fc.constantFrom(...docs), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (doc, edits) => {
        const corrupted = Buffer.from(doc);
        for (const [at, value] of edits) corrupted[at % corrupted.length] = value;
        onlyTypedErrors(corrupted);
      }),
      { numRuns: 500 },
    );
  });
});
