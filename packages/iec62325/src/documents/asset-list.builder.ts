import { MESSAGE_TYPE, PROCESS_TYPE } from '../codes/market-codes.js';
import type { AssetListDocument } from '../model/registration-documents.types.js';
import { NAMESPACE } from '../schema/document-kinds.js';
import { EIC_SCHEME, GSRN_SCHEME, writeCapabilities, writeStandardHeader } from '../xml/esmp-writers.js';
import { XmlWriter, type WriteOptions } from '../xml/xml-writer.js';
import { checkAssetList } from './asset-list.checks.js';

/**
 * AssetList_MarketDocument (F5, project namespace). NF3: only the fields named here are written;
 * an operator (or anything else) on the input objects never reaches the wire.
 */
export function buildAssetList(doc: AssetListDocument, options?: WriteOptions): string {
  checkAssetList(doc);
  const w = new XmlWriter(options).root('AssetList_MarketDocument', NAMESPACE.assetList);
  writeStandardHeader(w, doc, MESSAGE_TYPE.configuration, PROCESS_TYPE.synchronisation).leaf('quantity_Measurement_Unit.name', doc.unit);
  if (doc.paging) w.leaf('page', String(doc.paging.page)).leaf('pageCount', String(doc.paging.pageCount));
  for (const asset of doc.assets) {
    w.open('RegisteredResource').leaf('mRID', asset.assetId, EIC_SCHEME);
    if (asset.name !== undefined) w.leaf('name', asset.name);
    w.leaf('marketEvaluationPoint.mRID', asset.connectionPoint, GSRN_SCHEME);
    writeCapabilities(w, asset, doc.unit);
    w.close('RegisteredResource');
  }
  return w.close('AssetList_MarketDocument').toString();
}
