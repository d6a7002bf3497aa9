// F7a: capacity limits received for a party. Every accepted revision is a row with a sequence
// number (`seq`, monotonically increasing) that read cursors and SSE event ids follow.
import type { Knex } from 'knex';
import type { Database } from '../../../packages/storage/src/index.js';
import { fromJson, toJson, toSafeInt } from '../../../packages/storage/src/index.js';
import type { LimitView } from '../mapping/rest-types.js';

type Row = Record<string, unknown>;
export type NewLimit = Omit<LimitView, 'seq'>;

function toView(r: Row): LimitView {
  return { seq: toSafeInt(r.seq), ...fromJson<NewLimit>(r.body) };
}

export class LimitRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores a limit revision unless the party already holds this or a later revision of it
   * (revisions only move forward; a redelivery stores nothing). Returns the new seq, if stored.
   */
  async insertIfNewer(trx: Knex.Transaction, party: string, limit: NewLimit): Promise<number | undefined> {
    // One statement (issue 14, emergency path): the "no same or later revision" check is the
    // insert's own WHERE, instead of a max(revision) read before it. The cast gives PostgreSQL the
    // column's type for a parameter in a SELECT list (it would read it as text).
    const result = await trx.raw(
      `insert into agr_limits (party, limit_id, revision, kind, status, expires_at, received_at, body)
       select ?, ?, cast(? as integer), ?, ?, ?, ?, ?
       where not exists (select 1 from agr_limits where party = ? and limit_id = ? and revision >= ?)
       returning seq`,
      [party, limit.limitId, limit.revision, limit.kind, limit.status, limit.expiresAt, limit.receivedAt, toJson(limit), party, limit.limitId, limit.revision],
    );
    // SQLite (better-sqlite3) answers the rows, node-postgres a result holding them.
    const [row] = (Array.isArray(result) ? result : result.rows) as Array<{ seq: unknown }>;
    return row ? toSafeInt(row.seq) : undefined;
  }

  /** Every revision received within [from, to). */
  async receivedBetween(party: string, from: string, to: string): Promise<LimitView[]> {
    const rows = await this.db('agr_limits').where({ party }).andWhere('received_at', '>=', from).andWhere('received_at', '<', to).orderBy('seq');
    return rows.map(toView);
  }

  /** Latest revision of each limit, not cancelled and not yet expired at `now`. */
  async active(party: string, now: string): Promise<LimitView[]> {
    const rows = await this.db('agr_limits as l')
      .where('l.party', party)
      .andWhere('l.expires_at', '>', now)
      .whereNotExists((q) => q.select(this.db.raw('1')).from('agr_limits as n').whereRaw('n.party = l.party and n.limit_id = l.limit_id and n.revision > l.revision'))
      .andWhere('l.status', 'active')
      .orderBy('l.seq');
    return rows.map(toView);
  }

  async maxSeq(party: string): Promise<number> {
    const row = await this.db('agr_limits').where({ party }).max({ s: 'seq' }).first();
    return row?.s === null || row?.s === undefined ? 0 : toSafeInt(row.s);
  }

  /**
   * What a long-poll at cursor `after` has not seen: the party's newest seq (`head`, where the
   * cursor moves to) and the non-expired revisions in (after, head], oldest first. Expired ones
   * are passed over, not returned. One call answers every waiter of the party at that cursor.
   */
  async since(party: string, after: number, now: string): Promise<{ head: number; items: LimitView[] }> {
    // One statement, not max(seq) and then the rows: a woken long-poll answers one database round
    // trip sooner, with no other statement of the component between the two (benchmark 2). The
    // left join keeps the head row when nothing new is there; one snapshot, so every row is ≤ head.
    const rows: Row[] = await this.db
      .select('m.head', 'l.seq', 'l.body')
      .from(this.db('agr_limits').where({ party }).max({ head: 'seq' }).as('m'))
      .leftJoin('agr_limits as l', (j) => {
        j.on('l.party', '=', this.db.raw('?', [party]))
          .andOn('l.seq', '>', this.db.raw('?', [after]))
          .andOn('l.expires_at', '>', this.db.raw('?', [now]));
      })
      .orderBy('l.seq');
    const head = rows[0]?.head === null || rows[0]?.head === undefined ? 0 : toSafeInt(rows[0].head);
    return { head, items: head <= after ? [] : rows.filter((r) => r.seq !== null && r.seq !== undefined).map(toView) };
  }

  /** Non-expired revisions with after < seq ≤ upTo (upTo omitted: no upper bound), oldest first. */
  async after(party: string, after: number, now: string, options: { upTo?: number; max?: number } = {}): Promise<LimitView[]> {
    const q = this.db('agr_limits').where({ party }).andWhere('seq', '>', after).andWhere('expires_at', '>', now);
    if (options.upTo !== undefined) q.andWhere('seq', '<=', options.upTo);
    if (options.max !== undefined) q.limit(options.max);
    return (await q.orderBy('seq')).map(toView);
  }
}
