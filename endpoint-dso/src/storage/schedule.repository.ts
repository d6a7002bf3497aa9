// Operational schedules the core forwarded to this DSO (F9), each series numbered in arrival order
// for wait-for-new and SSE. NF3: the core regroups per DSO and signs as itself; no operator here.
import type { Knex } from 'knex';
import type { Database } from '../../../packages/storage/src/index.js';
import { fromJson, insertRows, toJson, toSafeInt } from '../../../packages/storage/src/index.js';
import { reserveSequence } from './sequence.js';

/** Times are ISO 8601 UTC (REST form); values are signed integer watts, + production (F8). */
export interface StoredSchedule {
  sequence: number;
  scheduleId: string;
  revision: number;
  seriesId: string;
  assetId: string;
  cancelled: boolean;
  resolution?: string;
  interval?: { start: string; end: string };
  valuesW?: number[];
  receivedAt: string;
}

export type NewScheduleSeries = Omit<StoredSchedule, 'sequence' | 'receivedAt' | 'scheduleId' | 'revision'>;

type Db = Database | Knex.Transaction;

function toSchedule(r: Record<string, unknown>): StoredSchedule {
  const s: StoredSchedule = {
    sequence: toSafeInt(r.seq),
    scheduleId: String(r.document_mrid),
    revision: Number(r.revision),
    seriesId: String(r.series_mrid),
    assetId: String(r.asset_id),
    cancelled: Boolean(r.cancelled),
    receivedAt: String(r.received_at),
  };
  if (!s.cancelled) {
    s.resolution = String(r.resolution);
    s.interval = { start: String(r.start), end: String(r.end) };
    s.valuesW = fromJson<number[]>(r.points_w);
  }
  return s;
}

export interface ScheduleFilter {
  assetIds?: string[];
  /** Only series overlapping [from, to). ISO strings of one fixed form compare as times. */
  from?: string;
  to?: string;
}

export class ScheduleRepository {
  /** One document's series: numbers reserved in one statement, rows inserted in as few as possible. */
  async store(trx: Knex.Transaction, dso: string, doc: { scheduleId: string; revision: number }, series: NewScheduleSeries[], at: string): Promise<number> {
    if (series.length === 0) return 0;
    const first = (await reserveSequence(trx, dso, 'schedules', series.length)) - series.length + 1;
    const rows = series.map((s, i) => ({
      dso,
      seq: first + i,
      document_mrid: doc.scheduleId,
      revision: doc.revision,
      series_mrid: s.seriesId,
      asset_id: s.assetId,
      cancelled: s.cancelled,
      resolution: s.resolution ?? null,
      start: s.interval?.start ?? null,
      end: s.interval?.end ?? null,
      points_w: s.valuesW ? toJson(s.valuesW) : null,
      received_at: at,
    }));
    await insertRows(trx, 'dso_schedules', rows);
    return series.length;
  }

  /** What arrived after position `after`, in arrival order (F9b wait-for-new, SSE). */
  async receivedAfter(db: Db, dso: string, after: number, limit = 1_000): Promise<StoredSchedule[]> {
    const rows = await db('dso_schedules').where({ dso }).andWhere('seq', '>', after).orderBy('seq').limit(limit);
    return rows.map(toSchedule);
  }

  /**
   * The schedules in force: per series the highest revision (arrival order breaks ties), cancelled
   * series left out, optionally restricted to assets and a time window (F9b get).
   */
  async current(db: Db, dso: string, filter: ScheduleFilter): Promise<StoredSchedule[]> {
    const q = db('dso_schedules').where({ dso });
    if (filter.assetIds?.length) q.whereIn('asset_id', filter.assetIds);
    const latest = new Map<string, StoredSchedule>();
    for (const s of (await q.orderBy('seq')).map(toSchedule)) {
      const key = `${s.assetId}\u0000${s.seriesId}`;
      const seen = latest.get(key);
      if (!seen || s.revision >= seen.revision) latest.set(key, s);
    }
    return [...latest.values()]
      .filter((s) => !s.cancelled)
      .filter((s) => !filter.from || s.interval!.end > filter.from)
      .filter((s) => !filter.to || s.interval!.start < filter.to)
      .sort((a, b) => a.assetId.localeCompare(b.assetId) || a.interval!.start.localeCompare(b.interval!.start) || a.sequence - b.sequence);
  }
}
