import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentErrorCode } from '../errors/document-error.js';
import { DOCUMENT_KINDS } from '../schema/document-kinds.js';
import { validateFiles, writeExampleFiles } from './document-files.js';

describe('document files (tps doc example / validate)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tps-doc-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('F1: writes one valid example per document kind, named after the kind', async () => {
    const written = await writeExampleFiles(dir);
    expect(readdirSync(dir).sort()).to.deep.equal(DOCUMENT_KINDS.map((kind) => `${kind}.xml`).sort());
    const results = await validateFiles(written);
    expect(results.map((r) => [r.valid, r.kind])).to.deep.equal(DOCUMENT_KINDS.map((kind) => [true, kind]));
  });

  it('F1: reports the reason per invalid file, including unreadable and oversized ones', async () => {
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<!DOCTYPE x><x/>');
    const results = await validateFiles([bad, join(dir, 'missing.xml')]);
    expect(results[0]).to.include({ file: bad, valid: false });
    expect(results[0]?.error).to.include({ code: DocumentErrorCode.ForbiddenMarkup, reasonCode: 'A94' });
    expect(results[1]?.error?.code).to.equal(DocumentErrorCode.Internal);
    const [big] = await validateFiles([bad], { maxBytes: 5 });
    expect(big?.error?.code).to.equal(DocumentErrorCode.TooLarge);
  });
});
