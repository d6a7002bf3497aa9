// Documents from the TPS core (F7a): capacity limits for a party this endpoint serves, and the
// core's acknowledgements of what the endpoint sent. Stored inside the messenger's transaction
// (effect and inbox row commit together); waiters are woken only after that commit, so a woken
// request always finds the limit it was woken for.
import type { Knex } from 'knex';
import type { Logger } from '../../packages/http/src/index.js';
import type { ChangeBroadcast } from '../../packages/rest/src/index.js';
import type { ReceivedDocument } from '../../packages/runtime/src/index.js';
import { parseDocument } from '../../packages/iec62325/src/index.js';
import { whenCommitted } from '../../packages/storage/src/index.js';
import { ackFromDocument, limitFromDocument } from './mapping/inbound-documents.js';
import { formatIsoUtc } from './mapping/time.js';
import type { AssetRepository } from './storage/asset.repository.js';
import type { LimitRepository } from './storage/limit.repository.js';
import type { MessageRepository } from './storage/message.repository.js';
import type { ScheduleRepository } from './storage/schedule.repository.js';
import { limitsKey } from './routes/route-kit.js';

/** A document the endpoint refuses to process; the messenger dead-letters it (never retried forever). */
export class InboundDocumentError extends Error {
  override readonly name = 'InboundDocumentError';
}

export interface InboundDeps {
  parties: readonly string[];
  coreParty: string;
  limits: LimitRepository;
  messages: MessageRepository;
  assets: AssetRepository;
  schedules: ScheduleRepository;
  broadcast: ChangeBroadcast;
  logger: Logger;
  now(): Date;
}

export function createInboundHandler(deps: InboundDeps): (doc: ReceivedDocument, trx: Knex.Transaction) => Promise<void> {
  /** F1: only the platform talks to an AGR/BRP; NF3: only for a party this endpoint represents. */
  function addressee(envelopeSender: string, header: { sender: { mRID: string }; receiver: { mRID: string } }): string {
    if (envelopeSender !== deps.coreParty || header.sender.mRID !== deps.coreParty) {
      throw new InboundDocumentError(`documents come from the TPS core ${deps.coreParty} only, not ${envelopeSender}/${header.sender.mRID}`);
    }
    const party = header.receiver.mRID;
    if (!deps.parties.includes(party)) throw new InboundDocumentError(`not addressed to a party this endpoint represents: ${party}`);
    return party;
  }

  return async (received, trx) => {
    // A DocumentError (hostile, invalid, unknown) propagates: the messenger rejects the message.
    const parsed = parseDocument(received.payload);
    if (parsed.kind === 'capacity-limit') {
      const party = addressee(received.senderParty, parsed.document);
      const seq = await deps.limits.insertIfNewer(trx, party, limitFromDocument(parsed.document, deps.now()));
      if (seq === undefined) return deps.logger.info({ limitId: parsed.document.mRID, revision: parsed.document.revisionNumber }, 'limit revision already held; ignored');
      // After the outermost commit (this runs in the messaging layer's savepoint): a woken
      // reader on another connection (PostgreSQL) must find the row.
      whenCommitted(trx).then(
        () => deps.broadcast.publish(limitsKey(party)).catch((err: unknown) => deps.logger.warn({ err }, 'wake-up broadcast failed')),
        () => undefined, // rolled back: nothing to wake anyone for
      );
      return;
    }
    if (parsed.kind === 'acknowledgement') {
      const party = addressee(received.senderParty, parsed.document);
      const ack = ackFromDocument(parsed.document);
      const sent = await deps.messages.acknowledge(trx, { party, ...ack, at: formatIsoUtc(deps.now()) });
      if (!sent) return deps.logger.warn({ documentId: ack.documentId }, 'acknowledgement of a document this party never sent; ignored');
      if (sent.businessType === 'asset-registration') await deps.assets.applyOutcome(trx, party, sent.documentId, ack.outcome, ack.reasons);
      if (sent.businessType === 'schedule') await deps.schedules.applyOutcome(trx, party, sent.documentId, sent.revision, ack.outcome, ack.reasons);
      return;
    }
    throw new InboundDocumentError(`an AGR/BRP endpoint does not process ${parsed.kind} documents`);
  };
}
