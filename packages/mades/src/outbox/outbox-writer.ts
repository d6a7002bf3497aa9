// The sending half of "no loss" (F1): a message exists once its outbox row is committed, in the
// caller's own transaction, so a business write and its outgoing document commit together or not
// at all. The envelope is encrypted for the receiver and signed here, once (F1, NF3): the row holds
// the ciphertext, and the relay publishes the stored bytes as they are.
import type { X509Certificate } from 'node:crypto';
import type { Knex } from 'knex';
import type { ComponentIdentity, DirectoryView } from '../../../trust/src/index.js';
import { FailedReason, MadesError, MadesErrorCode } from '../errors.js';
import { encryptionRequired, type EncryptionPolicy } from '../envelope/encryption.policy.js';
import { Syntax, toHeaders } from '../envelope/headers.js';
import { sealEnvelope } from '../envelope/seal.js';
import { URGENT_PRIORITY } from '../priority.js';
import { MessageStatus, type StatusChange } from '../tracking/status.js';
import type { OutgoingMessage } from '../transport/transport.js';

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
  encryption: EncryptionPolicy;
}

const invalid = (message: string) => new MadesError(MadesErrorCode.INVALID_REQUEST, message);

export interface OutboxWritten {
  messageId: string;
  /** Set when the message was refused at once (unknown receiver, no encryption certificate). */
  failed?: StatusChange;
  /** Emergency messages: exactly the row's message, for the relay's fast lane once committed. */
  urgent?: OutgoingMessage;
}

export async function writeOutbox(db: Knex, o: OutboxWriterOptions, req: SendRequest): Promise<OutboxWritten> {
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
  const created = new Date();
  // F1: an unknown receiver, or one that cannot be encrypted for when the policy requires it, is a
  // tracked FAILED message (as in ECP), not a lost one or an exception.
  let failure: { reason: FailedReason; detail: string } | undefined;
  let recipient: X509Certificate | undefined;
  if (o.directory.component(req.receiverCode) === undefined) {
    failure = { reason: FailedReason.UNKNOWN_RECEIVER, detail: `receiver ${req.receiverCode} is not in the directory` };
  } else if (encryptionRequired(o.encryption, req.businessType)) {
    recipient = o.directory.encryptionCertificates(req.receiverCode, created)[0];
    if (!recipient) failure = { reason: FailedReason.ENCRYPTION_REQUIRED, detail: `receiver ${req.receiverCode} publishes no valid encryption certificate` };
  }
  const { envelope, body } = sealEnvelope(
    o.identity,
    { created, receiver: req.receiverCode, businessType: req.businessType, baMessageId: req.baMessageID ?? '', senderParty: req.senderParty, ttlMs, priority },
    payload,
    recipient,
  );
  const now = envelope.created;
  const headers = toHeaders(envelope);
  await db('mades_sent').insert({
    message_id: envelope.messageId,
    receiver: envelope.receiver,
    business_type: envelope.businessType,
    ba_message_id: envelope.baMessageId,
    sender_party: envelope.senderParty,
    priority,
    ttl_ms: ttlMs,
    created_at: envelope.created,
    headers: JSON.stringify(headers),
    payload: failure ? null : body,
    published: failure !== undefined,
    status: failure ? MessageStatus.FAILED : MessageStatus.ACCEPTED,
    accepted_at: now,
    failed_at: failure ? now : null,
    reason: failure?.reason ?? null,
    detail: failure?.detail ?? null,
  });
  if (!failure) {
    if (priority < URGENT_PRIORITY) return { messageId: envelope.messageId };
    return { messageId: envelope.messageId, urgent: { receiver: envelope.receiver, messageId: envelope.messageId, body, headers, priority, expirationMs: ttlMs } };
  }
  return {
    messageId: envelope.messageId,
    failed: {
      messageId: envelope.messageId,
      status: MessageStatus.FAILED,
      reason: failure.reason,
      detail: failure.detail,
      at: now,
      receiver: envelope.receiver,
      businessType: envelope.businessType,
      baMessageId: envelope.baMessageId,
    },
  };
}
