import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';

// Hostile-input gate, run on the raw bytes BEFORE libxml2 sees them:
//   - size limit (configurable, default 4 MiB): bounds memory and time of everything after;
//   - UTF-8 only: a UTF-16/32 or EBCDIC document could hide "<!DOCTYPE" from a byte scan, so any
//     other BOM, a NUL byte or a declared non-UTF-8 encoding is refused (libxml2 is then told
//     UTF-8 explicitly, which also turns off its encoding auto-detection);
//   - no DTD at all: any "<!" that does not open a comment or CDATA section (DOCTYPE, ENTITY,
//     ELEMENT, ATTLIST, NOTATION) is refused. Without a DTD there are no entities to expand (XXE,
//     billion laughs, quadratic blow-up) and nothing external to load.
export const DEFAULT_MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

export interface ReadOptions {
  /** Largest accepted document in bytes (default DEFAULT_MAX_DOCUMENT_BYTES). */
  maxBytes?: number;
}

const encoder = new TextEncoder();
const DECLARED_ENCODING = /^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/;
const COMMENT = [0x2d, 0x2d]; // "--"
const CDATA = [0x5b, 0x43, 0x44, 0x41, 0x54, 0x41, 0x5b]; // "[CDATA["

function startsWith(bytes: Uint8Array, at: number, expected: number[]): boolean {
  for (let i = 0; i < expected.length; i++) if (bytes[at + i] !== expected[i]) return false;
  return true;
}

function tooLarge(size: number, max: number): DocumentError {
  return new DocumentError(DocumentErrorCode.TooLarge, `document is ${size} bytes, the limit is ${max}`);
}

/** Checks the input and returns it as UTF-8 bytes ready for libxml2. */
export function guardInput(input: string | Uint8Array, options: ReadOptions = {}): Uint8Array {
  const max = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  let bytes: Uint8Array;
  if (typeof input === 'string') {
    if (input.length > max) throw tooLarge(input.length, max);
    // String.prototype.isWellFormed (Node 20) is not in the ES2023 lib typings.
    if (!(input as string & { isWellFormed(): boolean }).isWellFormed()) {
      throw new DocumentError(DocumentErrorCode.UnsupportedEncoding, 'the text contains unpaired surrogates');
    }
    bytes = encoder.encode(input);
  } else if (input instanceof Uint8Array) {
    bytes = input;
  } else {
    throw new DocumentError(DocumentErrorCode.NotWellFormed, 'a document must be given as a string or as bytes');
  }
  if (bytes.length > max) throw tooLarge(bytes.length, max);
  if (bytes.length === 0) throw new DocumentError(DocumentErrorCode.NotWellFormed, 'the document is empty');

  // A zero-copy Buffer view gives native byte searches.
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const b0 = view[0];
  const b1 = view[1];
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe) || view.indexOf(0) !== -1) {
    throw new DocumentError(DocumentErrorCode.UnsupportedEncoding, 'only UTF-8 documents are accepted');
  }
  const start = b0 === 0xef && b1 === 0xbb && view[2] === 0xbf ? 3 : 0;
  // The XML declaration, if any, is within the first bytes; Latin-1 decoding is enough to read it.
  const head = view.toString('latin1', start, start + 200);
  const declared = DECLARED_ENCODING.exec(head)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    throw new DocumentError(DocumentErrorCode.UnsupportedEncoding, `declared encoding ${JSON.stringify(declared)} is not UTF-8`);
  }

  for (let at = view.indexOf('<!'); at !== -1; at = view.indexOf('<!', at + 2)) {
    if (startsWith(bytes, at + 2, COMMENT) || startsWith(bytes, at + 2, CDATA)) continue;
    const keyword = /^[A-Za-z]*/.exec(view.toString('latin1', at + 2, at + 10))?.[0] ?? '';
    throw new DocumentError(DocumentErrorCode.ForbiddenMarkup, `<!${keyword}...> is not accepted (no DTD, no entity declarations)`);
  }
  return bytes;
}
