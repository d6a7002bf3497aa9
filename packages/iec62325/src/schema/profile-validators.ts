import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlBufferInputProvider, XmlDocument, XmlValidateError, XsdValidator, xmlRegisterInputProvider } from 'libxml2-wasm';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import { DOCUMENT_KINDS, DOCUMENT_SCHEMAS, type DocumentKind } from './document-kinds.js';
import { xsdDir } from './xsd-dir.js';

// Every profile is compiled ONCE per process (on first use, or eagerly by compileProfiles() at
// start-up) and kept; validation on the hot path is then an in-process libxml2 call on the tree
// that was already parsed, with no child process and no file access.
//
// libxml2 resolves xs:include through registered input providers (wasm has no file system).
// The profiles are served from memory under a private URL scheme, so no other provider in the
// process can answer for them, and instance documents can load nothing: they have no DTD and
// libxml2 does not follow xsi:schemaLocation hints.
const SCHEME = 'tps-xsd:///';

interface CompiledProfile {
  schemaDocument: XmlDocument;
  validator: XsdValidator;
}

const buffers = new XmlBufferInputProvider({});
let providerRegistered = false;
let compiled: Map<DocumentKind, CompiledProfile> | undefined;

function compile(): Map<DocumentKind, CompiledProfile> {
  const dir = xsdDir();
  const files = readdirSync(dir).filter((file) => file.endsWith('.xsd'));
  for (const file of files) buffers.addBuffer(SCHEME + file, readFileSync(join(dir, file)));
  if (!providerRegistered) {
    if (!xmlRegisterInputProvider(buffers)) throw new Error('libxml2 refused the schema input provider');
    providerRegistered = true;
  }
  const result = new Map<DocumentKind, CompiledProfile>();
  for (const kind of DOCUMENT_KINDS) {
    const file = DOCUMENT_SCHEMAS[kind].profile;
    const source = readFileSync(join(dir, file));
    const schemaDocument = XmlDocument.fromBuffer(source, { url: SCHEME + file });
    try {
      result.set(kind, { schemaDocument, validator: XsdValidator.fromDoc(schemaDocument) });
    } catch (error) {
      schemaDocument.dispose();
      throw new Error(`cannot compile ${join(dir, file)}: ${(error as Error).message}`, { cause: error });
    }
  }
  return result;
}

/** Compiles all profiles now (call at start-up to fail fast); later calls are free. */
export function compileProfiles(): void {
  if (compiled !== undefined) return;
  try {
    compiled = compile();
  } catch (error) {
    throw new DocumentError(DocumentErrorCode.Internal, `schema compilation failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Frees the compiled profiles (tests, shutdown). They are recompiled on next use. */
export function disposeProfiles(): void {
  for (const profile of compiled?.values() ?? []) {
    profile.validator.dispose();
    profile.schemaDocument.dispose();
  }
  compiled = undefined;
}

function describe(error: XmlValidateError): { message: string; field: string; missing: boolean } {
  const first = error.details[0];
  // Qualified names "{urn:...}quantity" are noise in a message; the element name is what matters.
  const message = (first?.message ?? error.message).replace(/\{[^}]*\}/g, '').trim();
  return { message, field: first === undefined ? 'document' : `line ${first.line}`, missing: /Missing child element/.test(message) };
}

/** Validates a parsed document against the compiled profile of `kind`. */
export function validateWithProfile(kind: DocumentKind, document: XmlDocument): void {
  compileProfiles();
  const profile = compiled?.get(kind);
  if (profile === undefined) throw new DocumentError(DocumentErrorCode.Internal, `no profile for ${kind}`);
  try {
    profile.validator.validate(document);
  } catch (error) {
    if (error instanceof XmlValidateError) {
      const { message, field, missing } = describe(error);
      throw new DocumentError(DocumentErrorCode.SchemaInvalid, `not valid against ${DOCUMENT_SCHEMAS[kind].profile}: ${message}`, {
        field,
        reasonCode: missing ? 'A69' : '999',
        cause: error,
      });
    }
    throw new DocumentError(DocumentErrorCode.Internal, `schema validation failed: ${(error as Error).message}`, { cause: error });
  }
}
