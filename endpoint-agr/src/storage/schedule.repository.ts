// F8b: schedules a party sent, one row per schedule document (mRID) holding its latest revision.
// Revisions only move forward: an update is a conditional write on the revision it read.
import type { Knex } from 'knex';
import type { Database } from '../../../packages/storage/src/index.js';
import { fromJson, toJson, toSafeInt } from '../../../packages/storage/src/index.js';
import type { Outcome, ReasonView, ScheduleAsset, ScheduleView } from '../mapping/rest-types.js';

type Row = Record<string, unknown>;

function toView(r: Row): ScheduleView {
  return {
    scheduleId: String(r.schedule_id),
    revision: toSafeInt(r.revision),
    status: r.status as ScheduleView['status'],
    period: { start: String(r.period_start), end: String(r.period_end) },
    assets: fromJson<ScheduleAsset[]>(r.assets),
    messageId: String(r.message_id),
    outcome: r.outcome as Outcome,
    reasons: fromJson<ReasonView[]>(r.reasons),
    updatedAt: String(r.updated_at),
  };
}

function toRow(party: string, v: ScheduleView): Row {
  return {
    schedule_id: v.scheduleId,
    party,
    revision: v.revision,
    status: v.status,
    period_start: v.period.start,
    period_end: v.period.end,
    assets: toJson(v.assets),
    message_id: v.messageId,
    outcome: v.outcome,
    reasons: toJson(v.reasons),
    updated_at: v.updatedAt,
  };
}

export class ScheduleRepository {
  constructor(private readonly db: Database) {}

  async insert(trx: Knex.Transaction, party: string, v: ScheduleView): Promise<void> {
    await trx('agr_schedules').insert(toRow(party, v));
  }

  /** NF3: another party's schedule ID reads as unknown. */
  async get(party: string, scheduleId: string, trx?: Knex.Transaction): Promise<ScheduleView | undefined> {
    const row = await (trx ?? this.db)('agr_schedules').where({ party, schedule_id: scheduleId }).first();
    return row ? toView(row) : undefined;
  }

  /** Schedules whose period overlaps [from, to), or all of the party's when no window is given. */
  async list(party: string, window?: { from: string; to: string }): Promise<ScheduleView[]> {
    const q = this.db('agr_schedules').where({ party });
    if (window) q.andWhere('period_start', '<', window.to).andWhere('period_end', '>', window.from);
    return (await q.orderBy('period_start').orderBy('schedule_id')).map(toView);
  }

  /**
   * Replaces revision `from` by `next` (next.revision > from). False when someone else moved the
   * schedule first: the revision read is no longer current, so this write must not happen.
   */
  async advance(trx: Knex.Transaction, party: string, from: number, next: ScheduleView): Promise<boolean> {
    if (next.revision <= from) throw new RangeError('revisions only move forward');
    const n = await trx('agr_schedules').where({ party, schedule_id: next.scheduleId, revision: from }).update(toRow(party, next));
    return n === 1;
  }

  async applyOutcome(trx: Knex.Transaction, party: string, scheduleId: string, revision: number, outcome: Outcome, reasons: ReasonView[]): Promise<number> {
    return trx('agr_schedules').where({ party, schedule_id: scheduleId, revision }).update({ outcome, reasons: toJson(reasons) });
  }
}
