// Message tracking (F1, ECP-style): ACCEPTED → DELIVERED → RECEIVED, or FAILED with a reason
// code. A status only moves forward: a late or repeated acknowledgement never undoes a later
// state, so acknowledgements can be re-sent and applied in any order.
import type { Knex } from 'knex';
import type { FailedReason } from '../errors.js';

export const MessageStatus = {
  /** Committed in the sender's outbox. */
  ACCEPTED: 'ACCEPTED',
  /** The broker confirmed it holds the message in the receiver's durable inbox queue. */
  DELIVERED: 'DELIVERED',
  /** The receiver verified it and committed its effect (signed transport acknowledgement). */
  RECEIVED: 'RECEIVED',
  FAILED: 'FAILED',
} as const;
export type MessageStatus = (typeof MessageStatus)[keyof typeof MessageStatus];

/** States a message may still leave towards the given one. */
const FROM: Record<MessageStatus, MessageStatus[]> = {
  ACCEPTED: [],
  DELIVERED: ['ACCEPTED'],
  RECEIVED: ['ACCEPTED', 'DELIVERED'],
  FAILED: ['ACCEPTED', 'DELIVERED'],
};

export interface StatusChange {
  messageId: string;
  status: MessageStatus;
  reason?: FailedReason | undefined;
  detail?: string | undefined;
  at: string;
  receiver: string;
  businessType: string;
  baMessageId: string;
}

export interface TrackedMessage {
  messageId: string;
  receiver: string;
  businessType: string;
  baMessageId: string;
  status: MessageStatus;
  acceptedAt: string;
  deliveredAt?: string | undefined;
  receivedAt?: string | undefined;
  failedAt?: string | undefined;
  reason?: FailedReason | undefined;
  detail?: string | undefined;
}

export interface Transition {
  messageId: string;
  status: Exclude<MessageStatus, 'ACCEPTED'>;
  reason?: FailedReason | undefined;
  detail?: string | undefined;
  at: string;
}

/**
 * Applies transitions that are still allowed and returns the changes made. `onlyFrom` limits
 * them to messages sent to that receiver: only a message's receiver may acknowledge it.
 *
 * Issue 14: one `UPDATE … WHERE message_id IN (…) AND status IN (allowed) RETURNING …` per run of
 * consecutive transitions with the same target (status, time, reason, detail) — a relay batch or
 * one acknowledgement is usually a single run — instead of a SELECT plus one UPDATE per message.
 * The status condition in the UPDATE is what keeps statuses moving only forward (also with
 * concurrent writers on PostgreSQL), and the rows it returns are exactly the changes. A run never
 * holds one message twice, so transitions still apply as if one after the other, in order.
 */
export async function applyTransitions(db: Knex, transitions: Transition[], onlyFrom?: string): Promise<StatusChange[]> {
  const changes: StatusChange[] = [];
  for (const run of runsOf(transitions)) {
    const t0 = run[0]!;
    const set: Record<string, unknown> = { status: t0.status };
    if (t0.status === 'DELIVERED') set.delivered_at = t0.at;
    if (t0.status === 'RECEIVED') set.received_at = t0.at;
    if (t0.status === 'FAILED') Object.assign(set, { failed_at: t0.at, reason: t0.reason ?? null, detail: t0.detail ?? null });
    let q = db('mades_sent').update(set).whereIn('message_id', run.map((t) => t.messageId)).whereIn('status', FROM[t0.status]);
    if (onlyFrom !== undefined) q = q.andWhere('receiver', onlyFrom);
    const rows: Array<{ message_id: string; receiver: string; business_type: string; ba_message_id: string }> = await q.returning(['message_id', 'receiver', 'business_type', 'ba_message_id']);
    const changed = new Map(rows.map((r) => [r.message_id, r]));
    // In the order the transitions were given, not the order the database returned the rows.
    for (const t of run) {
      const row = changed.get(t.messageId);
      if (row) changes.push({ messageId: t.messageId, status: t.status, reason: t.reason, detail: t.detail, at: t.at, receiver: row.receiver, businessType: row.business_type, baMessageId: row.ba_message_id });
    }
  }
  return changes;
}

/** Bound parameters per UPDATE stay far below SQLite's and PostgreSQL's limits. */
const RUN_MAX = 500;

/** Consecutive transitions with one target and distinct messages, at most RUN_MAX each. */
function runsOf(transitions: Transition[]): Transition[][] {
  const runs: Transition[][] = [];
  let run: Transition[] = [];
  let ids = new Set<string>();
  for (const t of transitions) {
    const first = run[0];
    const same = first !== undefined && first.status === t.status && first.at === t.at && first.reason === t.reason && first.detail === t.detail;
    if (!same || ids.has(t.messageId) || run.length >= RUN_MAX) {
      if (run.length > 0) runs.push(run);
      run = [];
      ids = new Set();
    }
    run.push(t);
    ids.add(t.messageId);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

export async function readStatus(db: Knex, messageId: string): Promise<TrackedMessage | undefined> {
  const r = await db('mades_sent')
    .select('message_id', 'receiver', 'business_type', 'ba_message_id', 'status', 'accepted_at', 'delivered_at', 'received_at', 'failed_at', 'reason', 'detail')
    .where('message_id', messageId)
    .first();
  if (!r) return undefined;
  return {
    messageId: r.message_id,
    receiver: r.receiver,
    businessType: r.business_type,
    baMessageId: r.ba_message_id,
    status: r.status,
    acceptedAt: r.accepted_at,
    deliveredAt: r.delivered_at ?? undefined,
    receivedAt: r.received_at ?? undefined,
    failedAt: r.failed_at ?? undefined,
    reason: r.reason ?? undefined,
    detail: r.detail ?? undefined,
  };
}
