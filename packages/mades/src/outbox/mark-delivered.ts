// Marking published outbox rows and recording the broker's confirm (DELIVERED) in one statement
// (issue 14, benchmark 2: the fast lane marked each emergency message in a transaction of four
// statements — BEGIN, the published flag, the status, COMMIT).
import type { Knex } from 'knex';
import type { StatusChange } from '../tracking/status.js';

/** Bound parameters per UPDATE stay far below SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

/**
 * For rows still unpublished: sets `published` and drops the payload, and moves ACCEPTED to
 * DELIVERED; a row already RECEIVED (its acknowledgement came back before the confirm was
 * recorded) or FAILED keeps its status, so statuses still only move forward. The SET expressions
 * read the row's old values (SQL semantics, SQLite and PostgreSQL alike), RETURNING the new ones:
 * a returned DELIVERED is a change, because the relay sets DELIVERED only together with
 * `published`, so no unpublished row is DELIVERED before this statement. Rows another relay
 * (or the other lane) marked first are not touched and yield no change, as before.
 */
export async function markDelivered(db: Knex, messageIds: readonly string[], at: string): Promise<StatusChange[]> {
  const changes: StatusChange[] = [];
  for (let i = 0; i < messageIds.length; i += CHUNK) {
    const ids = messageIds.slice(i, i + CHUNK);
    const rows: Array<{ message_id: string; receiver: string; business_type: string; ba_message_id: string; status: string }> = await db('mades_sent')
      .update({
        published: true,
        payload: null,
        status: db.raw("CASE WHEN status = 'ACCEPTED' THEN 'DELIVERED' ELSE status END"),
        delivered_at: db.raw("CASE WHEN status = 'ACCEPTED' THEN ? ELSE delivered_at END", [at]),
      })
      .whereIn('message_id', ids)
      .where('published', false)
      .returning(['message_id', 'receiver', 'business_type', 'ba_message_id', 'status']);
    const changed = new Map(rows.filter((r) => r.status === 'DELIVERED').map((r) => [r.message_id, r]));
    // In the order given, as applyTransitions reports them.
    for (const id of ids) {
      const r = changed.get(id);
      if (r) changes.push({ messageId: id, status: 'DELIVERED', reason: undefined, detail: undefined, at, receiver: r.receiver, businessType: r.business_type, baMessageId: r.ba_message_id });
    }
  }
  return changes;
}
