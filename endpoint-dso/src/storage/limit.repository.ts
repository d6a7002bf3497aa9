// Capacity limits this DSO sent (F6b): the head row (latest revision, status) and every revision
// with the message that carried it, plus the split the core reported back per revision.
import type { Knex } from 'knex';
import type { Database } from '../../../packages/storage/src/index.js';
import { fromJson, toJson } from '../../../packages/storage/src/index.js';

export type LimitKind = 'foreseen' | 'unforeseen';
export type LimitStatus = 'active' | 'cancelled';

export interface LimitHead {
  limitId: string;
  kind: LimitKind;
  revision: number;
  status: LimitStatus;
  createdAt: string;
  updatedAt: string;
}

export interface LimitRevision {
  revision: number;
  status: LimitStatus;
  messageId: string;
  /** The request as the DSO sent it (REST form), kept to read back and to spot idempotent retries. */
  body: unknown;
  sentAt: string;
}

/** One asset's share of a foreseen limit, per interval (F6a split, reported to the DSO). */
export interface AssetGrant {
  assetId: string;
  direction: string;
  resolution: string;
  interval: { start: string; end: string };
  grantW: number[];
}

export interface LimitSplit {
  revision: number;
  policy: string | null;
  metrics: Record<string, number> | null;
  grants: AssetGrant[];
  receivedAt: string;
}

type Db = Database | Knex.Transaction;

function toHead(r: Record<string, unknown>): LimitHead {
  return {
    limitId: String(r.limit_id),
    kind: r.kind as LimitKind,
    revision: Number(r.revision),
    status: r.status as LimitStatus,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export class LimitRepository {
  async get(db: Db, dso: string, limitId: string): Promise<LimitHead | undefined> {
    const row = await db('dso_limits').where({ dso, limit_id: limitId }).first();
    return row ? toHead(row) : undefined;
  }

  /** Locks the head row (PostgreSQL) so two concurrent revisions cannot both pass the check. */
  async getForUpdate(trx: Knex.Transaction, dso: string, limitId: string): Promise<LimitHead | undefined> {
    const q = trx('dso_limits').where({ dso, limit_id: limitId });
    const row = await (trx.client.config.client === 'pg' ? q.forUpdate() : q).first();
    return row ? toHead(row) : undefined;
  }

  async list(db: Db, dso: string, kind?: LimitKind): Promise<LimitHead[]> {
    const q = db('dso_limits').where({ dso });
    if (kind) q.andWhere({ kind });
    return (await q.orderBy('created_at', 'desc').orderBy('limit_id')).map(toHead);
  }

  async revisions(db: Db, dso: string, limitId: string): Promise<LimitRevision[]> {
    const rows = await db('dso_limit_revisions').where({ dso, limit_id: limitId }).orderBy('revision');
    return rows.map((r) => ({ revision: Number(r.revision), status: r.status as LimitStatus, messageId: String(r.message_id), body: fromJson(r.body), sentAt: String(r.sent_at) }));
  }

  /**
   * Inserts the head of a new limit at its first revision, unless the limit exists (then nothing
   * is written and the caller reads the head). Returns whether it was inserted. Issue 14: a new
   * limit is one statement on the emergency path instead of a read and an insert; on PostgreSQL a
   * concurrent create of the same limit waits for this one and then finds it.
   */
  async claimNew(trx: Knex.Transaction, dso: string, head: { limitId: string; kind: LimitKind; revision: number; status: LimitStatus }, at: string): Promise<boolean> {
    const rows = await trx('dso_limits')
      .insert({ dso, limit_id: head.limitId, kind: head.kind, revision: head.revision, status: head.status, created_at: at, updated_at: at })
      .onConflict(['dso', 'limit_id'])
      .ignore()
      .returning('limit_id');
    return rows.length > 0;
  }

  /**
   * Records a revision and moves the head to it (callers have checked it moves forward).
   * `claimed`: the head was inserted at this revision by claimNew in this transaction.
   */
  async saveRevision(
    trx: Knex.Transaction,
    dso: string,
    head: { limitId: string; kind: LimitKind; revision: number; status: LimitStatus },
    messageId: string,
    body: unknown,
    at: string,
    claimed = false,
  ): Promise<void> {
    await trx('dso_limit_revisions').insert({ dso, limit_id: head.limitId, revision: head.revision, status: head.status, message_id: messageId, body: toJson(body), sent_at: at });
    if (claimed) return;
    if ((await trx('dso_limits').where({ dso, limit_id: head.limitId }).update({ revision: head.revision, status: head.status, updated_at: at })) > 0) return;
    await trx('dso_limits').insert({ dso, limit_id: head.limitId, kind: head.kind, revision: head.revision, status: head.status, created_at: at, updated_at: at });
  }

  /** Stores the core's split of one revision; the first report of a revision wins. */
  async saveSplit(trx: Knex.Transaction, dso: string, limitId: string, split: LimitSplit): Promise<boolean> {
    if (!(await this.get(trx, dso, limitId))) return false;
    const inserted = await trx('dso_limit_splits')
      .insert({
        dso,
        limit_id: limitId,
        revision: split.revision,
        policy: split.policy,
        metrics: split.metrics ? toJson(split.metrics) : null,
        grants: toJson(split.grants),
        received_at: split.receivedAt,
      })
      .onConflict(['dso', 'limit_id', 'revision'])
      .ignore();
    return Array.isArray(inserted) ? inserted.length > 0 : true;
  }

  /** The split of the given revision, or of the latest revision that has one. */
  async split(db: Db, dso: string, limitId: string, revision?: number): Promise<LimitSplit | undefined> {
    const q = db('dso_limit_splits').where({ dso, limit_id: limitId });
    if (revision !== undefined) q.andWhere({ revision });
    const row = await q.orderBy('revision', 'desc').first();
    if (!row) return undefined;
    return {
      revision: Number(row.revision),
      policy: (row.policy as string | null) ?? null,
      metrics: row.metrics ? fromJson<Record<string, number>>(row.metrics) : null,
      grants: fromJson<AssetGrant[]>(row.grants),
      receivedAt: String(row.received_at),
    };
  }
}
