import { checkHeader, checkId, checkReasons, checkRevision } from '../checks/common.checks.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { AcknowledgementDocument } from '../model/market-documents.types.js';

const ROOT = 'Acknowledgement_MarketDocument';

export function checkAcknowledgement(doc: AcknowledgementDocument): void {
  checkHeader(doc, ROOT);
  if (doc.received === null || typeof doc.received !== 'object') {
    throw new DocumentError(DocumentErrorCode.InvalidContent, 'missing received document', { field: `${ROOT}/received_MarketDocument.mRID`, reasonCode: 'A69' });
  }
  checkId(doc.received.mRID, `${ROOT}/received_MarketDocument.mRID`);
  if (doc.received.revisionNumber !== undefined) checkRevision(doc.received.revisionNumber, `${ROOT}/received_MarketDocument.revisionNumber`);
  if (typeof doc.accepted !== 'boolean') {
    throw new DocumentError(DocumentErrorCode.InvalidContent, 'accepted must be true or false', { field: `${ROOT}/Reason` });
  }
  checkReasons(doc.reasons, `${ROOT}/Reason`);
}
