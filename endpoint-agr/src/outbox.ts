// Sending a document for a party: serialise it, hand it to the messenger inside the caller's
// transaction (transactional outbox: the REST call returns only after the endpoint's rows and the
// outbox row commit together), and remember message ID ↔ document for tracking (GET /messages).
import type { Knex } from 'knex';
import type { BusinessType, Messenger } from '../../packages/runtime/src/index.js';
import { HttpProblem } from '../../packages/http/src/index.js';
import { isDocumentError } from '../../packages/iec62325/src/index.js';
import type { MessageRepository } from './storage/message.repository.js';

export interface Outgoing {
  businessType: BusinessType;
  party: string;
  documentId: string;
  revision: number;
  /** Serialises the document; the wire layer checks it (a failure is the client's 400). */
  build(): string;
}

export async function sendToCore(trx: Knex.Transaction, messenger: Messenger, messages: MessageRepository, doc: Outgoing, sentAt: string): Promise<string> {
  let payload: string;
  try {
    payload = doc.build();
  } catch (err) {
    // The REST validation mirrors the wire's rules, so this is a gap between the two: still the
    // client's input, reported with the document field the wire layer named.
    if (isDocumentError(err)) throw HttpProblem.badRequest(`the document cannot be built: ${err.message}`, [{ field: err.field ?? 'document', message: err.message }]);
    throw err;
  }
  const messageId = await messenger.sendToCore(trx, { businessType: doc.businessType, payload, senderParty: doc.party, baMessageId: doc.documentId });
  await messages.record(trx, { messageId, party: doc.party, businessType: doc.businessType, documentId: doc.documentId, revision: doc.revision, sentAt });
  return messageId;
}
