// Every accepted or rejected document is answered with an Acknowledgement_MarketDocument (451-1):
// accepted → A01 (+ detail reasons), rejected → A02 + the rejecting rule's reason code and text.
import { buildAcknowledgement, MARKET_ROLE, type Reason } from './wire.js';
import { opaqueId } from '../domain/opaque-id.js';
import type { HandlerContext } from '../handlers/context.js';

export interface AckTarget {
  /** The party to answer (the verified sender). */
  party: string;
  /** Its market role as it stated it, or a best guess when the document could not be read. */
  role: string;
  /** mRID (and revision) of the document answered. */
  mrid: string;
  revision?: number;
}

const MRID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,59}$/;

/** An mRID for `received_MarketDocument` even when the document was unreadable. */
export function safeMrid(candidate: string | undefined, fallback: string): string {
  if (candidate && MRID.test(candidate)) return candidate;
  return opaqueId('UNREADABLE', fallback);
}

export async function acknowledge(ctx: HandlerContext, target: AckTarget, accepted: boolean, reasons: Reason[], emergency = false): Promise<string> {
  // One acknowledgement per received message: derived from its message ID, so a retried
  // transaction produces the same document.
  const mrid = opaqueId('ACK', ctx.received.messageId);
  const xml = buildAcknowledgement({
    mRID: mrid,
    createdDateTime: ctx.now,
    sender: { mRID: ctx.tpsParty, role: MARKET_ROLE.platform },
    receiver: { mRID: target.party, role: target.role as never },
    received: { mRID: target.mrid, ...(target.revision !== undefined ? { revisionNumber: target.revision } : {}) },
    accepted,
    reasons: reasons.map((r) => ({ code: r.code, ...(r.text !== undefined ? { text: r.text.slice(0, 512) } : {}) })),
  });
  return ctx.send(target.party, 'acknowledgement', xml, { mrid, emergency });
}
