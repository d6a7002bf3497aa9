import type { AcknowledgementDocument } from '../model/market-documents.types.js';
import { NAMESPACE } from '../schema/document-kinds.js';
import { writeParty, writeReasons } from '../xml/esmp-writers.js';
import { XmlWriter, type WriteOptions } from '../xml/xml-writer.js';
import { checkAcknowledgement } from './acknowledgement.checks.js';

/** 451-1 outcome codes, written as the first Reason. */
export const OUTCOME_REASON = { accepted: 'A01', rejected: 'A02' } as const;

/** Acknowledgement_MarketDocument (451-1): the outcome (A01 / A02) first, then the detail reasons. */
export function buildAcknowledgement(doc: AcknowledgementDocument, options?: WriteOptions): string {
  checkAcknowledgement(doc);
  const w = new XmlWriter(options).root('Acknowledgement_MarketDocument', NAMESPACE.acknowledgement);
  w.leaf('mRID', doc.mRID).leaf('createdDateTime', doc.createdDateTime);
  writeParty(w, 'sender', doc.sender);
  writeParty(w, 'receiver', doc.receiver);
  w.leaf('received_MarketDocument.mRID', doc.received.mRID);
  if (doc.received.revisionNumber !== undefined) w.leaf('received_MarketDocument.revisionNumber', String(doc.received.revisionNumber));
  writeReasons(w, [{ code: doc.accepted ? OUTCOME_REASON.accepted : OUTCOME_REASON.rejected }, ...doc.reasons]);
  return w.close('Acknowledgement_MarketDocument').toString();
}
