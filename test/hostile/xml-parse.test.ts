// F1 hostile input, wire level: every XML case of the corpus through parseDocument. Each must end
// in a typed DocumentError with its 451-1 reason code — never another throw, never a hang (each
// case runs under its own mocha timeout; no time is measured in assertions).
import { expect } from 'chai';
import { DocumentError, parseDocument } from '../../packages/iec62325/src/index.js';
import { xmlBytes, xmlCases, type XmlCase } from './support/corpus.js';
import { record, recordGroup } from './support/summary.js';

const GROUP = 'xml-parse';

function expectTypedError(c: Pick<XmlCase, 'file' | 'expect'>, bytes: Uint8Array | string): DocumentError {
  let thrown: unknown;
  try {
    parseDocument(bytes);
  } catch (err) {
    thrown = err;
  }
  const outcome = { case: c.file, clearError: false, crashed: false, stateChanged: false, detail: '' };
  try {
    expect(thrown, 'parseDocument must refuse the case').to.not.equal(undefined);
    expect(thrown, `only DocumentError escapes (got ${String(thrown)})`).to.be.instanceOf(DocumentError);
    const e = thrown as DocumentError;
    outcome.detail = `${e.code}/${e.reasonCode}`;
    expect(c.expect.code.split('|'), `code (${e.message})`).to.include(e.code);
    expect(c.expect.reasonCodes, `451-1 reason code (${e.message})`).to.include(e.reasonCode);
    expect(e.message).to.be.a('string').and.not.equal('');
    outcome.clearError = true;
    return e;
  } catch (err) {
    outcome.crashed = !(thrown instanceof DocumentError) && thrown !== undefined;
    outcome.detail ||= String(thrown);
    throw err;
  } finally {
    record(GROUP, outcome);
  }
}

describe('F1 hostile XML corpus through parseDocument (test/hostile/corpus/xml)', () => {
  recordGroup(GROUP, 'XML documents through parseDocument');
  const cases = xmlCases();

  it('F1: the corpus holds at least 120 XML cases, each naming what it proves', () => {
    expect(cases.length).to.be.at.least(120);
    for (const c of cases) expect(c.proves, c.file).to.be.a('string').with.length.greaterThan(10);
  });

  for (const c of cases) {
    it(`F1: ${c.file} — ${c.proves}`, function () {
      this.timeout(5_000);
      expectTypedError(c, xmlBytes(c));
    });
  }

  it('F1: generated/50mb-body (made at test time) — a 50 MB document is refused as too large before parsing', function () {
    this.timeout(10_000);
    const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<GL_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-6:generationloaddocument:3:2"><mRID>');
    const body = Buffer.alloc(50 * 1024 * 1024, 0x41);
    const bytes = Buffer.concat([head, body, Buffer.from('</mRID></GL_MarketDocument>')]);
    expectTypedError({ file: 'generated-at-test-time/50mb-body.xml', expect: { code: 'DOCUMENT_TOO_LARGE', reasonCodes: ['A94'] } }, bytes);
    // The same as text (a string is measured before it is encoded).
    expectTypedError({ file: 'generated-at-test-time/50mb-body-as-string.xml', expect: { code: 'DOCUMENT_TOO_LARGE', reasonCodes: ['A94'] } }, bytes.toString('latin1'));
  });
});
