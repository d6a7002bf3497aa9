// F8a/F9a: the current schedule series per (operator, document, series). A new revision of a
// document replaces all its series.
import type { Knex } from 'knex';
import { fromJson, insertRows, toJson, toSafeInt } from '../../../packages/storage/src/index.js';
import type { StoredScheduleSeries } from '../domain/types.js';

interface Row {
  operator: string;
  document_mrid: string;
  series_mrid: string;
  asset_id: string;
  resolution: 'PT15M' | 'PT60M';
  start: string;
  end: string;
  points_w: unknown;
  revision: number | string;
  updated_at: string;
}

function toSeries(row: Row): StoredScheduleSeries {
  return {
    operator: row.operator,
    documentMrid: row.document_mrid,
    seriesMrid: row.series_mrid,
    assetId: row.asset_id,
    resolution: row.resolution,
    start: row.start,
    end: row.end,
    pointsW: fromJson<number[]>(row.points_w),
    revision: toSafeInt(row.revision),
    updatedAt: row.updated_at,
  };
}

export class ScheduleRepository {
  constructor(private readonly db: Knex) {}

  async ofDocument(operator: string, documentMrid: string): Promise<StoredScheduleSeries[]> {
    const rows = await this.db<Row>('core_schedule_series').where({ operator, document_mrid: documentMrid }).orderBy('series_mrid');
    return rows.map(toSeries);
  }

  async replaceDocument(operator: string, documentMrid: string, series: readonly StoredScheduleSeries[]): Promise<void> {
    await this.db('core_schedule_series').where({ operator, document_mrid: documentMrid }).delete();
    await insertRows(
      this.db,
      'core_schedule_series',
      series.map((s) => ({
        operator: s.operator,
        document_mrid: s.documentMrid,
        series_mrid: s.seriesMrid,
        asset_id: s.assetId,
        resolution: s.resolution,
        start: s.start,
        end: s.end,
        points_w: toJson(s.pointsW),
        revision: s.revision,
        updated_at: s.updatedAt,
      })),
    );
  }

  /** Current series of the given assets, newest first; optionally only those overlapping a window. */
  async ofAssets(assetIds: readonly string[], window?: { start: string; end: string }): Promise<StoredScheduleSeries[]> {
    if (assetIds.length === 0) return [];
    const q = this.db<Row>('core_schedule_series').whereIn('asset_id', [...assetIds]);
    if (window) q.where('start', '<', window.end).andWhere('end', '>', window.start);
    const rows = await q.orderBy([{ column: 'updated_at', order: 'desc' }, { column: 'asset_id' }, { column: 'series_mrid' }]);
    return rows.map(toSeries);
  }

  async ofOperator(operator: string): Promise<StoredScheduleSeries[]> {
    const rows = await this.db<Row>('core_schedule_series').where({ operator }).orderBy(['asset_id', 'start']);
    return rows.map(toSeries);
  }
}
