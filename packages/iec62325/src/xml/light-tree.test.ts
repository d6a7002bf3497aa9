import { expect } from 'chai';
import { ParseOption, XmlDocument } from 'libxml2-wasm';
import { buildDocument } from '../build-document.js';
import { exampleDocuments, exampleVariants } from '../examples/example-documents.js';
import { HAVE_INTERNALS, lightTree, lightTreeViaPublicApi } from './light-tree.js';

describe('light tree (reading the validated libxml2 tree once)', () => {
  it('F1: the struct-level walk equals the public-API walk for every example, pretty and compact', () => {
    for (const doc of [...Object.values(exampleDocuments()), ...Object.values(exampleVariants())]) {
      for (const pretty of [true, false]) {
        const xml = XmlDocument.fromString(buildDocument(doc, { pretty }));
        try {
          // The fast path needs libxml2-wasm's struct accessors and the wrapper's node pointer;
          // without them lightTree would fall back and this comparison would prove nothing.
          expect(HAVE_INTERNALS).to.equal(true);
          expect(typeof (xml.root as unknown as { _nodePtr: unknown })._nodePtr).to.equal('number');
          expect(lightTree(xml.root)).to.deep.equal(lightTreeViaPublicApi(xml.root));
        } finally {
          xml.dispose();
        }
      }
    }
  });

  it('F1: leaf text joins text and CDATA, skips comments, keeps whitespace', () => {
    const xml = XmlDocument.fromString('<a><b> x<!-- c --><![CDATA[<y>]]>&amp;z </b><c><d/></c></a>');
    try {
      const tree = lightTree(xml.root);
      expect(tree).to.deep.equal({
        name: 'a',
        text: '',
        children: [
          { name: 'b', text: ' x<y>&z ', children: [] },
          { name: 'c', text: '', children: [{ name: 'd', text: '', children: [] }] },
        ],
      });
      expect(lightTreeViaPublicApi(xml.root)).to.deep.equal(tree);
    } finally {
      xml.dispose();
    }
  });

  it('F1: reads leaf text straight from the text node, as the receiving pipeline parses (short, long, entity, empty, mixed)', () => {
    // The options parseDocument uses; short texts are stored inside the node, long ones outside.
    const options = { encoding: 'utf-8', option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE };
    const long = 'é'.repeat(300);
    const source = `<a><b>1</b><c>${long}</c><d>x &amp; y &lt; z</d><e/><f></f><g>a<!-- k -->b</g><b>-42</b></a>`;
    const xml = XmlDocument.fromBuffer(new TextEncoder().encode(source), options);
    try {
      const tree = lightTree(xml.root);
      expect(tree.children.map((c) => [c.name, c.text])).to.deep.equal([
        ['b', '1'],
        ['c', long],
        ['d', 'x & y < z'],
        ['e', ''],
        ['f', ''],
        ['g', 'ab'],
        ['b', '-42'],
      ]);
      expect(lightTreeViaPublicApi(xml.root)).to.deep.equal(tree);
    } finally {
      xml.dispose();
    }
  });
});
