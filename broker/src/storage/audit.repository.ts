// Audit trail: every decision of the core (accepted, rejected with reason, already received,
// fan-out, split) with the message IDs involved. Append-only; read by administrators.
import type { Knex } from 'knex';
import { fromJson, toJson, toSafeInt } from '../../../packages/storage/src/index.js';

// Fan-out (the outgoing list) and split results (detail.splits) are part of the decision's row.
export type AuditDecision = 'accepted' | 'rejected' | 'already-received' | 'answered' | 'recorded';

export interface OutgoingRef {
  receiver: string;
  businessType: string;
  messageId: string;
  mrid?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  decision: AuditDecision;
  businessType: string;
  party: string;
  messageId: string | null;
  documentMrid: string | null;
  revision: number | null;
  reasonCode: string | null;
  reasonText: string | null;
  outgoing: OutgoingRef[];
  detail: Record<string, unknown>;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditQuery {
  since?: string;
  party?: string;
  decision?: string;
  limit?: number;
}

export class AuditRepository {
  constructor(private readonly db: Knex) {}

  async append(entry: NewAuditEntry): Promise<void> {
    await this.db('core_audit').insert({
      at: entry.at,
      decision: entry.decision,
      business_type: entry.businessType,
      party: entry.party,
      message_id: entry.messageId,
      document_mrid: entry.documentMrid,
      revision: entry.revision,
      reason_code: entry.reasonCode,
      reason_text: entry.reasonText,
      outgoing: toJson(entry.outgoing),
      detail: toJson(entry.detail),
    });
  }

  /** Oldest first from `since`; `limit` caps the answer (default 100, at most 1000). */
  async query(q: AuditQuery = {}): Promise<AuditEntry[]> {
    const builder = this.db('core_audit');
    if (q.since) builder.where('at', '>=', q.since);
    if (q.party) builder.where({ party: q.party });
    if (q.decision) builder.where({ decision: q.decision });
    const rows = await builder.orderBy('id').limit(Math.min(Math.max(q.limit ?? 100, 1), 1000));
    return rows.map((r) => ({
      id: toSafeInt(r.id),
      at: r.at,
      decision: r.decision,
      businessType: r.business_type,
      party: r.party,
      messageId: r.message_id,
      documentMrid: r.document_mrid,
      revision: r.revision === null ? null : toSafeInt(r.revision),
      reasonCode: r.reason_code,
      reasonText: r.reason_text,
      outgoing: fromJson<OutgoingRef[]>(r.outgoing),
      detail: fromJson<Record<string, unknown>>(r.detail),
    }));
  }
}
