import { checkAssetId, checkConnectionPoint, checkNonEmpty, checkPartyId, checkRevisedHeader, checkText, checkUnique, checkUnit } from '../checks/common.checks.js';
import { checkCapabilities } from '../checks/capabilities.checks.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { AssetRegistrationDocument } from '../model/registration-documents.types.js';

const ROOT = 'AssetRegistration_MarketDocument';

/** F4 rules: register/update carry every asset field, remove only the asset; each asset once. */
export function checkAssetRegistration(doc: AssetRegistrationDocument): void {
  checkRevisedHeader(doc, ROOT);
  checkUnit(doc.unit, `${ROOT}/quantity_Measurement_Unit.name`);
  checkNonEmpty(doc.assets, `${ROOT}/RegisteredResource`);
  doc.assets.forEach((entry, i) => {
    const field = `${ROOT}/RegisteredResource[${i + 1}]`;
    checkAssetId(entry.assetId, `${field}/mRID`);
    if (entry.action === 'remove') return;
    if (entry.action !== 'register' && entry.action !== 'update') {
      throw new DocumentError(DocumentErrorCode.InvalidContent, `action must be register, update or remove, got ${JSON.stringify((entry as { action: unknown }).action)}`, {
        field: `${field}/action_Status.value`,
      });
    }
    if (entry.name !== undefined) checkText(entry.name, 200, `${field}/name`);
    checkPartyId(entry.operator, `${field}/operator_MarketParticipant.mRID`, 'A64');
    checkConnectionPoint(entry.connectionPoint, `${field}/marketEvaluationPoint.mRID`);
    checkCapabilities(entry, field);
  });
  checkUnique(doc.assets.map((a) => a.assetId), `${ROOT}/RegisteredResource`, 'asset');
}
