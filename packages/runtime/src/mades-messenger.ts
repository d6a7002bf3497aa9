// Messenger over the MADES messaging layer: business components hand over documents and get
// verified documents back; this adapter adds routing through the directory (party → component)
// and keeps envelopes, priorities and component codes out of business code (F1).
import type { Knex } from 'knex';
import { MessageRejectedError, FailedReason, type MessagingEndpoint, type TrackedMessage } from '../../mades/src/index.js';
import type { DirectoryView } from '../../trust/src/index.js';
import { BUSINESS_TYPES, type BusinessType, type Messenger, type OutgoingDocument, type ReceivedDocument, type TrackingStatus, type TrackingState } from './messenger.js';

export const EMERGENCY_PRIORITY = 9;

export class UnknownReceiverError extends Error {
  override readonly name = 'UnknownReceiverError';
  readonly code = 'UNKNOWN_RECEIVER';
  constructor(readonly party: string) {
    super(`no approved component represents party ${party}`);
  }
}

export interface MadesMessengerOptions {
  endpoint: MessagingEndpoint;
  directory: DirectoryView;
  /** Parties this component represents (its directory registration). */
  parties: readonly string[];
  /** The TPS party, whose component is the core (endpoints send everything there). */
  coreParty: string;
}

export class MadesMessenger implements Messenger {
  readonly parties: readonly string[];

  constructor(private readonly o: MadesMessengerOptions) {
    this.parties = o.parties;
  }

  sendToCore(trx: Knex.Transaction, doc: OutgoingDocument): Promise<string> {
    return this.sendToParty(trx, this.o.coreParty, doc);
  }

  async sendToParty(trx: Knex.Transaction, receiverParty: string, doc: OutgoingDocument): Promise<string> {
    let receiver = this.o.directory.componentForParty(receiverParty);
    if ((!receiver || receiver.status !== 'approved') && this.o.directory.refresh) {
      // A receiver that enrolled after our last sync: refresh once (rate-limited) before giving up.
      await this.o.directory.refresh();
      receiver = this.o.directory.componentForParty(receiverParty);
    }
    if (!receiver || receiver.status !== 'approved') throw new UnknownReceiverError(receiverParty);
    if (!this.parties.includes(doc.senderParty)) throw new Error(`this component does not speak for ${doc.senderParty}`);
    const payload = typeof doc.payload === 'string' ? Buffer.from(doc.payload, 'utf8') : doc.payload;
    return this.o.endpoint.send(
      {
        receiverCode: receiver.code,
        businessType: doc.businessType,
        payload,
        senderParty: doc.senderParty,
        priority: doc.priority === 'emergency' ? EMERGENCY_PRIORITY : 0,
        ...(doc.baMessageId ? { baMessageID: doc.baMessageId } : {}),
        ...(doc.ttlMs ? { ttlMs: doc.ttlMs } : {}),
      },
      trx,
    );
  }

  onDocument(handler: (doc: ReceivedDocument, trx: Knex.Transaction) => Promise<void>): void {
    this.o.endpoint.onMessage(async ({ envelope, payload }, trx) => {
      if (!(BUSINESS_TYPES as readonly string[]).includes(envelope.businessType)) {
        // Not a document this platform knows: FAILED for the sender, never handed to business code.
        throw new MessageRejectedError(FailedReason.PAYLOAD_REJECTED, `unknown business type ${envelope.businessType}`);
      }
      await handler(
        {
          messageId: envelope.messageId,
          businessType: envelope.businessType as BusinessType,
          payload,
          senderParty: envelope.senderParty,
          senderComponent: envelope.sender,
          baMessageId: envelope.baMessageId,
          receivedAt: new Date().toISOString(),
        },
        trx,
      );
    });
  }

  async status(messageId: string): Promise<TrackingStatus | undefined> {
    const t = await this.o.endpoint.status(messageId);
    return t ? toTrackingStatus(t) : undefined;
  }
}

function toTrackingStatus(t: TrackedMessage): TrackingStatus {
  const history: TrackingStatus['history'] = [{ state: 'ACCEPTED', at: t.acceptedAt }];
  if (t.deliveredAt) history.push({ state: 'DELIVERED', at: t.deliveredAt });
  if (t.receivedAt) history.push({ state: 'RECEIVED', at: t.receivedAt });
  if (t.failedAt) history.push({ state: 'FAILED', at: t.failedAt, ...(t.reason ? { reason: t.reason } : {}) });
  return { messageId: t.messageId, state: t.status as TrackingState, ...(t.reason ? { reason: t.reason } : {}), history };
}
