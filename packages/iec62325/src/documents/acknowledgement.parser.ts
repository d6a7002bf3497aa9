import type { LightElement } from '../xml/light-tree.js';
import type { AcknowledgementDocument } from '../model/market-documents.types.js';
import { ElementCursor } from '../xml/element-cursor.js';
import { readParty, readReasons } from '../xml/esmp-readers.js';
import { OUTCOME_REASON } from './acknowledgement.builder.js';
import { checkAcknowledgement } from './acknowledgement.checks.js';

/**
 * Reads a profile-valid Acknowledgement_MarketDocument. Accepted iff the first reason is A01; a
 * first reason A01 or A02 is the outcome and not repeated in `reasons`. Any other first reason
 * (e.g. from another implementation) means rejected, and all reasons are kept.
 */
export function readAcknowledgement(root: LightElement): AcknowledgementDocument {
  const c = new ElementCursor(root, 'Acknowledgement_MarketDocument');
  const mRID = c.text('mRID', false);
  const createdDateTime = c.text('createdDateTime');
  const sender = readParty(c, 'sender');
  const receiver = readParty(c, 'receiver');
  const receivedId = c.text('received_MarketDocument.mRID', false);
  const revision = c.optionalText('received_MarketDocument.revisionNumber', false);
  const all = readReasons(c);
  const outcome = all[0]?.code;
  const accepted = outcome === OUTCOME_REASON.accepted;
  const reasons = outcome === OUTCOME_REASON.accepted || outcome === OUTCOME_REASON.rejected ? all.slice(1) : all;
  const doc: AcknowledgementDocument = {
    mRID,
    createdDateTime,
    sender,
    receiver,
    received: revision === undefined ? { mRID: receivedId } : { mRID: receivedId, revisionNumber: Number(revision) },
    accepted,
    reasons,
  };
  checkAcknowledgement(doc);
  return doc;
}
