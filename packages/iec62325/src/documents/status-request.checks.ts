import { checkAssetId, checkHeader, checkUnique } from '../checks/common.checks.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { StatusRequestDocument } from '../model/market-documents.types.js';
import { intervalBounds } from '../time/esmp-time.js';

const ROOT = 'StatusRequest_MarketDocument';

/** F5/F9 request rules beyond the schema. */
export function checkStatusRequest(doc: StatusRequestDocument): void {
  checkHeader(doc, ROOT);
  if (doc.requested !== 'asset-list' && doc.requested !== 'schedules') {
    throw new DocumentError(DocumentErrorCode.InvalidContent, `requested must be asset-list or schedules, got ${JSON.stringify(doc.requested)}`, {
      field: `${ROOT}/AttributeInstanceComponent`,
    });
  }
  if (!Array.isArray(doc.assetIds)) throw new DocumentError(DocumentErrorCode.InvalidContent, 'assetIds must be an array', { field: ROOT });
  doc.assetIds.forEach((id, i) => checkAssetId(id, `${ROOT}/AttributeInstanceComponent[RegisteredResource ${i + 1}]`));
  checkUnique(doc.assetIds, `${ROOT}/AttributeInstanceComponent`, 'asset');
  if (doc.interval !== undefined) intervalBounds(doc.interval, `${ROOT}/AttributeInstanceComponent[TimeInterval]`);
}
