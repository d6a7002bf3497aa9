// Documents sent for a party (message ID ↔ document mRID + revision) and the core's business
// acknowledgement of each. GET /messages/{id} reads here; only the sending party may.
import type { Knex } from 'knex';
import type { Database } from '../../../packages/storage/src/index.js';
import { fromJson, toJson, toSafeInt } from '../../../packages/storage/src/index.js';
import type { Outcome, ReasonView } from '../mapping/rest-types.js';

export interface SentMessage {
  messageId: string;
  party: string;
  businessType: string;
  documentId: string;
  revision: number;
  sentAt: string;
  outcome: Outcome;
  reasons: ReasonView[];
  ackAt: string | null;
}

export interface AckFacts {
  party: string;
  documentId: string;
  revision?: number | undefined;
  outcome: Exclude<Outcome, 'PENDING'>;
  reasons: ReasonView[];
  at: string;
}

type Row = Record<string, unknown>;

function toMessage(r: Row): SentMessage {
  return {
    messageId: String(r.message_id),
    party: String(r.party),
    businessType: String(r.business_type),
    documentId: String(r.document_id),
    revision: toSafeInt(r.revision),
    sentAt: String(r.sent_at),
    outcome: r.ack_outcome as Outcome,
    reasons: fromJson<ReasonView[]>(r.ack_reasons),
    ackAt: (r.ack_at as string | null) ?? null,
  };
}

export class MessageRepository {
  constructor(private readonly db: Database) {}

  async record(trx: Knex.Transaction, m: Omit<SentMessage, 'outcome' | 'reasons' | 'ackAt'>): Promise<void> {
    await trx('agr_messages').insert({
      message_id: m.messageId,
      party: m.party,
      business_type: m.businessType,
      document_id: m.documentId,
      revision: m.revision,
      sent_at: m.sentAt,
      ack_outcome: 'PENDING',
      ack_reasons: toJson([]),
      ack_at: null,
    });
  }

  /** NF3: a message ID of another party is as unknown as one that never existed. */
  async find(party: string, messageId: string): Promise<SentMessage | undefined> {
    const row = await this.db('agr_messages').where({ party, message_id: messageId }).first();
    return row ? toMessage(row) : undefined;
  }

  /**
   * Records the acknowledgement of a sent document; returns which message it answered, or
   * undefined when no document of this party has that mRID (and revision).
   */
  async acknowledge(trx: Knex.Transaction, ack: AckFacts): Promise<SentMessage | undefined> {
    // One statement (issue 14): the latest matching message is picked by a subquery and updated,
    // and RETURNING gives its row — instead of a SELECT followed by an UPDATE.
    const latest = trx('agr_messages').select('message_id').where({ party: ack.party, document_id: ack.documentId });
    if (ack.revision !== undefined) latest.andWhere({ revision: ack.revision });
    const [row] = await trx('agr_messages')
      .where('message_id', latest.orderBy('revision', 'desc').limit(1))
      .update({ ack_outcome: ack.outcome, ack_reasons: toJson(ack.reasons), ack_at: ack.at })
      .returning('*');
    return row ? toMessage(row) : undefined;
  }
}
