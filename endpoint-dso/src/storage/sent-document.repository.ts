// Every document this endpoint sent to the core, and the core's business answer to it
// (Acknowledgement_MarketDocument, 451-1): GET /messages/{id} and the status of each limit.
import type { Knex } from 'knex';
import type { Database } from '../../../packages/storage/src/index.js';
import { fromJson, toJson } from '../../../packages/storage/src/index.js';

export type AckState = 'pending' | 'accepted' | 'rejected';

export interface AckReason {
  code: string;
  text?: string;
}

export interface SentDocument {
  messageId: string;
  dso: string;
  businessType: string;
  documentMrid: string;
  revision: number | null;
  sentAt: string;
  ackState: AckState;
  ackReasons: AckReason[];
  ackedAt: string | null;
}

type Db = Database | Knex.Transaction;

function toSent(r: Record<string, unknown>): SentDocument {
  return {
    messageId: String(r.message_id),
    dso: String(r.dso),
    businessType: String(r.business_type),
    documentMrid: String(r.document_mrid),
    revision: r.revision === null || r.revision === undefined ? null : Number(r.revision),
    sentAt: String(r.sent_at),
    ackState: r.ack_state as AckState,
    ackReasons: r.ack_reasons ? fromJson<AckReason[]>(r.ack_reasons) : [],
    ackedAt: (r.acked_at as string | null) ?? null,
  };
}

export class SentDocumentRepository {
  async record(trx: Db, doc: Omit<SentDocument, 'ackState' | 'ackReasons' | 'ackedAt'>): Promise<void> {
    await trx('dso_sent_documents').insert({
      message_id: doc.messageId,
      dso: doc.dso,
      business_type: doc.businessType,
      document_mrid: doc.documentMrid,
      revision: doc.revision,
      sent_at: doc.sentAt,
      ack_state: 'pending',
    });
  }

  /** NF3: a DSO only ever sees its own messages; another DSO's id reads as unknown. */
  async find(db: Db, dso: string, messageId: string): Promise<SentDocument | undefined> {
    const row = await db('dso_sent_documents').where({ dso, message_id: messageId }).first();
    return row ? toSent(row) : undefined;
  }

  async findByDocument(db: Db, dso: string, mrid: string, revision: number | null): Promise<SentDocument | undefined> {
    const row = await this.byDocument(db, dso, mrid, revision).first();
    return row ? toSent(row) : undefined;
  }

  /** The documents with this mRID (and revision), latest first. */
  private byDocument(db: Db, dso: string, mrid: string, revision: number | null): Knex.QueryBuilder {
    const q = db('dso_sent_documents').where({ dso, document_mrid: mrid });
    if (revision !== null) q.andWhere({ revision });
    return q.orderBy('sent_at', 'desc');
  }

  /**
   * Stores the core's acknowledgement of (mRID, revision). The first answer wins: a redelivered
   * or late duplicate never flips an outcome. Returns the document it concerned, if any.
   */
  async acknowledge(
    trx: Knex.Transaction,
    dso: string,
    received: { mRID: string; revisionNumber?: number },
    accepted: boolean,
    reasons: AckReason[],
    at: string,
  ): Promise<SentDocument | undefined> {
    const revision = received.revisionNumber ?? null;
    // The usual case, a first answer, is one statement (issue 14: the DSO's ack handling shares
    // the CPU with the emergency path): update the latest document with that mRID (and revision)
    // if it is still pending, and read it back. Nothing updated: unknown or already answered.
    const latest = this.byDocument(trx, dso, received.mRID, revision).select('message_id').limit(1);
    const ackState: AckState = accepted ? 'accepted' : 'rejected';
    const [row] = await trx('dso_sent_documents')
      .where('message_id', latest)
      .andWhere({ ack_state: 'pending' })
      .update({ ack_state: ackState, ack_reasons: toJson(reasons), acked_at: at })
      .returning('*');
    return row ? toSent(row) : this.findByDocument(trx, dso, received.mRID, revision);
  }
}
