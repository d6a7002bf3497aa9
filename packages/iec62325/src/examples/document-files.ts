import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDocument } from '../build-document.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import { validateDocument } from '../parse-document.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, type ReadOptions } from '../xml/input-guard.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../schema/document-kinds.js';
import { exampleDocuments } from './example-documents.js';

// File-level helpers behind `tps doc example` and `tps doc validate`.

/** Writes `<kind>.xml` for each kind (default: every kind) into `dir`; returns the paths written. */
export async function writeExampleFiles(dir: string, kinds: readonly DocumentKind[] = DOCUMENT_KINDS): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const examples = exampleDocuments();
  const written: string[] = [];
  for (const kind of kinds) {
    const path = join(dir, `${kind}.xml`);
    await writeFile(path, buildDocument(examples[kind], { pretty: true }), 'utf8'); // files for people to read
    written.push(path);
  }
  return written;
}

export interface FileValidation {
  file: string;
  valid: boolean;
  kind?: DocumentKind;
  error?: { code: string; reasonCode: string; message: string };
}

async function validateFile(file: string, options: ReadOptions): Promise<FileValidation> {
  try {
    const max = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
    // Refuse oversized files before reading them into memory.
    const { size } = await stat(file);
    if (size > max) throw new DocumentError(DocumentErrorCode.TooLarge, `document is ${size} bytes, the limit is ${max}`);
    const result = validateDocument(await readFile(file), options);
    if (result.valid) return { file, valid: true, kind: result.kind };
    throw result.error;
  } catch (error) {
    const e = error instanceof DocumentError ? error : new DocumentError(DocumentErrorCode.Internal, `cannot read: ${(error as Error).message}`, { cause: error });
    return { file, valid: false, error: { code: e.code, reasonCode: e.reasonCode, message: e.message } };
  }
}

/** Validates files against the project's profiles and rules, in order. */
export async function validateFiles(files: readonly string[], options: ReadOptions = {}): Promise<FileValidation[]> {
  const results: FileValidation[] = [];
  for (const file of files) results.push(await validateFile(file, options));
  return results;
}
