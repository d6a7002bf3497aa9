// The sending half of "no loss" (F1): a message exists once its outbox row is committed, in the
// caller's own transaction, so a business write and its outgoing document commit together or not
// at all. The envelope is signed here, once; the relay publishes the stored bytes as they are.
import type { Knex } from 'knex';
import type { ComponentIdentity, DirectoryView } from '../../../trust/src/index.js';
import { FailedReason, MadesError, MadesErrorCode } from '../errors.js';
import { Syntax, toHeaders } from '../envelope/headers.js';
import { signEnvelope } from '../envelope/signer.js';
import { MessageStatus, type StatusChange } from '../tracking/status.js';

export interface SendRequest {
  receiverCode: string;
  businessType: string;
  payload: Uint8Array;
  /** The business application's own identifier, carried and reported back with statuses. */
  baMessageID?: string;
  /** EIC of the party this component sends for; checked by the receiver against the directory. */
  senderParty: string;
  /** 0 (normal) … 9 (unforeseen / emergency signals). */
  priority?: number;
  /** Overrides the per-business-type TTL. */
  ttlMs?: number;
}

export interface OutboxWriterOptions {
  identity: ComponentIdentity;
  directory: DirectoryView;
  maxPayloadBytes: number;
  ttlFor(businessType: string): number;
}

const invalid = (message: string) => new MadesError(MadesErrorCode.INVALID_REQUEST, message);

export async function writeOutbox(db: Knex, o: OutboxWriterOptions, req: SendRequest): Promise<{ messageId: string; failed?: StatusChange }> {
  if (!Syntax.code.test(req.receiverCode)) throw invalid('receiverCode is malformed');
  if (!Syntax.businessType.test(req.businessType)) throw invalid('businessType is malformed');
  if (!Syntax.code.test(req.senderParty)) throw invalid('senderParty is malformed');
  if (req.baMessageID !== undefined && !Syntax.baMessageId.test(req.baMessageID)) throw invalid('baMessageID must be printable ASCII, at most 150 characters');
  const priority = req.priority ?? 0;
  if (!Number.isInteger(priority) || priority < 0 || priority > 9) throw invalid('priority must be an integer 0…9');
  const ttlMs = req.ttlMs ?? o.ttlFor(req.businessType);
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw invalid('ttlMs must be a positive integer');
  if (!(req.payload instanceof Uint8Array)) throw invalid('payload must be bytes');
  if (req.payload.byteLength > o.maxPayloadBytes) throw invalid(`payload of ${req.payload.byteLength} bytes exceeds ${o.maxPayloadBytes}`);
  // A party this component does not represent would be refused by every receiver: refuse it here.
  const self = o.directory.component(o.identity.code);
  if (self && !self.parties.some((p) => p.party === req.senderParty)) throw invalid(`component ${o.identity.code} does not represent ${req.senderParty}`);

  const payload = Buffer.isBuffer(req.payload) ? req.payload : Buffer.from(req.payload.buffer, req.payload.byteOffset, req.payload.byteLength);
  const envelope = signEnvelope(
    o.identity,
    { receiver: req.receiverCode, businessType: req.businessType, baMessageId: req.baMessageID ?? '', senderParty: req.senderParty, ttlMs, priority },
    payload,
  );
  // F1: an unknown receiver is a tracked FAILED message (as in ECP), not a lost one or an exception.
  const unknown = o.directory.component(req.receiverCode) === undefined;
  const now = envelope.created;
  await db('mades_sent').insert({
    message_id: envelope.messageId,
    receiver: envelope.receiver,
    business_type: envelope.businessType,
    ba_message_id: envelope.baMessageId,
    sender_party: envelope.senderParty,
    priority,
    ttl_ms: ttlMs,
    created_at: envelope.created,
    headers: JSON.stringify(toHeaders(envelope)),
    payload: unknown ? null : payload,
    published: unknown,
    status: unknown ? MessageStatus.FAILED : MessageStatus.ACCEPTED,
    accepted_at: now,
    failed_at: unknown ? now : null,
    reason: unknown ? FailedReason.UNKNOWN_RECEIVER : null,
    detail: unknown ? `receiver ${req.receiverCode} is not in the directory` : null,
  });
  if (!unknown) return { messageId: envelope.messageId };
  return {
    messageId: envelope.messageId,
    failed: {
      messageId: envelope.messageId,
      status: MessageStatus.FAILED,
      reason: FailedReason.UNKNOWN_RECEIVER,
      detail: `receiver ${req.receiverCode} is not in the directory`,
      at: now,
      receiver: envelope.receiver,
      businessType: envelope.businessType,
      baMessageId: envelope.baMessageId,
    },
  };
}
