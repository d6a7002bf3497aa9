import { MESSAGE_TYPE, PROCESS_TYPE, STATUS } from '../codes/market-codes.js';
import type { ConnectionPointRegistrationDocument } from '../model/registration-documents.types.js';
import { NAMESPACE } from '../schema/document-kinds.js';
import { EIC_SCHEME, GSRN_SCHEME, writeStandardHeader } from '../xml/esmp-writers.js';
import { XmlWriter, type WriteOptions } from '../xml/xml-writer.js';
import { checkConnectionPointRegistration } from './connection-point-registration.checks.js';

export const POINT_ACTION_STATUS = { add: STATUS.creation, remove: STATUS.deactivation } as const;

/** ConnectionPointRegistration_MarketDocument (F4, project namespace). */
export function buildConnectionPointRegistration(doc: ConnectionPointRegistrationDocument, options?: WriteOptions): string {
  checkConnectionPointRegistration(doc);
  const w = new XmlWriter(options).root('ConnectionPointRegistration_MarketDocument', NAMESPACE.connectionPointRegistration);
  writeStandardHeader(w, doc, MESSAGE_TYPE.configuration, PROCESS_TYPE.registration).leaf('systemOperator_MarketParticipant.mRID', doc.dso, EIC_SCHEME);
  for (const point of doc.connectionPoints) {
    w.open('MarketEvaluationPoint')
      .leaf('mRID', point.connectionPoint, GSRN_SCHEME)
      .leaf('action_Status.value', POINT_ACTION_STATUS[point.action])
      .close('MarketEvaluationPoint');
  }
  return w.close('ConnectionPointRegistration_MarketDocument').toString();
}
