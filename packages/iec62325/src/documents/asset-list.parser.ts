import type { LightElement } from '../xml/light-tree.js';
import type { QuantityUnit } from '../codes/market-codes.js';
import type { AssetListDocument, ListedAsset } from '../model/registration-documents.types.js';
import { ElementCursor } from '../xml/element-cursor.js';
import { readCapabilities, readStandardHeader } from '../xml/esmp-readers.js';
import { checkAssetList } from './asset-list.checks.js';

/** Reads a profile-valid AssetList_MarketDocument and applies the F5 rules. */
export function readAssetList(root: LightElement): AssetListDocument {
  const c = new ElementCursor(root, 'AssetList_MarketDocument');
  const { mRID, revisionNumber, sender, receiver, createdDateTime } = readStandardHeader(c);
  const unit = c.text('quantity_Measurement_Unit.name') as QuantityUnit;
  // The profile admits both or neither, each 1..10,000.
  const page = c.optionalText('page');
  const pageCount = page === undefined ? undefined : c.text('pageCount');
  const assets = c.elements('RegisteredResource').map((element, i): ListedAsset => {
    const r = new ElementCursor(element, `${c.path}/RegisteredResource[${i + 1}]`);
    const assetId = r.text('mRID', false);
    const name = r.optionalText('name', false);
    const connectionPoint = r.text('marketEvaluationPoint.mRID', false);
    const asset: ListedAsset = { assetId, connectionPoint, ...readCapabilities(r, unit) };
    if (name !== undefined) asset.name = name;
    return asset;
  });
  const doc: AssetListDocument = { mRID, revisionNumber, sender, receiver, createdDateTime, unit, assets };
  if (page !== undefined && pageCount !== undefined) doc.paging = { page: Number(page), pageCount: Number(pageCount) };
  checkAssetList(doc);
  return doc;
}
