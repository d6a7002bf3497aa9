import { expect } from 'chai';
import { XmlDocument } from 'libxml2-wasm';
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
});
