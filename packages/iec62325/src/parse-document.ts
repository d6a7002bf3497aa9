import { ParseOption, XmlDocument, XmlParseError } from 'libxml2-wasm';
import { readAcknowledgement } from './documents/acknowledgement.parser.js';
import { readAssetList } from './documents/asset-list.parser.js';
import { readAssetRegistration } from './documents/asset-registration.parser.js';
import { readCapacityLimit } from './documents/capacity-limit.parser.js';
import { readConnectionPointRegistration } from './documents/connection-point-registration.parser.js';
import { readSchedule } from './documents/schedule.parser.js';
import { readStatusRequest } from './documents/status-request.parser.js';
import { DocumentError, DocumentErrorCode } from './errors/document-error.js';
import type { ParsedDocument } from './model/parsed-document.types.js';
import { DOCUMENT_SCHEMAS, kindOfRoot, type DocumentKind } from './schema/document-kinds.js';
import { validateWithProfile } from './schema/profile-validators.js';
import { guardInput, type ReadOptions } from './xml/input-guard.js';
import { lightTree, type LightElement } from './xml/light-tree.js';

// The receiving pipeline, one pass: guard the bytes -> parse once with libxml2 (no network, no
// external entities, explicit UTF-8) -> identify root + namespace -> validate that tree against
// the compiled profile -> read the typed document from the same tree -> semantic rules. Every
// failure is a DocumentError carrying a 451-1 reason code; nothing else escapes.
const PARSE_OPTIONS = { encoding: 'utf-8', option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE };

export type DocumentOf<K extends DocumentKind> = Extract<ParsedDocument, { kind: K }>['document'];

const READERS: { [K in DocumentKind]: (root: LightElement) => DocumentOf<K> } = {
  schedule: readSchedule,
  'capacity-limit': readCapacityLimit,
  'status-request': readStatusRequest,
  acknowledgement: readAcknowledgement,
  'asset-registration': readAssetRegistration,
  'connection-point-registration': readConnectionPointRegistration,
  'asset-list': readAssetList,
};

function parseXml(bytes: Uint8Array): XmlDocument {
  try {
    return XmlDocument.fromBuffer(bytes, PARSE_OPTIONS);
  } catch (error) {
    const detail = error instanceof XmlParseError ? error.details[0] : undefined;
    const message = (detail?.message ?? (error as Error).message).trim();
    throw new DocumentError(DocumentErrorCode.NotWellFormed, `not well-formed XML: ${message}`, {
      field: detail === undefined ? undefined : `line ${detail.line}`,
      cause: error,
    });
  }
}

/** Runs the pipeline up to schema validation, then `read` on the validated root. */
function withValidTree<T>(input: string | Uint8Array, options: ReadOptions, expected: DocumentKind | undefined, read: (kind: DocumentKind, root: () => LightElement) => T): T {
  try {
    const document = parseXml(guardInput(input, options));
    try {
      const root = document.root;
      const kind = kindOfRoot(root.namespaceUri, root.name);
      if (kind === undefined) {
        throw new DocumentError(DocumentErrorCode.UnknownDocument, `unknown document: root ${root.name} in namespace ${JSON.stringify(root.namespaceUri)}`, { field: root.name });
      }
      if (expected !== undefined && kind !== expected) {
        throw new DocumentError(DocumentErrorCode.WrongKind, `expected ${DOCUMENT_SCHEMAS[expected].root}, got ${root.name}`, { field: root.name });
      }
      validateWithProfile(kind, document);
      return read(kind, () => lightTree(root));
    } finally {
      document.dispose();
    }
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError(DocumentErrorCode.Internal, `unexpected failure reading a document: ${(error as Error)?.message}`, { cause: error });
  }
}

/** Detects the kind, validates against its profile and returns the typed document. */
export function parseDocument(input: string | Uint8Array, options: ReadOptions = {}): ParsedDocument {
  return withValidTree(input, options, undefined, (kind, root) => ({ kind, document: READERS[kind](root()) }) as ParsedDocument);
}

/** Parses a document that must be of `kind`. */
export function parseDocumentOfKind<K extends DocumentKind>(kind: K, input: string | Uint8Array, options: ReadOptions = {}): DocumentOf<K> {
  const read = READERS[kind] as (root: LightElement) => DocumentOf<K>;
  return withValidTree(input, options, kind, (_, root) => read(root()));
}

export type ValidationResult = { valid: true; kind: DocumentKind } | { valid: false; error: DocumentError };

/** Everything parseDocument checks (guard, profile, semantic rules), as a result instead of a throw. */
export function validateDocument(input: string | Uint8Array, options: ReadOptions = {}): ValidationResult {
  try {
    return { valid: true, kind: parseDocument(input, options).kind };
  } catch (error) {
    return { valid: false, error: error as DocumentError };
  }
}

/** Schema validation only (guard + profile), without reading the document: the hot-path validator rate. */
export function validateSchemaOnly(input: string | Uint8Array, options: ReadOptions = {}): DocumentKind {
  return withValidTree(input, options, undefined, (kind) => kind);
}
