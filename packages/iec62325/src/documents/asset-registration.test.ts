import { expect } from 'chai';
import fc from 'fast-check';
import { DocumentErrorCode } from '../errors/document-error.js';
import { exampleDocuments, EXAMPLE_PARTIES } from '../examples/example-documents.js';
import type { AssetRegistrationDocument, AssetRegistrationEntry } from '../model/registration-documents.types.js';
import { validateSchemaOnly } from '../parse-document.js';
import { assetRegistrationArb } from '../testing/document.arbitraries.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { parseAssetRegistration } from '../typed-parsers.js';
import { buildAssetRegistration } from './asset-registration.builder.js';

const example = (): AssetRegistrationDocument => structuredClone(exampleDocuments()['asset-registration'].document as AssetRegistrationDocument);
const registered = (): AssetRegistrationEntry => example().assets[0] as AssetRegistrationEntry;

describe('asset registration (project document)', () => {
  it('F4: parse(build(x)) deep-equals x for generated registrations, updates and removals', () => {
    fc.assert(fc.property(assetRegistrationArb, (doc) => void expect(parseAssetRegistration(buildAssetRegistration(doc))).to.deep.equal(doc)), { numRuns: 150 });
  });

  it('F4: carries asset ID, operator, connection point, capabilities and maxima; actions A14/A15/A16', () => {
    const xml = buildAssetRegistration(example());
    expect(xml).to.include('xmlns="urn:tps:62325:assetregistrationdocument:1:0"');
    expect(xml).to.include(`<operator_MarketParticipant.mRID codingScheme="A01">${EXAMPLE_PARTIES.aggregator.mRID}</operator_MarketParticipant.mRID>`);
    for (const code of ['A14', 'A15', 'A16']) expect(xml).to.include(`<action_Status.value>${code}</action_Status.value>`);
    expect(xml).to.include('<pSRType.psrType>A03</pSRType.psrType>');
    expect(xml).to.include('<maximumConsumption_Quantity.quantity>3.5</maximumConsumption_Quantity.quantity>');
  });

  it('F4: register/update need operator, connection point and consistent capabilities', () => {
    const doc = example();
    const entry = registered();
    expectDocumentError(() => buildAssetRegistration({ ...doc, assets: [{ ...entry, produces: false, consumes: false }] }), DocumentErrorCode.InvalidContent);
    expectDocumentError(() => buildAssetRegistration({ ...doc, assets: [{ ...entry, produces: false }] }), DocumentErrorCode.InvalidQuantity, 'A42');
    expectDocumentError(() => buildAssetRegistration({ ...doc, assets: [{ ...entry, maxProductionW: 0 }] }), DocumentErrorCode.InvalidQuantity, 'A42');
    expectDocumentError(() => buildAssetRegistration({ ...doc, assets: [{ ...entry, connectionPoint: '571313180400000019' }] }), DocumentErrorCode.InvalidIdentifier, 'A64');
    expectDocumentError(() => buildAssetRegistration({ ...doc, assets: [{ ...entry, operator: entry.assetId }] }), DocumentErrorCode.InvalidIdentifier, 'A64');
    expectDocumentError(() => buildAssetRegistration({ ...doc, assets: [entry, { action: 'remove', assetId: entry.assetId }] }), DocumentErrorCode.DuplicateIdentifier, 'A55');
    expectDocumentError(() => buildAssetRegistration({ ...doc, assets: [] }), DocumentErrorCode.InvalidContent, 'A69');
  });

  it('F4: on the wire, a registration without operator or a removal with details is refused', () => {
    const xml = buildAssetRegistration(example());
    const noOperator = xml.replace(/<operator_MarketParticipant\.mRID[^>]*>[^<]*<\/operator_MarketParticipant\.mRID>/, '');
    expect(() => validateSchemaOnly(noOperator)).not.to.throw();
    expectDocumentError(() => parseAssetRegistration(noOperator), DocumentErrorCode.InvalidContent, 'A69');
    const detailedRemoval = xml.replace('<action_Status.value>A16</action_Status.value>', '<action_Status.value>A16</action_Status.value><name>gone</name>');
    expectDocumentError(() => parseAssetRegistration(detailedRemoval), DocumentErrorCode.InvalidContent);
    const psrMismatch = xml.replace('<pSRType.psrType>A05</pSRType.psrType>', '<pSRType.psrType>A04</pSRType.psrType>');
    expectDocumentError(() => parseAssetRegistration(psrMismatch), DocumentErrorCode.InvalidContent, 'A69');
  });
});
