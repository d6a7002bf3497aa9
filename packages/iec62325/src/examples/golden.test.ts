import { expect } from 'chai';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDocument } from '../build-document.js';
import { parseDocument } from '../parse-document.js';
import { exampleDocuments, exampleVariants } from './example-documents.js';

// Golden files: fixtures/golden/<name>.expected.xml is the exact pretty serialisation of the
// example <name> (the form for people). Documents on the wire are compact: the same text without
// the indentation and line breaks between elements, which the second test derives from the golden
// file. Regenerate after an intended format change with UPDATE_GOLDEN=1 and review the diff.
const GOLDEN = fileURLToPath(new URL('../../fixtures/golden/', import.meta.url));
const examples = { ...exampleDocuments(), ...exampleVariants() };

describe('golden files', () => {
  it('F1: there is exactly one golden file per example', () => {
    const names = readdirSync(GOLDEN).map((file) => file.replace(/\.expected\.xml$/, ''));
    expect(names.sort()).to.deep.equal(Object.keys(examples).sort());
  });

  for (const [name, example] of Object.entries(examples)) {
    it(`F1: ${name} serialises exactly as ${name}.expected.xml and parses back`, () => {
      const path = join(GOLDEN, `${name}.expected.xml`);
      const built = buildDocument(example, { pretty: true });
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, built);
      const expected = readFileSync(path, 'utf8');
      expect(built).to.equal(expected);
      expect(parseDocument(expected)).to.deep.equal(example);
    });

    it(`F1: ${name} on the wire (default, compact) is ${name}.expected.xml without the whitespace between elements`, () => {
      const golden = readFileSync(join(GOLDEN, `${name}.expected.xml`), 'utf8');
      // Only the indentation after a line break goes: text content never holds a line break here.
      const compact = golden.replace(/\n\s*/g, '');
      const built = buildDocument(example);
      expect(built).to.equal(compact);
      expect(built.length).to.be.lessThan(golden.length);
      expect(parseDocument(built)).to.deep.equal(example);
    });
  }
});
