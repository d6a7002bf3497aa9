import { expect } from 'chai';
import fc from 'fast-check';
import { DocumentErrorCode } from '../errors/document-error.js';
import { exampleDocuments, EXAMPLE_PARTIES } from '../examples/example-documents.js';
import type { ConnectionPointRegistrationDocument } from '../model/registration-documents.types.js';
import { connectionPointRegistrationArb } from '../testing/document.arbitraries.js';
import { expectDocumentError } from '../testing/expect-document-error.js';
import { parseConnectionPointRegistration } from '../typed-parsers.js';
import { buildConnectionPointRegistration } from './connection-point-registration.builder.js';

const example = (): ConnectionPointRegistrationDocument =>
  structuredClone(exampleDocuments()['connection-point-registration'].document as ConnectionPointRegistrationDocument);

describe('connection-point registration (project document)', () => {
  it('F4: parse(build(x)) deep-equals x for generated registrations', () => {
    fc.assert(
      fc.property(connectionPointRegistrationArb, (doc) => void expect(parseConnectionPointRegistration(buildConnectionPointRegistration(doc))).to.deep.equal(doc)),
      { numRuns: 150 },
    );
  });

  it('F4c: a DSO adds (A14) or removes (A16) one or more GSRN connection points', () => {
    const xml = buildConnectionPointRegistration(example());
    expect(xml).to.include(`<systemOperator_MarketParticipant.mRID codingScheme="A01">${EXAMPLE_PARTIES.dso.mRID}</systemOperator_MarketParticipant.mRID>`);
    expect(xml.match(/<MarketEvaluationPoint>/g)).to.have.length(3);
    expect(xml).to.include('<action_Status.value>A16</action_Status.value>');
  });

  it('F4: refuses bad GSRN check digits, duplicates, an empty list and a DSO that is not a party EIC', () => {
    const doc = example();
    const first = doc.connectionPoints[0]!;
    expectDocumentError(() => buildConnectionPointRegistration({ ...doc, connectionPoints: [{ ...first, connectionPoint: '571313180400000017' }] }), DocumentErrorCode.InvalidIdentifier, 'A64');
    expectDocumentError(() => buildConnectionPointRegistration({ ...doc, connectionPoints: [first, first] }), DocumentErrorCode.DuplicateIdentifier, 'A55');
    expectDocumentError(() => buildConnectionPointRegistration({ ...doc, connectionPoints: [] }), DocumentErrorCode.InvalidContent, 'A69');
    expectDocumentError(() => buildConnectionPointRegistration({ ...doc, dso: '10YDE-VE-------2' }), DocumentErrorCode.InvalidIdentifier, 'A78');
    expectDocumentError(() => buildConnectionPointRegistration({ ...doc, connectionPoints: [{ ...first, action: 'update' as 'add' }] }), DocumentErrorCode.InvalidContent);
  });
});
