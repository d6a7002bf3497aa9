// Writes the generated part of the hostile-input corpus (issue 13, F1/NF3): XML variants derived
// from the valid example documents of packages/iec62325 (each mutation with the typed error it
// must produce), and the REST and messaging cases as JSON files (tables below). Hand-written XML
// cases live in corpus/xml/hand/ and are listed in HAND_XML. The output is checked in; re-run with
//   npx tsx test/hostile/generate-corpus.ts
// Deterministic: the same source gives byte-identical files. The 50 MB body is not here: it is
// made at test time (xml-parse.test.ts, rest cases with a body generator).
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDocument, eicCheckChar, gsrnCheckDigit } from '../../packages/iec62325/src/index.js';
import { exampleDocuments, exampleVariants } from '../../packages/iec62325/src/examples/example-documents.js';
import type { ParsedDocument } from '../../packages/iec62325/src/index.js';
import type { XmlCase, RestCase, MessagingCase, Expectation } from './support/corpus.js';
import { REST_CASES } from './support/rest-cases.js';
import { MESSAGING_CASES } from './support/messaging-cases.js';

const ROOT = fileURLToPath(new URL('./corpus/', import.meta.url));

// ---------------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------------
const E = {
  forbidden: { code: 'DOCUMENT_FORBIDDEN_MARKUP', reasonCodes: ['A94'] },
  unknown: { code: 'DOCUMENT_UNKNOWN', reasonCodes: ['A94'] },
  notWellFormed: { code: 'DOCUMENT_NOT_WELL_FORMED', reasonCodes: ['A94'] },
  encoding: { code: 'DOCUMENT_UNSUPPORTED_ENCODING', reasonCodes: ['A94'] },
  schema: { code: 'DOCUMENT_SCHEMA_INVALID', reasonCodes: ['999'] },
  identifier: (...reasonCodes: string[]) => ({ code: 'DOCUMENT_INVALID_IDENTIFIER', reasonCodes }),
  time: { code: 'DOCUMENT_INVALID_TIME', reasonCodes: ['A04'] },
  positions: { code: 'DOCUMENT_INVALID_POSITIONS', reasonCodes: ['A49'] },
  quantity: { code: 'DOCUMENT_INVALID_QUANTITY', reasonCodes: ['A42'] },
  duplicate: { code: 'DOCUMENT_DUPLICATE_IDENTIFIER', reasonCodes: ['A55'] },
} satisfies Record<string, Expectation | ((...r: string[]) => Expectation)>;
const anyOf = (...e: Expectation[]): Expectation => ({ code: e.map((x) => x.code).join('|'), reasonCodes: [...new Set(e.flatMap((x) => x.reasonCodes))] });

/** A mutation of a valid document's XML text; undefined when it does not apply to this document. */
interface Mutation {
  id: string;
  category: string;
  proves: string;
  expect: Expectation;
  apply(xml: string, kind: string): string | Buffer | undefined;
}

const once = (xml: string, find: RegExp, replace: string | ((...m: string[]) => string)): string | undefined => {
  if (!find.test(xml)) return undefined;
  return xml.replace(find, replace as never);
};
const afterDecl = (xml: string, insert: string) => xml.replace(/^(<\?xml[^>]*\?>\n?)/, `$1${insert}\n`);
const rootName = (xml: string) => /<([A-Za-z_]+)\s+xmlns=/.exec(xml)![1]!;
const wrongEic = (eic: string) => {
  const good = eicCheckChar(eic.slice(0, 15));
  return eic.slice(0, 15) + (good === 'A' ? 'B' : 'A');
};
const wrongGsrn = (g: string) => g.slice(0, 17) + String((Number(gsrnCheckDigit(g.slice(0, 17))) + 1) % 10);
const LAUGHS = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>';

const GENERIC: Mutation[] = [
  { id: 'wrong-namespace', category: 'wrong namespace', proves: 'a known root element in a foreign namespace is refused as an unknown document', expect: E.unknown, apply: (x) => once(x, /xmlns="[^"]*"/, 'xmlns="urn:evil:not-iec62325:1:0"') },
  { id: 'no-namespace', category: 'wrong namespace', proves: 'a known root element without namespace is refused as an unknown document', expect: E.unknown, apply: (x) => once(x, / xmlns="[^"]*"/, '') },
  { id: 'wrong-root', category: 'wrong root', proves: 'an unknown root element in a known namespace is refused', expect: E.unknown, apply: (x) => { const r = rootName(x); return x.replace(`<${r} `, '<Evil_MarketDocument ').replace(`</${r}>`, '</Evil_MarketDocument>'); } },
  { id: 'doctype-internal', category: 'DOCTYPE', proves: 'any DOCTYPE, even an empty internal subset, is refused before parsing', expect: E.forbidden, apply: (x) => afterDecl(x, `<!DOCTYPE ${rootName(x)} []>`) },
  { id: 'xxe-file', category: 'XXE', proves: 'an external entity reading a local file is refused; nothing is read', expect: E.forbidden, apply: (x) => afterDecl(x, `<!DOCTYPE ${rootName(x)} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`).replace(/<mRID>[^<]*<\/mRID>/, '<mRID>&xxe;</mRID>') },
  { id: 'xxe-http', category: 'XXE', proves: 'an external entity fetching a URL (SSRF) is refused; no request is made', expect: E.forbidden, apply: (x) => afterDecl(x, `<!DOCTYPE ${rootName(x)} [<!ENTITY xxe SYSTEM "http://127.0.0.1:1/steal">]>`).replace(/<mRID>[^<]*<\/mRID>/, '<mRID>&xxe;</mRID>') },
  { id: 'xxe-parameter', category: 'XXE', proves: 'a parameter entity loading an external DTD is refused', expect: E.forbidden, apply: (x) => afterDecl(x, `<!DOCTYPE ${rootName(x)} [<!ENTITY % ext SYSTEM "http://127.0.0.1:1/evil.dtd"> %ext;]>`) },
  { id: 'billion-laughs', category: 'entity bomb', proves: 'nested entity expansion (billion laughs) is refused before any expansion', expect: E.forbidden, apply: (x) => afterDecl(x, LAUGHS).replace(/<mRID>[^<]*<\/mRID>/, '<mRID>&lol9;</mRID>') },
  { id: 'truncated', category: 'not well-formed', proves: 'a document cut in half is refused as not well-formed', expect: E.notWellFormed, apply: (x) => x.slice(0, Math.floor(x.length / 2)) },
  { id: 'mismatched-tag', category: 'not well-formed', proves: 'a mismatched closing tag is refused as not well-formed', expect: E.notWellFormed, apply: (x) => once(x, /<\/mRID>/, '</mrid>') },
  { id: 'undeclared-entity', category: 'not well-formed', proves: 'a reference to an undeclared entity is refused', expect: E.notWellFormed, apply: (x) => once(x, /<mRID>[^<]*<\/mRID>/, '<mRID>&evil;</mRID>') },
  { id: 'latin1-declared', category: 'encoding', proves: 'a declared non-UTF-8 encoding is refused (no encoding tricks to hide markup)', expect: E.encoding, apply: (x) => x.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"') },
  { id: 'utf16-bom', category: 'encoding', proves: 'a UTF-16 document (BOM) is refused: markup could hide from the byte-level DTD scan', expect: E.encoding, apply: (x) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(x.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]) },
  { id: 'nul-byte', category: 'encoding', proves: 'a NUL byte anywhere is refused', expect: E.encoding, apply: (x) => x.replace('<mRID>', '<mRID>\u0000') },
  { id: 'missing-mrid', category: 'schema-invalid', proves: 'a document without its mandatory mRID fails schema validation', expect: E.schema, apply: (x) => once(x, /\s*<mRID>[^<]*<\/mRID>/, '') },
  { id: 'unknown-element', category: 'schema-invalid', proves: 'an element the profile does not define is refused (no smuggled fields)', expect: E.schema, apply: (x) => once(x, /(<\/mRID>)/, '$1\n  <operator_MarketParticipant.mRID>smuggled</operator_MarketParticipant.mRID>') },
  { id: 'xinclude', category: 'XXE', proves: 'an XInclude element is not processed; it fails schema validation', expect: E.schema, apply: (x) => once(x, /(<\/mRID>)/, '$1\n  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>') },
  { id: 'invalid-calendar-date', category: 'schema-invalid', proves: 'createdDateTime on 30 February fails schema validation', expect: E.schema, apply: (x) => once(x, /<createdDateTime>\d{4}-\d\d-\d\d/, '<createdDateTime>2026-02-30') },
  { id: 'empty-mrid', category: 'schema-invalid', proves: 'an empty mRID fails schema validation', expect: E.schema, apply: (x) => once(x, /<mRID>[^<]*<\/mRID>/, '<mRID></mRID>') },
  { id: 'overlong-mrid', category: 'schema-invalid', proves: 'an mRID of 5,000 characters fails schema validation (bounded identifiers)', expect: E.schema, apply: (x) => once(x, /<mRID>[^<]*<\/mRID>/, `<mRID>${'A'.repeat(5000)}</mRID>`) },
  { id: 'bad-coding-scheme', category: 'schema-invalid', proves: 'an unknown codingScheme on the sender fails schema validation', expect: E.schema, apply: (x) => once(x, /(<sender_MarketParticipant\.mRID codingScheme=")A01(")/, '$1Z99$2') },
  { id: 'sender-eic-check', category: 'bad EIC', proves: 'a sender EIC with a wrong check character is refused naming the sender (A78)', expect: E.identifier('A78'), apply: (x) => once(x, /(<sender_MarketParticipant\.mRID codingScheme="A01">)([^<]{16})</, (_m, a, eic) => `${a}${wrongEic(eic!)}<`) },
  { id: 'receiver-eic-check', category: 'bad EIC', proves: 'a receiver EIC with a wrong check character is refused', expect: E.identifier('A53', 'A78', 'A64'), apply: (x) => once(x, /(<receiver_MarketParticipant\.mRID codingScheme="A01">)([^<]{16})</, (_m, a, eic) => `${a}${wrongEic(eic!)}<`) },
  { id: 'deep-nesting', category: 'deep nesting', proves: '10,000 nested elements are refused (depth limit / schema), in bounded time', expect: anyOf(E.notWellFormed, E.schema), apply: (x) => once(x, /(<\/mRID>)/, `$1${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}`) },
];

/** Mutations that only make sense for some kinds (series, quantities, identifiers). */
const SPECIFIC: Mutation[] = [
  // schedules (GL_MarketDocument)
  { id: 'quantity-exponent', category: 'absurd quantity', proves: 'a quantity in exponent notation (-1e308) fails schema validation', expect: E.schema, apply: (x, k) => (k === 'schedule' ? once(x, /<quantity>[^<]*<\/quantity>/, '<quantity>-1e308</quantity>') : undefined) },
  { id: 'quantity-absurd', category: 'absurd quantity', proves: 'a quantity beyond exact integer watts is refused (A42 or schema)', expect: anyOf(E.quantity, E.schema), apply: (x, k) => (k === 'schedule' ? once(x, /<quantity>[^<]*<\/quantity>/, '<quantity>99999999999999999999999</quantity>') : undefined) },
  { id: 'quantity-nan', category: 'absurd quantity', proves: 'NaN as a quantity fails schema validation', expect: E.schema, apply: (x, k) => (k === 'schedule' ? once(x, /<quantity>[^<]*<\/quantity>/, '<quantity>NaN</quantity>') : undefined) },
  { id: 'quantity-non-integral', category: 'absurd quantity', proves: 'a quantity that is not a whole number of watts is refused with A42', expect: E.quantity, apply: (x, k) => (k === 'schedule' ? once(x, /<quantity>[^<]*<\/quantity>/, '<quantity>1.0001</quantity>') : undefined) },
  { id: 'position-gap', category: 'inconsistent intervals', proves: 'a gap in point positions is refused with A49', expect: E.positions, apply: (x, k) => (k === 'schedule' ? once(x, /<position>2<\/position>/, '<position>3</position>') : undefined) },
  { id: 'position-extra', category: 'inconsistent intervals', proves: 'more points than the interval has steps are refused with A49', expect: E.positions, apply: (x, k) => (k === 'schedule' ? once(x, /(<Point>\s*<position>8<\/position>\s*<quantity>[^<]*<\/quantity>\s*<\/Point>)/, '$1\n      <Point>\n        <position>9</position>\n        <quantity>1</quantity>\n      </Point>') : undefined) },
  { id: 'series-interval-reversed', category: 'inconsistent intervals', proves: 'a series interval ending before it starts is refused with A04', expect: E.time, apply: (x, k) => (k === 'schedule' ? once(x, /<start>2026-03-02T06:00Z<\/start>\s*<end>2026-03-02T08:00Z<\/end>/, '<start>2026-03-02T08:00Z</start>\n        <end>2026-03-02T06:00Z</end>') : undefined) },
  { id: 'series-outside-period', category: 'inconsistent intervals', proves: 'a series outside the document period is refused with A04', expect: E.time, apply: (x, k) => (k === 'schedule' ? once(x, /<end>2026-03-03T00:00Z<\/end>/, '<end>2026-03-02T07:00Z</end>') : undefined) },
  { id: 'period-empty', category: 'inconsistent intervals', proves: 'a document period of zero length is refused with A04', expect: E.time, apply: (x, k) => (k === 'schedule' ? once(x, /<end>2026-03-03T00:00Z<\/end>/, '<end>2026-03-02T00:00Z</end>') : undefined) },
  { id: 'resolution-odd', category: 'inconsistent intervals', proves: 'a resolution the profile does not allow (PT7M) is refused', expect: anyOf({ code: 'DOCUMENT_INVALID_RESOLUTION', reasonCodes: ['A41'] }, E.schema), apply: (x, k) => (k === 'schedule' ? once(x, /<resolution>PT15M<\/resolution>/, '<resolution>PT7M</resolution>') : undefined) },
  { id: 'duplicate-series-mrid', category: 'duplicate identifiers', proves: 'two series with one mRID are refused with A55', expect: E.duplicate, apply: (x, k) => (k === 'schedule' ? once(x, /<mRID>ts-2<\/mRID>/, '<mRID>ts-1</mRID>') : undefined) },
  { id: 'asset-eic-check', category: 'bad EIC', proves: 'an asset EIC with a wrong check character is refused with A64', expect: E.identifier('A64'), apply: (x, k) => (k === 'schedule' ? once(x, /(<registeredResource\.mRID codingScheme="A01">)([^<]{16})</, (_m, a, eic) => `${a}${wrongEic(eic!)}<`) : undefined) },
  { id: 'asset-eic-party-type', category: 'bad EIC', proves: 'a party X-code where an asset W-code belongs is refused', expect: anyOf(E.identifier('A64'), E.schema), apply: (x, k) => (k === 'schedule' ? once(x, /(<registeredResource\.mRID codingScheme="A01">)([^<]{16})</, '$110XAGR-ALPHA---2<') : undefined) },
  // capacity limits (Unavailability_MarketDocument)
  { id: 'limit-negative', category: 'negative quantity', proves: 'a negative available capacity fails schema validation', expect: E.schema, apply: (x, k) => (k === 'capacity-limit' ? once(x, /<quantity>[^<]*<\/quantity>/, '<quantity>-4</quantity>') : undefined) },
  { id: 'limit-absurd', category: 'absurd quantity', proves: 'an available capacity beyond exact integer watts is refused', expect: anyOf(E.quantity, E.schema), apply: (x, k) => (k === 'capacity-limit' ? once(x, /<quantity>[^<]*<\/quantity>/, '<quantity>99999999999999999999999</quantity>') : undefined) },
  { id: 'limit-non-integral', category: 'absurd quantity', proves: 'an available capacity that is not whole watts is refused with A42', expect: E.quantity, apply: (x, k) => (k === 'capacity-limit' ? once(x, /<quantity>[^<]*<\/quantity>/, '<quantity>4.0001</quantity>') : undefined) },
  { id: 'limit-asset-eic-check', category: 'bad EIC', proves: 'an affected asset EIC with a wrong check character is refused with A64', expect: E.identifier('A64'), apply: (x, k) => (k === 'capacity-limit' ? once(x, /(<Asset_RegisteredResource>\s*<mRID codingScheme="A01">)([^<]{16})</, (_m, a, eic) => `${a}${wrongEic(eic!)}<`) : undefined) },
  { id: 'limit-series-outside-period', category: 'inconsistent intervals', proves: 'a limit series outside the limitation period is refused with A04', expect: E.time, apply: (x, k) => (k === 'capacity-limit' && x.includes('<TimeSeries>') ? once(x, /(<unavailability_Time_Period\.timeInterval>\s*<start>[^<]*<\/start>\s*<end>)([^<]*)(<\/end>)/, '$12026-03-02T06:15Z$3') : undefined) },
  { id: 'limit-period-reversed', category: 'inconsistent intervals', proves: 'a limitation period ending before it starts is refused with A04', expect: anyOf(E.time, E.schema), apply: (x, k) => (k === 'capacity-limit' ? once(x, /(<unavailability_Time_Period\.timeInterval>\s*<start>)([^<]*)(<\/start>\s*<end>)([^<]*)(<\/end>)/, (_m, a, s, b, e, c) => `${a}${e}${b}${s}${c}`) : undefined) },
  { id: 'limit-duplicate-series', category: 'duplicate identifiers', proves: 'two limit series with one mRID are refused with A55', expect: E.duplicate, apply: (x, k) => (k === 'capacity-limit' ? once(x, /<mRID>(lim-c|sig-2|g-2)<\/mRID>/, (_m, id) => `<mRID>${({ 'lim-c': 'lim-p', 'sig-2': 'sig-1', 'g-2': 'g-1' } as Record<string, string>)[id!]}</mRID>`) : undefined) },
  // registrations and lists
  { id: 'gsrn-check', category: 'bad GSRN', proves: 'a connection point GSRN with a wrong check digit is refused with A64', expect: E.identifier('A64'), apply: (x, k) => (['asset-registration', 'connection-point-registration', 'asset-list'].includes(k) ? once(x, /(codingScheme="A10">)(\d{18})</, (_m, a, g) => `${a}${wrongGsrn(g!)}<`) : undefined) },
  { id: 'gsrn-short', category: 'bad GSRN', proves: 'a 17-digit GSRN is refused', expect: anyOf(E.identifier('A64'), E.schema), apply: (x, k) => (['asset-registration', 'connection-point-registration', 'asset-list'].includes(k) ? once(x, /(codingScheme="A10">)(\d{18})</, (_m, a, g) => `${a}${g!.slice(0, 17)}<`) : undefined) },
  { id: 'gsrn-injection', category: 'injection', proves: 'SQL text in a GSRN field is refused by the schema, never reaches storage', expect: anyOf(E.schema, E.identifier('A64')), apply: (x, k) => (['asset-registration', 'connection-point-registration', 'asset-list'].includes(k) ? once(x, /(codingScheme="A10">)(\d{18})</, "$1' OR '1'='1<") : undefined) },
  { id: 'registration-asset-eic-check', category: 'bad EIC', proves: 'a registered asset EIC with a wrong check character is refused with A64', expect: E.identifier('A64'), apply: (x, k) => (['asset-registration', 'asset-list'].includes(k) ? once(x, /(<RegisteredResource>\s*<mRID codingScheme="A01">)([^<]{16})</, (_m, a, eic) => `${a}${wrongEic(eic!)}<`) : undefined) },
  { id: 'capability-negative', category: 'negative quantity', proves: 'a negative maximum power fails schema validation', expect: E.schema, apply: (x, k) => (['asset-registration', 'asset-list'].includes(k) ? once(x, /<maximumProduction_Quantity\.quantity>[^<]*</, '<maximumProduction_Quantity.quantity>-5<') : undefined) },
  { id: 'capability-absurd', category: 'absurd quantity', proves: 'a maximum power beyond exact integer watts is refused', expect: anyOf(E.quantity, E.schema), apply: (x, k) => (['asset-registration', 'asset-list'].includes(k) ? once(x, /<maximumProduction_Quantity\.quantity>[^<]*</, '<maximumProduction_Quantity.quantity>1e30<') : undefined) },
  { id: 'operator-eic-check', category: 'bad EIC', proves: 'an operator EIC with a wrong check character is refused', expect: E.identifier('A78', 'A64'), apply: (x, k) => (k === 'asset-registration' ? once(x, /(<operator_MarketParticipant\.mRID codingScheme="A01">)([^<]{16})</, (_m, a, eic) => `${a}${wrongEic(eic!)}<`) : undefined) },
  { id: 'list-with-operator', category: 'schema-invalid', proves: 'an asset list carrying an operator (NF3) fails schema validation', expect: E.schema, apply: (x, k) => (k === 'asset-list' ? once(x, /(<\/mRID>\s*<name>)/, '</mRID>\n    <operator_MarketParticipant.mRID codingScheme="A01">10XAGR-ALPHA---2</operator_MarketParticipant.mRID>\n    <name>') : undefined) },
  { id: 'request-interval-reversed', category: 'inconsistent intervals', proves: 'a status request for a reversed time interval is refused', expect: anyOf(E.time, E.schema), apply: (x, k) => (k === 'status-request' ? once(x, /2026-03-02T00:00Z\/2026-03-03T00:00Z/, '2026-03-03T00:00Z/2026-03-02T00:00Z') : undefined) },
  { id: 'request-asset-eic-check', category: 'bad EIC', proves: 'a status request naming an asset with a wrong check character is refused with A64', expect: E.identifier('A64'), apply: (x, k) => (k === 'status-request' ? once(x, /(<attributeValue codingScheme="A01">)([^<]{16})</, (_m, a, eic) => `${a}${wrongEic(eic!)}<`) : undefined) },
  { id: 'ack-revision-negative', category: 'schema-invalid', proves: 'an acknowledgement of revision -1 fails schema validation', expect: E.schema, apply: (x, k) => (k === 'acknowledgement' ? once(x, /<received_MarketDocument\.revisionNumber>\d+</, '<received_MarketDocument.revisionNumber>-1<') : undefined) },
];

/** Hand-written files in corpus/xml/hand/ (not generated) and what each must produce. */
const HAND_XML: Array<Omit<XmlCase, 'group' | 'businessType'> & { businessType?: XmlCase['businessType'] }> = [
  { file: 'hand/xxe-classic.xml', category: 'XXE', proves: 'the classic XXE (SYSTEM file:///etc/passwd expanded in a text node) is refused before parsing', expect: E.forbidden },
  { file: 'hand/xxe-doctype-system.xml', category: 'XXE', proves: 'an external DTD in the DOCTYPE (SYSTEM URL) is refused; nothing is fetched', expect: E.forbidden },
  { file: 'hand/xxe-public.xml', category: 'XXE', proves: 'a PUBLIC external identifier is refused', expect: E.forbidden },
  { file: 'hand/xxe-oob-parameter.xml', category: 'XXE', proves: 'out-of-band exfiltration through nested parameter entities is refused', expect: E.forbidden },
  { file: 'hand/billion-laughs.xml', category: 'entity bomb', proves: 'the classic billion laughs (10^9 expansions) is refused in constant time', expect: E.forbidden },
  { file: 'hand/quadratic-blowup.xml', category: 'entity bomb', proves: 'one large entity referenced many times (quadratic blow-up) is refused', expect: E.forbidden },
  { file: 'hand/doctype-lowercase.xml', category: 'DOCTYPE', proves: 'markup declarations are refused whatever their case (<!doctype>)', expect: anyOf(E.forbidden, E.notWellFormed) },
  { file: 'hand/doctype-after-comment.xml', category: 'DOCTYPE', proves: 'a DOCTYPE hidden after a comment is still refused', expect: E.forbidden },
  { file: 'hand/entity-only.xml', category: 'DOCTYPE', proves: 'an ENTITY declaration on its own is refused', expect: anyOf(E.forbidden, E.notWellFormed) },
  { file: 'hand/attlist-default.xml', category: 'DOCTYPE', proves: 'an ATTLIST that would inject default attributes is refused', expect: E.forbidden },
  { file: 'hand/utf7-declared.xml', category: 'encoding', proves: 'a UTF-7 declaration (markup smuggling) is refused', expect: E.encoding },
  { file: 'hand/empty.xml', category: 'not well-formed', proves: 'an empty body is refused', expect: E.notWellFormed },
  { file: 'hand/not-xml.xml', category: 'not well-formed', proves: 'JSON sent as a document is refused as not well-formed', expect: E.notWellFormed },
  { file: 'hand/html.xml', category: 'wrong root', proves: 'an HTML page (with its <!DOCTYPE html>) is refused', expect: E.forbidden },
  { file: 'hand/soap-envelope.xml', category: 'wrong root', proves: 'a document wrapped in a SOAP envelope is refused (no unwrapping)', expect: E.unknown },
  { file: 'hand/two-roots.xml', category: 'not well-formed', proves: 'two root elements are refused', expect: E.notWellFormed },
  { file: 'hand/cdata-markup.xml', category: 'schema-invalid', proves: 'markup smuggled in a CDATA section stays text and fails the identifier rules', expect: anyOf(E.schema, E.identifier('A64', 'A78')) },
  { file: 'hand/svg-script.xml', category: 'wrong root', proves: 'an SVG with a script is refused as an unknown document', expect: E.unknown },
];

function kindForEnvelope(kind: string): XmlCase['businessType'] {
  // The core never answers an acknowledgement (no ping-pong): hostile acknowledgements travel as
  // another business type so the platform runner can observe the negative answer.
  return (kind === 'acknowledgement' ? 'status-request' : kind) as XmlCase['businessType'];
}

function xmlCases(): { cases: XmlCase[]; files: Map<string, string | Buffer> } {
  const bases: Record<string, ParsedDocument> = { ...exampleDocuments(), ...exampleVariants() };
  const cases: XmlCase[] = [];
  const files = new Map<string, string | Buffer>();
  for (const [baseName, parsed] of Object.entries(bases)) {
    const xml = buildDocument(parsed);
    for (const m of [...GENERIC, ...SPECIFIC]) {
      const out = m.apply(xml, parsed.kind);
      if (out === undefined || out === xml) continue;
      const file = `generated/${baseName}.${m.id}.xml`;
      files.set(file, out);
      cases.push({ file, group: 'xml', category: m.category, proves: `${baseName}: ${m.proves}`, expect: m.expect, businessType: kindForEnvelope(parsed.kind) });
    }
  }
  for (const h of HAND_XML) cases.push({ businessType: 'schedule', ...h, group: 'xml' });
  return { cases, files };
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------
function clean(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

function main(): void {
  const xml = xmlCases();
  clean(join(ROOT, 'xml', 'generated'));
  for (const [file, content] of xml.files) writeFileSync(join(ROOT, 'xml', file), content);
  for (const h of HAND_XML) if (!existsSync(join(ROOT, 'xml', h.file))) throw new Error(`hand-written case missing: ${h.file}`);
  writeFileSync(join(ROOT, 'xml', 'manifest.json'), JSON.stringify(xml.cases, null, 2) + '\n');

  clean(join(ROOT, 'rest'));
  const names = new Set<string>();
  for (const c of REST_CASES as RestCase[]) {
    if (names.has(c.name)) throw new Error(`duplicate REST case ${c.name}`);
    names.add(c.name);
    writeFileSync(join(ROOT, 'rest', `${c.name}.json`), JSON.stringify(c, null, 2) + '\n');
  }
  clean(join(ROOT, 'messaging'));
  for (const c of MESSAGING_CASES as MessagingCase[]) {
    if (names.has(c.name)) throw new Error(`duplicate case ${c.name}`);
    names.add(c.name);
    writeFileSync(join(ROOT, 'messaging', `${c.name}.json`), JSON.stringify(c, null, 2) + '\n');
  }
  const count = (d: string) => readdirSync(join(ROOT, d)).length;
  console.log(`xml: ${xml.cases.length} cases (${xml.files.size} generated, ${HAND_XML.length} hand-written); rest: ${count('rest')}; messaging: ${count('messaging')}`);
}

main();
