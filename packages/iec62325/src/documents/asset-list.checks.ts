import { checkAssetId, checkConnectionPoint, checkRevisedHeader, checkText, checkUnique, checkUnit } from '../checks/common.checks.js';
import { checkCapabilities } from '../checks/capabilities.checks.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import { MAX_ASSET_LIST_PAGES, type AssetListDocument } from '../model/registration-documents.types.js';

const ROOT = 'AssetList_MarketDocument';

/** F5 rules of an asset list: each asset once, with its connection point and capabilities. */
export function checkAssetList(doc: AssetListDocument): void {
  checkRevisedHeader(doc, ROOT);
  checkUnit(doc.unit, `${ROOT}/quantity_Measurement_Unit.name`);
  if (doc.paging !== undefined) {
    const { page, pageCount } = doc.paging;
    const whole = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= MAX_ASSET_LIST_PAGES;
    if (!whole(pageCount)) throw new DocumentError(DocumentErrorCode.InvalidContent, `pageCount must be a whole number from 1 to ${MAX_ASSET_LIST_PAGES}`, { field: `${ROOT}/pageCount` });
    if (!whole(page) || page > pageCount) throw new DocumentError(DocumentErrorCode.InvalidContent, 'page must be a whole number from 1 to pageCount', { field: `${ROOT}/page` });
  }
  if (!Array.isArray(doc.assets)) throw new DocumentError(DocumentErrorCode.InvalidContent, 'assets must be an array', { field: `${ROOT}/RegisteredResource` });
  doc.assets.forEach((asset, i) => {
    const field = `${ROOT}/RegisteredResource[${i + 1}]`;
    checkAssetId(asset.assetId, `${field}/mRID`);
    if (asset.name !== undefined) checkText(asset.name, 200, `${field}/name`);
    checkConnectionPoint(asset.connectionPoint, `${field}/marketEvaluationPoint.mRID`);
    checkCapabilities(asset, field);
  });
  checkUnique(doc.assets.map((a) => a.assetId), `${ROOT}/RegisteredResource`, 'asset');
}
