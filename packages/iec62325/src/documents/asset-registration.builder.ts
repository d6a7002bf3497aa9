import { MESSAGE_TYPE, PROCESS_TYPE, STATUS } from '../codes/market-codes.js';
import type { AssetRegistrationDocument } from '../model/registration-documents.types.js';
import { NAMESPACE } from '../schema/document-kinds.js';
import { EIC_SCHEME, GSRN_SCHEME, writeCapabilities, writeStandardHeader } from '../xml/esmp-writers.js';
import { XmlWriter, type WriteOptions } from '../xml/xml-writer.js';
import { checkAssetRegistration } from './asset-registration.checks.js';

export const ACTION_STATUS = { register: STATUS.creation, update: STATUS.update, remove: STATUS.deactivation } as const;

/** AssetRegistration_MarketDocument (F4, project namespace): register, update or remove assets. */
export function buildAssetRegistration(doc: AssetRegistrationDocument, options?: WriteOptions): string {
  checkAssetRegistration(doc);
  const w = new XmlWriter(options).root('AssetRegistration_MarketDocument', NAMESPACE.assetRegistration);
  writeStandardHeader(w, doc, MESSAGE_TYPE.configuration, PROCESS_TYPE.registration).leaf('quantity_Measurement_Unit.name', doc.unit);
  for (const entry of doc.assets) {
    w.open('RegisteredResource').leaf('mRID', entry.assetId, EIC_SCHEME).leaf('action_Status.value', ACTION_STATUS[entry.action]);
    if (entry.action !== 'remove') {
      if (entry.name !== undefined) w.leaf('name', entry.name);
      w.leaf('operator_MarketParticipant.mRID', entry.operator, EIC_SCHEME).leaf('marketEvaluationPoint.mRID', entry.connectionPoint, GSRN_SCHEME);
      writeCapabilities(w, entry, doc.unit);
    }
    w.close('RegisteredResource');
  }
  return w.close('AssetRegistration_MarketDocument').toString();
}
