import { expect } from 'chai';
import fc from 'fast-check';
import { DocumentErrorCode } from '../errors/document-error.js';
import { exampleDocuments, EXAMPLE_PARTIES } from '../examples/example-documents.js';
import type { AssetListDocument, ListedAsset } from '../model/registration-documents.types.js';
import { assetListArb } from '../testing/document.arbitraries.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { parseAssetList } from '../typed-parsers.js';
import { buildAssetList } from './asset-list.builder.js';

const example = (): AssetListDocument => structuredClone(exampleDocuments()['asset-list'].document as AssetListDocument);

describe('asset list (project document)', () => {
  it('F5: parse(build(x)) deep-equals x for generated lists, including empty ones', () => {
    fc.assert(fc.property(assetListArb, (doc) => void expect(parseAssetList(buildAssetList(doc))).to.deep.equal(doc)), { numRuns: 150 });
  });

  it('F5: lists each asset with its connection point and capabilities', () => {
    const xml = buildAssetList(example());
    expect(xml).to.include('<process.processType>A39</process.processType>');
    expect(xml.match(/<RegisteredResource>/g)).to.have.length(2);
    expect(xml).to.include('<marketEvaluationPoint.mRID codingScheme="A10">');
  });

  it('NF3: the asset list type has no operator field, and an operator on the input never reaches the wire', () => {
    const asset: ListedAsset = example().assets[0]!;
    // @ts-expect-error NF3: ListedAsset has no operator field at all.
    const leaking: ListedAsset = { ...asset, operator: EXAMPLE_PARTIES.aggregator.mRID };
    const xml = buildAssetList({ ...example(), assets: [leaking] });
    expect(xml).not.to.include('operator');
    expect(xml).not.to.include(EXAMPLE_PARTIES.aggregator.mRID);
    expect(Object.keys(parseAssetList(xml).assets[0]!)).not.to.include('operator');
  });

  it('NF3: a list carrying an operator element is schema-invalid', () => {
    const xml = buildAssetList(example()).replace('<pSRType.psrType>A03', `<operator_MarketParticipant.mRID codingScheme="A01">${EXAMPLE_PARTIES.aggregator.mRID}</operator_MarketParticipant.mRID><pSRType.psrType>A03`);
    expectDocumentError(() => parseAssetList(xml), DocumentErrorCode.SchemaInvalid);
  });

  it('F5: refuses duplicate assets and bad connection points', () => {
    const doc = example();
    expectDocumentError(() => buildAssetList({ ...doc, assets: [doc.assets[0]!, doc.assets[0]!] }), DocumentErrorCode.DuplicateIdentifier, 'A55');
    expectDocumentError(() => buildAssetList({ ...doc, assets: [{ ...doc.assets[0]!, connectionPoint: '57' }] }), DocumentErrorCode.InvalidIdentifier, 'A64');
    expectDocumentError(() => buildAssetList({ ...doc, assets: [{ ...doc.assets[0]!, name: 'x'.repeat(201) }] }), DocumentErrorCode.InvalidContent);
  });

  it('F5a: a paged list carries page and pageCount in its header; a list without them is complete (issue 14)', () => {
    const paged = buildAssetList({ ...example(), paging: { page: 2, pageCount: 3 } });
    expect(paged).to.include('<page>2</page><pageCount>3</pageCount><RegisteredResource>');
    expect(parseAssetList(paged).paging).to.deep.equal({ page: 2, pageCount: 3 });
    expect(parseAssetList(buildAssetList(example()))).not.to.have.property('paging');
  });

  it('F5a: refuses a page outside 1..pageCount, a pageCount above 10,000, and one page field without the other', () => {
    const doc = example();
    expectDocumentError(() => buildAssetList({ ...doc, paging: { page: 4, pageCount: 3 } }), DocumentErrorCode.InvalidContent);
    expectDocumentError(() => buildAssetList({ ...doc, paging: { page: 0, pageCount: 3 } }), DocumentErrorCode.InvalidContent);
    expectDocumentError(() => buildAssetList({ ...doc, paging: { page: 1, pageCount: 10_001 } }), DocumentErrorCode.InvalidContent);
    const xml = buildAssetList({ ...doc, paging: { page: 3, pageCount: 3 } });
    expectDocumentError(() => parseAssetList(xml.replace('<page>3</page>', '<page>4</page>')), DocumentErrorCode.InvalidContent);
    expectDocumentError(() => parseAssetList(xml.replace('<pageCount>3</pageCount>', '<pageCount>10001</pageCount>')), DocumentErrorCode.SchemaInvalid);
    expectDocumentError(() => parseAssetList(xml.replace('<pageCount>3</pageCount>', '')), DocumentErrorCode.SchemaInvalid);
    expectDocumentError(() => parseAssetList(xml.replace('<page>3</page>', '')), DocumentErrorCode.SchemaInvalid);
    expectDocumentError(() => parseAssetList(xml.replace('<page>3</page>', '<page>0</page>')), DocumentErrorCode.SchemaInvalid);
  });
});
