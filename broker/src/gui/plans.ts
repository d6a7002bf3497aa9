// F3: "operational plans sent by a selected AGR/BRP" — its assets and their schedules on the
// quarter-hour grid, ready to be stacked per asset (production above zero, consumption below).
import type { OperatorView } from '../admin/views.js';
import { groupByAsset, plannedAt, quarterHours, toMs } from './quarter-hours.js';

export interface PlansPayload {
  operator: string;
  assets: Array<{
    assetId: string;
    name: string | null;
    connectionPoint: string;
    produces: boolean;
    consumes: boolean;
    maxProductionW: number;
    maxConsumptionW: number;
    updatedAt: string;
  }>;
  schedules: Array<{
    documentMrid: string;
    seriesMrid: string;
    assetId: string;
    resolution: string;
    start: string;
    end: string;
    revision: number;
    updatedAt: string;
    minW: number;
    maxW: number;
  }>;
  /** Quarter-hour starts (ms since epoch) plus the end of the last one; values hold over each step. */
  timeline: { t: number[]; assets: Array<{ assetId: string; w: Array<number | null> }> };
}

export function plansPayload(view: OperatorView): PlansPayload {
  const byAsset = groupByAsset(view.schedules);
  const starts = view.schedules.map((s) => toMs(s.start));
  const ends = view.schedules.map((s) => toMs(s.end));
  const grid = starts.length > 0 ? quarterHours(Math.min(...starts), Math.max(...ends)) : [];
  const withSchedules = view.assets.filter((a) => byAsset.has(a.assetId));
  return {
    operator: view.operator,
    assets: view.assets.map((a) => ({
      assetId: a.assetId,
      name: a.name ?? null,
      connectionPoint: a.connectionPoint,
      produces: a.produces,
      consumes: a.consumes,
      maxProductionW: a.maxProductionW,
      maxConsumptionW: a.maxConsumptionW,
      updatedAt: a.updatedAt,
    })),
    schedules: view.schedules.map((s) => ({
      documentMrid: s.documentMrid,
      seriesMrid: s.seriesMrid,
      assetId: s.assetId,
      resolution: s.resolution,
      start: s.start,
      end: s.end,
      revision: s.revision,
      updatedAt: s.updatedAt,
      minW: Math.min(...s.pointsW),
      maxW: Math.max(...s.pointsW),
    })),
    timeline: {
      t: grid.length > 0 ? [...grid, grid[grid.length - 1]! + 15 * 60_000] : [],
      assets: withSchedules.map((a) => {
        const series = byAsset.get(a.assetId) ?? [];
        const w = grid.map((t) => plannedAt(series, t) ?? null);
        return { assetId: a.assetId, w: [...w, w[w.length - 1] ?? null] };
      }),
    },
  };
}
