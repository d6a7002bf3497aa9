import type { ReasonCode } from '../codes/reason-codes.js';

// Every failure of the wire layer is a DocumentError: hostile or broken input never escapes as
// another kind of throw, and every rejection carries a 451-1 reason code so the receiver can
// answer with a negative Acknowledgement_MarketDocument.
export const DocumentErrorCode = {
  TooLarge: 'DOCUMENT_TOO_LARGE',
  ForbiddenMarkup: 'DOCUMENT_FORBIDDEN_MARKUP',
  UnsupportedEncoding: 'DOCUMENT_UNSUPPORTED_ENCODING',
  NotWellFormed: 'DOCUMENT_NOT_WELL_FORMED',
  UnknownDocument: 'DOCUMENT_UNKNOWN',
  WrongKind: 'DOCUMENT_WRONG_KIND',
  SchemaInvalid: 'DOCUMENT_SCHEMA_INVALID',
  InvalidIdentifier: 'DOCUMENT_INVALID_IDENTIFIER',
  DuplicateIdentifier: 'DOCUMENT_DUPLICATE_IDENTIFIER',
  InvalidTime: 'DOCUMENT_INVALID_TIME',
  InvalidResolution: 'DOCUMENT_INVALID_RESOLUTION',
  InvalidPositions: 'DOCUMENT_INVALID_POSITIONS',
  InvalidQuantity: 'DOCUMENT_INVALID_QUANTITY',
  InvalidContent: 'DOCUMENT_INVALID_CONTENT',
  Internal: 'DOCUMENT_INTERNAL',
} as const;

export type DocumentErrorCode = (typeof DocumentErrorCode)[keyof typeof DocumentErrorCode];

// The reason code a receiver reports when nothing more specific is known about the field.
const DEFAULT_REASON: Record<DocumentErrorCode, ReasonCode> = {
  DOCUMENT_TOO_LARGE: 'A94',
  DOCUMENT_FORBIDDEN_MARKUP: 'A94',
  DOCUMENT_UNSUPPORTED_ENCODING: 'A94',
  DOCUMENT_NOT_WELL_FORMED: 'A94',
  DOCUMENT_UNKNOWN: 'A94',
  DOCUMENT_WRONG_KIND: 'A94',
  DOCUMENT_SCHEMA_INVALID: '999',
  DOCUMENT_INVALID_IDENTIFIER: 'A64',
  DOCUMENT_DUPLICATE_IDENTIFIER: 'A55',
  DOCUMENT_INVALID_TIME: 'A04',
  DOCUMENT_INVALID_RESOLUTION: 'A41',
  DOCUMENT_INVALID_POSITIONS: 'A49',
  DOCUMENT_INVALID_QUANTITY: 'A42',
  DOCUMENT_INVALID_CONTENT: '999',
  DOCUMENT_INTERNAL: '999',
};

export interface DocumentErrorOptions {
  /** The offending field, as a path in the document (e.g. `TimeSeries[2]/Period/Point[5]`). */
  field?: string;
  /** Overrides the code's default 451-1 reason code. */
  reasonCode?: ReasonCode;
  cause?: unknown;
}

export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  readonly code: DocumentErrorCode;
  readonly reasonCode: ReasonCode;
  readonly field: string | undefined;

  constructor(code: DocumentErrorCode, message: string, options: DocumentErrorOptions = {}) {
    super(options.field === undefined ? message : `${options.field}: ${message}`, { cause: options.cause });
    this.code = code;
    this.reasonCode = options.reasonCode ?? DEFAULT_REASON[code];
    this.field = options.field;
  }
}

export function isDocumentError(value: unknown): value is DocumentError {
  return value instanceof DocumentError;
}
