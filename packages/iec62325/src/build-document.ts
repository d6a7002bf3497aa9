import { buildAcknowledgement } from './documents/acknowledgement.builder.js';
import { buildAssetList } from './documents/asset-list.builder.js';
import { buildAssetRegistration } from './documents/asset-registration.builder.js';
import { buildCapacityLimit } from './documents/capacity-limit.builder.js';
import { buildConnectionPointRegistration } from './documents/connection-point-registration.builder.js';
import { buildSchedule } from './documents/schedule.builder.js';
import { buildStatusRequest } from './documents/status-request.builder.js';
import { DocumentError, DocumentErrorCode } from './errors/document-error.js';
import type { ParsedDocument } from './model/parsed-document.types.js';
import type { WriteOptions } from './xml/xml-writer.js';

/** Builds any document from its kind (the inverse of parseDocument). */
export function buildDocument(parsed: ParsedDocument, options?: WriteOptions): string {
  switch (parsed.kind) {
    case 'schedule':
      return buildSchedule(parsed.document, options);
    case 'capacity-limit':
      return buildCapacityLimit(parsed.document, options);
    case 'status-request':
      return buildStatusRequest(parsed.document, options);
    case 'acknowledgement':
      return buildAcknowledgement(parsed.document, options);
    case 'asset-registration':
      return buildAssetRegistration(parsed.document, options);
    case 'connection-point-registration':
      return buildConnectionPointRegistration(parsed.document, options);
    case 'asset-list':
      return buildAssetList(parsed.document, options);
    default:
      throw new DocumentError(DocumentErrorCode.UnknownDocument, `unknown document kind ${JSON.stringify((parsed as { kind: unknown }).kind)}`);
  }
}
