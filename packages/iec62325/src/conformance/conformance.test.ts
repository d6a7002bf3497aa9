import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument } from '../build-document.js';
import {
  BUSINESS_TYPE,
  CODING_SCHEME,
  CURVE_TYPE,
  INDICATOR,
  LOCAL_ACTION_CODE,
  MARKET_ROLES,
  MESSAGE_TYPE,
  OBJECT_AGGREGATION,
  PROCESS_TYPE,
  PSR_TYPE,
  QUANTITY_UNITS,
  STATUS,
} from '../codes/market-codes.js';
import { REASON_CODES } from '../codes/reason-codes.js';
import { exampleDocuments, exampleVariants } from '../examples/example-documents.js';
import { validateSchemaOnly } from '../parse-document.js';
import { DOCUMENT_KINDS, DOCUMENT_SCHEMAS, type DocumentKind } from '../schema/document-kinds.js';
import { xsdDir } from '../schema/xsd-dir.js';
import { parsedDocumentArb } from '../testing/document.arbitraries.js';
import { xsdEnumeration, xsdEnumerationTitles, xsdSimpleTypeNames } from '../testing/xsd-enumerations.js';
import { LOCAL_EXTENSION_FILE, OfficialLibxml2Validators, requireReferenceDir } from './official-schemas.js';

// Conformance to the official ENTSO-E schemas (libxml2, many documents). The Xerces cross-check
// of a small sample is in xerces.test.ts.
const CODELISTS = 'urn-entsoe-eu-wgedi-codelists.xsd';
const OFFICIAL_KINDS = DOCUMENT_KINDS.filter((kind) => DOCUMENT_SCHEMAS[kind].official !== undefined);
const PER_KIND = 120;

describe('conformance to the official IEC 62325-451 schemas (libxml2)', function () {
  this.timeout(120_000);
  let referenceDir: string;
  let official: OfficialLibxml2Validators;

  before(function () {
    referenceDir = requireReferenceDir(this);
    official = new OfficialLibxml2Validators(referenceDir);
  });
  after(() => official?.dispose());

  for (const kind of OFFICIAL_KINDS) {
    it(`F1: ${PER_KIND} generated ${kind} documents are valid against ${DOCUMENT_SCHEMAS[kind].official} + code lists + the project local-extension file`, () => {
      const docs = fc.sample(fc.tuple(parsedDocumentArb(kind), fc.boolean()), { numRuns: PER_KIND, seed: 62325 });
      const failures = docs
        .map(([doc, pretty]) => ({ doc, verdict: official.validate(kind, buildDocument(doc, { pretty })) }))
        .filter(({ verdict }) => !verdict.valid);
      expect(failures.map((f) => f.verdict.message).slice(0, 3)).to.deep.equal([]);
    });
  }

  it('F6: the generated capacity limits cover foreseen, grant, unforeseen (every local action) and cancellations', () => {
    const docs = fc.sample(parsedDocumentArb('capacity-limit'), { numRuns: PER_KIND, seed: 62325 }).map((d) => d.document);
    const seen = new Set<string>();
    for (const doc of docs) {
      if (!('limitType' in doc)) continue;
      seen.add(doc.limitType).add(doc.status);
      if (doc.limitType === 'unforeseen') for (const s of doc.series) seen.add(s.action);
    }
    expect([...seen].sort()).to.deep.equal(['active', 'cancelled', 'foreseen', 'grant', 'hold', 'start', 'stop', 'unforeseen']);
  });

  it('F6: the local action codes are valid only with the project local-extension file', () => {
    const xml = buildDocument(exampleVariants()['capacity-limit.unforeseen']!);
    expect(official.validate('capacity-limit', xml).valid).to.equal(true);
    const placeholder = new OfficialLibxml2Validators(referenceDir, 'published-placeholder');
    try {
      const verdict = placeholder.validate('capacity-limit', xml);
      expect(verdict.valid).to.equal(false);
      expect(verdict.message).to.include('Z0');
    } finally {
      placeholder.dispose();
    }
  });

  it('F1: the project local-extension file keeps every published Local* type and extends only LocalBusinessType', () => {
    const published = join(referenceDir, LOCAL_EXTENSION_FILE);
    const ours = join(xsdDir(), LOCAL_EXTENSION_FILE);
    const names = xsdSimpleTypeNames(published);
    expect(xsdSimpleTypeNames(ours).sort()).to.deep.equal([...names].sort());
    for (const name of names.filter((n) => n !== 'LocalBusinessType')) {
      expect(xsdEnumeration(LOCAL_EXTENSION_FILE, name, xsdDir()), name).to.deep.equal(xsdEnumeration(LOCAL_EXTENSION_FILE, name, referenceDir));
    }
    const standardBusiness = xsdEnumeration(CODELISTS, 'StandardBusinessTypeList', referenceDir);
    for (const code of Object.values(LOCAL_ACTION_CODE)) expect(standardBusiness, `${code} must not be a standard code`).not.to.include(code);
  });

  it('F1: every code the platform writes is in the official code lists, with the official title for reason codes', () => {
    const list = (name: string): string[] => xsdEnumeration(CODELISTS, name, referenceDir);
    const expectIn = (values: Iterable<string>, name: string): void => {
      const known = new Set(list(name));
      for (const value of values) expect(known.has(value), `${value} in ${name}`).to.equal(true);
    };
    expectIn(MARKET_ROLES, 'StandardRoleTypeList');
    expectIn(Object.values(MESSAGE_TYPE), 'StandardMessageTypeList');
    expectIn(Object.values(PROCESS_TYPE), 'StandardProcessTypeList');
    expectIn(Object.values(BUSINESS_TYPE), 'StandardBusinessTypeList');
    expectIn(Object.values(STATUS), 'StandardStatusTypeList');
    expectIn(Object.values(CODING_SCHEME), 'StandardCodingSchemeTypeList');
    expectIn(Object.values(PSR_TYPE), 'StandardAssetTypeList');
    expectIn(Object.values(INDICATOR), 'StandardIndicatorTypeList');
    expectIn(Object.values(CURVE_TYPE), 'StandardCurveTypeList');
    expectIn(Object.values(OBJECT_AGGREGATION), 'StandardObjectAggregationTypeList');
    expectIn(QUANTITY_UNITS, 'StandardUnitOfMeasureTypeList');
    const titles = xsdEnumerationTitles(CODELISTS, 'StandardReasonCodeTypeList', referenceDir);
    for (const [code, title] of Object.entries(REASON_CODES)) expect(titles.get(code), code).to.equal(title);
  });

  it('F1: each profile keeps the official namespace and root element', () => {
    for (const kind of OFFICIAL_KINDS) {
      const schema = DOCUMENT_SCHEMAS[kind];
      const text = readFileSync(join(referenceDir, schema.official!), 'utf8');
      expect(text, kind).to.include(`targetNamespace="${schema.namespace}"`);
      expect(text, kind).to.include(`<xs:element name="${schema.root}" type="${schema.root}" />`);
    }
  });

  it('F1: the profiles only restrict: whatever a profile accepts, the official schema accepts', () => {
    const POOL = ['A01', 'A02', 'A05', 'A07', 'A09', 'A10', 'A15', 'A16', 'A26', 'A39', 'A50', 'A59', 'A67', 'A78', 'A95', 'B19', 'C79', 'Z01', 'Z04', '999',
      'PT15M', 'PT30M', 'PT1H', '0', '-1', '1.5', '0.0000001', '123456789012345678901234567', '', ' ', ' A07 ', '2026-02-29T00:00Z', '2024-02-29T00:00Z',
      '2026-03-02T00:00:00Z', '10XAGR-ALPHA---2', '10WBATTERY-1---I', '571313180400000018', 'abc def', 'x'.repeat(61), '06:00:00Z', '2026-03-02'];
    const LEAF = /<([A-Za-z_][\w.]*)(\s[^>]*)?>([^<]*)<\/\1>/g;
    let accepted = 0;
    const check = (kind: DocumentKind, xml: string, label: string): void => {
      try {
        validateSchemaOnly(xml);
      } catch {
        return; // the profile refuses it: nothing to check
      }
      accepted++;
      const verdict = official.validate(kind, xml);
      expect(verdict.valid, `${label}: ${verdict.message}`).to.equal(true);
    };
    const mutants = (xml: string, leaf: RegExpExecArray | RegExpMatchArray, value: string): Array<[string, string]> => {
      const [whole, name, attrs = '', text] = leaf;
      const at = leaf.index!;
      const splice = (replacement: string): string => xml.slice(0, at) + replacement + xml.slice(at + whole.length);
      return [
        [`${name} = ${JSON.stringify(value)}`, splice(`<${name}${attrs}>${value}</${name}>`)],
        [`${name} codingScheme = ${JSON.stringify(value)}`, splice(`<${name} codingScheme="${value}">${text}</${name}>`)],
        [`${name} deleted`, splice('')],
        [`${name} duplicated`, splice(whole + whole)],
      ];
    };
    // Exhaustively: every distinct leaf of every example x every pool value x every mutation.
    const examples = [...Object.values(exampleDocuments()), ...Object.values(exampleVariants())].filter((d) => OFFICIAL_KINDS.includes(d.kind));
    for (const doc of examples) {
      const xml = buildDocument(doc);
      const seen = new Set<string>();
      for (const leaf of xml.matchAll(LEAF)) {
        if (seen.has(leaf[1]!)) continue;
        seen.add(leaf[1]!);
        // Deletion and duplication do not depend on the value: once per leaf.
        for (const [label, mutated] of mutants(xml, leaf, '').slice(2)) check(doc.kind, mutated, `${doc.kind}: ${label}`);
        for (const value of POOL) for (const [label, mutated] of mutants(xml, leaf, value).slice(0, 2)) check(doc.kind, mutated, `${doc.kind}: ${label}`);
      }
    }
    // And at random over generated documents.
    fc.assert(
      fc.property(fc.constantFrom<DocumentKind>(...OFFICIAL_KINDS).chain((kind) => parsedDocumentArb(kind)), fc.nat(), fc.nat(3), fc.constantFrom(...POOL), (doc, pick, how, value) => {
        const xml = buildDocument(doc);
        const leaves = [...xml.matchAll(LEAF)];
        const [label, mutated] = mutants(xml, leaves[pick % leaves.length]!, value)[how]!;
        check(doc.kind, mutated, `${doc.kind}: ${label}`);
      }),
      { numRuns: 300, seed: 451 },
    );
    expect(accepted, 'some mutations are still profile-valid, so the check has teeth').to.be.greaterThan(100);
  });
});
