import { expect } from 'chai';
import fc from 'fast-check';
import { join } from 'node:path';
import { buildDocument } from '../build-document.js';
import { exampleVariants } from '../examples/example-documents.js';
import type { ParsedDocument } from '../model/parsed-document.types.js';
import { DOCUMENT_KINDS, DOCUMENT_SCHEMAS } from '../schema/document-kinds.js';
import { xsdDir } from '../schema/xsd-dir.js';
import { parsedDocumentArb } from '../testing/document.arbitraries.js';
import { makeCombinedSchemaFolder, requireReferenceDir, validateWithXerces } from './official-schemas.js';

// The second, independent validator: Xerces (Java) through xsd-schema-validator. It starts a JVM
// per document (about 2.5 documents/s), so it checks a small representative sample: one generated
// document per kind plus the unforeseen limit with the local action codes. Official documents go
// against official schema + official code lists + project local-extension file; the project's own
// documents against their schemas in xsd/.
describe('conformance cross-check with Xerces (xsd-schema-validator)', function () {
  this.timeout(180_000);
  let folder: { dir: string; remove(): void } | undefined;

  before(function () {
    folder = makeCombinedSchemaFolder(requireReferenceDir(this));
  });
  after(() => folder?.remove());

  it('F1: a sample of every kind (and the local codes) is valid for Xerces too', async () => {
    const sample: ParsedDocument[] = [
      ...DOCUMENT_KINDS.map((kind) => fc.sample(parsedDocumentArb(kind), { numRuns: 1, seed: 2026 })[0]!),
      exampleVariants()['capacity-limit.unforeseen']!,
    ];
    const schemaOf = (doc: ParsedDocument): string => {
      const schema = DOCUMENT_SCHEMAS[doc.kind];
      return schema.official === undefined ? join(xsdDir(), schema.profile) : join(folder!.dir, schema.official);
    };
    // Two JVMs at a time.
    const verdicts: Array<{ kind: string; valid: boolean; message: string }> = [];
    for (let i = 0; i < sample.length; i += 2) {
      const batch = sample.slice(i, i + 2);
      const results = await Promise.all(batch.map((doc) => validateWithXerces(buildDocument(doc), schemaOf(doc))));
      results.forEach((verdict, j) => verdicts.push({ kind: batch[j]!.kind, ...verdict }));
    }
    expect(verdicts.filter((v) => !v.valid)).to.deep.equal([]);
    expect(verdicts).to.have.length(DOCUMENT_KINDS.length + 1);
  });

  it('F1: Xerces rejects what the official schemas reject (the cross-check can fail)', async () => {
    const xml = buildDocument(exampleVariants()['capacity-limit.unforeseen']!).replace('<businessType>Z02</businessType>', '<businessType>Z04</businessType>');
    const verdict = await validateWithXerces(xml, join(folder!.dir, DOCUMENT_SCHEMAS['capacity-limit'].official!));
    expect(verdict.valid).to.equal(false);
    expect(verdict.message).to.include('Z04');
  });
});
