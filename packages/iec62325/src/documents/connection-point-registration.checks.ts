import { checkConnectionPoint, checkNonEmpty, checkPartyId, checkRevisedHeader, checkUnique } from '../checks/common.checks.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { ConnectionPointRegistrationDocument } from '../model/registration-documents.types.js';

const ROOT = 'ConnectionPointRegistration_MarketDocument';

/** F4 rules: a DSO and at least one connection point, each named once. */
export function checkConnectionPointRegistration(doc: ConnectionPointRegistrationDocument): void {
  checkRevisedHeader(doc, ROOT);
  checkPartyId(doc.dso, `${ROOT}/systemOperator_MarketParticipant.mRID`, 'A78');
  checkNonEmpty(doc.connectionPoints, `${ROOT}/MarketEvaluationPoint`);
  doc.connectionPoints.forEach((point, i) => {
    const field = `${ROOT}/MarketEvaluationPoint[${i + 1}]`;
    checkConnectionPoint(point.connectionPoint, `${field}/mRID`);
    if (point.action !== 'add' && point.action !== 'remove') {
      throw new DocumentError(DocumentErrorCode.InvalidContent, `action must be add or remove, got ${JSON.stringify(point.action)}`, { field: `${field}/action_Status.value` });
    }
  });
  checkUnique(doc.connectionPoints.map((p) => p.connectionPoint), `${ROOT}/MarketEvaluationPoint`, 'connection point');
}
