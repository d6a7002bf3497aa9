import { expect } from 'chai';
import { XmlDocument } from 'libxml2-wasm';
import { DocumentErrorCode } from '../errors/document-error.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { escapeXml, XmlWriter } from './xml-writer.js';

describe('XML writer', () => {
  it('F1: escapes markup characters and keeps carriage returns through a parse, compact and pretty', () => {
    const text = `a < b && c > "d" 'e'\r\n\tü😀`;
    for (const pretty of [false, true]) {
      const xml = new XmlWriter({ pretty }).root('r', 'urn:x').leaf('t', text, { name: 'k', value: 'A"1' }).close('r').toString();
      const doc = XmlDocument.fromString(xml);
      try {
        // Pretty output puts an indentation text node before the element.
        const t = pretty ? doc.root.firstChild?.next : doc.root.firstChild;
        expect(t?.content, `pretty: ${pretty}`).to.equal(text);
      } finally {
        doc.dispose();
      }
    }
  });

  it('F1: refuses characters XML 1.0 cannot carry instead of dropping them', () => {
    for (const bad of ['\u0000', '\u0008', '\u001F', '\uFFFE', '\uD800', 'x\uDC00']) {
      expectDocumentError(() => escapeXml(bad, 'name'), DocumentErrorCode.InvalidContent);
    }
    expect(escapeXml('\uD83D\uDE00')).to.equal('😀');
  });

  it('F1: pretty output indents, compact output has no whitespace between elements', () => {
    const build = (pretty: boolean): string => new XmlWriter({ pretty }).root('r', 'urn:x').open('a').leaf('b', '1').close('a').close('r').toString();
    expect(build(true)).to.equal('<?xml version="1.0" encoding="UTF-8"?>\n<r xmlns="urn:x">\n  <a>\n    <b>1</b>\n  </a>\n</r>\n');
    expect(build(false)).to.equal('<?xml version="1.0" encoding="UTF-8"?><r xmlns="urn:x"><a><b>1</b></a></r>');
  });
});
