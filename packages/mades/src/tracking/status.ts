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
 */
export async function applyTransitions(db: Knex, transitions: Transition[], onlyFrom?: string): Promise<StatusChange[]> {
  if (transitions.length === 0) return [];
  const changes: StatusChange[] = [];
  for (let i = 0; i < transitions.length; i += 500) {
    const chunk = transitions.slice(i, i + 500);
    let q = db('mades_sent').select('message_id', 'status', 'receiver', 'business_type', 'ba_message_id').whereIn('message_id', chunk.map((t) => t.messageId));
    if (onlyFrom !== undefined) q = q.andWhere('receiver', onlyFrom);
    const current = new Map<string, { status: MessageStatus; receiver: string; business_type: string; ba_message_id: string }>();
    for (const r of await q) current.set(r.message_id, r);
    for (const t of chunk) {
      const row = current.get(t.messageId);
      if (!row || !FROM[t.status].includes(row.status)) continue;
      const set: Record<string, unknown> = { status: t.status };
      if (t.status === 'DELIVERED') set.delivered_at = t.at;
      if (t.status === 'RECEIVED') set.received_at = t.at;
      if (t.status === 'FAILED') Object.assign(set, { failed_at: t.at, reason: t.reason ?? null, detail: t.detail ?? null });
      const n = await db('mades_sent').update(set).where('message_id', t.messageId).whereIn('status', FROM[t.status]);
      if (n === 0) continue;
      row.status = t.status;
      changes.push({ messageId: t.messageId, status: t.status, reason: t.reason, detail: t.detail, at: t.at, receiver: row.receiver, businessType: row.business_type, baMessageId: row.ba_message_id });
    }
  }
  return changes;
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
