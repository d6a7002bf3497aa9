import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XmlBufferInputProvider, XmlDocument, XmlValidateError, XsdValidator, xmlRegisterInputProvider } from 'libxml2-wasm';
import { referenceSchemaDir } from '../../../testing/src/reference.js';
import { DOCUMENT_SCHEMAS, type DocumentKind } from '../schema/document-kinds.js';
import { xsdDir } from '../schema/xsd-dir.js';

// Conformance yardstick (test code): the OFFICIAL document schemas + the OFFICIAL code lists + the
// project's own local-extension-types file, combined without copying any official file into the
// repository - in memory for libxml2 and in a temporary folder of symbolic links for Xerces.
export const LOCAL_EXTENSION_FILE = 'urn-entsoe-eu-local-extension-types.xsd';
const SCHEME = 'tps-official:///';

/**
 * The reference folder, or a loud failure: conformance is never skipped and never passes
 * silently (the reference README asks for a failure under CI=true; we fail everywhere, so a
 * missing folder cannot go unnoticed on a developer machine either).
 */
export function requireReferenceDir(_context?: Mocha.Context): string {
  const dir = referenceSchemaDir();
  if (dir !== undefined) return dir;
  throw new Error('OFFICIAL IEC 62325 SCHEMAS NOT FOUND (../shared/reference/iec62325 beside the checkout, or set TPS_REFERENCE_DIR): conformance cannot be checked');
}

/** Which local-extension file completes the official code lists. */
export type LocalExtension = 'project' | 'published-placeholder';

/** The official files, with the project's local-extension file in place of the published placeholder one. */
function combinedFiles(referenceDir: string, localExtension: LocalExtension): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const file of readdirSync(referenceDir).filter((f) => f.endsWith('.xsd'))) files.set(file, readFileSync(join(referenceDir, file)));
  if (localExtension === 'project') files.set(LOCAL_EXTENSION_FILE, readFileSync(join(xsdDir(), LOCAL_EXTENSION_FILE)));
  return files;
}

export interface Verdict {
  valid: boolean;
  message: string;
}

/** libxml2 validators compiled from the official schemas (one per official document kind). */
export class OfficialLibxml2Validators {
  private static registered = false;
  private static readonly provider = new XmlBufferInputProvider({});
  private readonly compiled = new Map<DocumentKind, { schema: XmlDocument; validator: XsdValidator }>();

  constructor(referenceDir: string, localExtension: LocalExtension = 'project') {
    const files = combinedFiles(referenceDir, localExtension);
    const base = `${SCHEME}${localExtension}/`;
    for (const [file, bytes] of files) OfficialLibxml2Validators.provider.addBuffer(base + file, bytes);
    if (!OfficialLibxml2Validators.registered) {
      xmlRegisterInputProvider(OfficialLibxml2Validators.provider);
      OfficialLibxml2Validators.registered = true;
    }
    for (const [kind, schema] of Object.entries(DOCUMENT_SCHEMAS) as Array<[DocumentKind, (typeof DOCUMENT_SCHEMAS)[DocumentKind]]>) {
      if (schema.official === undefined) continue;
      const doc = XmlDocument.fromBuffer(files.get(schema.official)!, { url: base + schema.official });
      this.compiled.set(kind, { schema: doc, validator: XsdValidator.fromDoc(doc) });
    }
  }

  validate(kind: DocumentKind, xml: string): Verdict {
    const entry = this.compiled.get(kind);
    if (entry === undefined) throw new Error(`${kind} has no official schema`);
    const doc = XmlDocument.fromString(xml);
    try {
      entry.validator.validate(doc);
      return { valid: true, message: '' };
    } catch (error) {
      if (error instanceof XmlValidateError) return { valid: false, message: error.message };
      throw error;
    } finally {
      doc.dispose();
    }
  }

  dispose(): void {
    for (const { schema, validator } of this.compiled.values()) {
      validator.dispose();
      schema.dispose();
    }
    this.compiled.clear();
  }
}

/** A temporary folder where the official schemas resolve their includes to the project's local-extension file. */
export function makeCombinedSchemaFolder(referenceDir: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tps-conformance-'));
  for (const file of readdirSync(referenceDir).filter((f) => f.endsWith('.xsd') && f !== LOCAL_EXTENSION_FILE)) {
    symlinkSync(join(referenceDir, file), join(dir, file));
  }
  writeFileSync(join(dir, LOCAL_EXTENSION_FILE), readFileSync(join(xsdDir(), LOCAL_EXTENSION_FILE)));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// xsd-schema-validator ships no type declarations; this is the part used.
const require = createRequire(import.meta.url);
const xsdSchemaValidator = require('xsd-schema-validator') as {
  validateXML(xml: string, schemaPath: string): Promise<{ valid: boolean; messages: string[] }>;
};

/** Xerces (Java) verdict; starts a JVM per call, so use it on a small sample only. */
export async function validateWithXerces(xml: string, schemaPath: string): Promise<Verdict> {
  try {
    const result = await xsdSchemaValidator.validateXML(xml, schemaPath);
    return { valid: result.valid, message: result.messages.join('\n') };
  } catch (error) {
    const e = error as Error & { messages?: string[]; valid?: boolean };
    if (e.valid === false) return { valid: false, message: e.message };
    throw error;
  }
}
