// F3: "the possible implications between plans and restrictions". For each live limit of a DSO,
// the current plans of the named assets (only their current operator's, as the splitter reads
// them, docs/core.md "Fairness inputs") against what the split granted each asset; where a plan
// exceeds its grant — or an unforeseen 'stop' — the interval is a conflict, with the amount.
// Administrator view: operators are named (the split per AGR/BRP is the point of it).
import type { SplitMetrics, SeriesMetricsSummary, TraceEntry } from '../../../packages/fairness/src/index.js';
import type { StoredLimit, StoredSplit } from '../storage/limit.repository.js';
import type { Asset, StoredScheduleSeries } from '../domain/types.js';
import { effectiveStatus, type EffectiveStatus } from './limits.js';
import { QUARTER_MS, groupByAsset, inDirection, plannedAt, quarterHours, stepMs, toIso, toMs } from './quarter-hours.js';

export interface Conflict {
  kind: 'foreseen' | 'unforeseen';
  limitMrid: string;
  seriesMrid: string;
  assetId: string;
  assetName: string | null;
  operator: string | null;
  direction: string;
  start: string;
  end: string;
  /** Largest planned power in the limit's direction over [start, end). */
  plannedW: number;
  /** The asset's grant (foreseen) or 0 for 'stop' (unforeseen). */
  allowedW: number;
  exceedW: number;
  action?: string;
}

export interface ForeseenImplication {
  limitMrid: string;
  revision: number;
  effectiveStatus: EffectiveStatus;
  seriesMrid: string;
  direction: string;
  resolution: string;
  policy: string | null;
  intervals: Array<{ index: number; start: string; end: string; limitW: number; grantedW: number; plannedW: number; exceedW: number; metrics: SplitMetrics | null; trace: readonly TraceEntry[] }>;
  assets: Array<{ assetId: string; name: string | null; operator: string | null; grantsW: number[]; plannedW: Array<number | null>; exceedW: number[] }>;
  operators: Array<{ operator: string; assetIds: string[]; grantsW: number[]; plannedW: number[]; exceedW: number[] }>;
  summary: SeriesMetricsSummary | null;
  /** Quarter-hour grid (+ end), limit, per-asset plan and grant in the direction, and Σ excess per quarter. */
  timeline: { t: number[]; limitW: number[]; plannedW: number[][]; grantW: number[][]; exceedW: number[] };
}

export interface UnforeseenImplication {
  limitMrid: string;
  revision: number;
  effectiveStatus: EffectiveStatus;
  periodStart: string;
  periodEnd: string;
  signals: Array<{
    seriesMrid: string;
    direction: string;
    action: string;
    assets: Array<{ assetId: string; name: string | null; operator: string | null; plannedW: number | null; exceedW: number }>;
  }>;
}

export interface Implications {
  dso: string;
  foreseen: ForeseenImplication[];
  unforeseen: UnforeseenImplication[];
  conflicts: Conflict[];
  /** Cancelled limits are listed, not compared. */
  cancelled: string[];
}

export interface ImplicationsInput {
  dso: string;
  limits: readonly StoredLimit[];
  splits: readonly StoredSplit[];
  assets: readonly Asset[];
  schedules: readonly StoredScheduleSeries[];
  now: Date;
}

const maxOrNull = (values: Array<number | undefined>): number | null => {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length > 0 ? Math.max(...defined) : null;
};

export function computeImplications(input: ImplicationsInput): Implications {
  const assetById = new Map(input.assets.map((a) => [a.assetId, a]));
  // Only the current operator's plans count, as in the split (docs/core.md "Fairness inputs").
  const plansByAsset = groupByAsset(input.schedules.filter((s) => assetById.get(s.assetId)?.operator === s.operator));
  const planned = (assetId: string, t: number, direction: string): number | undefined => {
    const p = plannedAt(plansByAsset.get(assetId) ?? [], t);
    return p === undefined ? undefined : inDirection(p, direction);
  };
  const out: Implications = { dso: input.dso, foreseen: [], unforeseen: [], conflicts: [], cancelled: [] };

  for (const limit of input.limits) {
    if (limit.status === 'cancelled') {
      out.cancelled.push(limit.mrid);
      continue;
    }
    const status = effectiveStatus(limit.status, limit.periodStart, limit.periodEnd, input.now);
    const doc = limit.document;
    if (doc.limitType === 'foreseen') {
      for (const series of doc.series) {
        const split = latestSplit(input.splits, limit, series.mRID);
        const implication = foreseen(limit, status, series, split, assetById, planned);
        out.foreseen.push(implication);
        for (const a of implication.assets) {
          a.exceedW.forEach((exceedW, i) => {
            const interval = implication.intervals[i]!;
            if (exceedW > 0) {
              out.conflicts.push({
                kind: 'foreseen',
                limitMrid: limit.mrid,
                seriesMrid: series.mRID,
                assetId: a.assetId,
                assetName: a.name,
                operator: a.operator,
                direction: series.direction,
                start: interval.start,
                end: interval.end,
                plannedW: a.plannedW[i] ?? 0,
                allowedW: a.grantsW[i] ?? 0,
                exceedW,
              });
            }
          });
        }
      }
    } else if (doc.limitType === 'unforeseen') {
      const from = toMs(limit.periodStart);
      const to = toMs(limit.periodEnd);
      const grid = quarterHours(from, to);
      const signals = doc.series.map((s) => ({
        seriesMrid: s.mRID,
        direction: s.direction,
        action: s.action,
        assets: s.assetIds.map((assetId) => {
          const asset = assetById.get(assetId);
          const values = grid.map((t) => planned(assetId, t, s.direction));
          const plannedW = maxOrNull(values);
          // F6 unforeseen: 'stop' allows nothing in that direction until the grid is back to normal;
          // 'start' and 'hold' ask for an action, not a ceiling, so nothing is "exceeded".
          const exceedW = s.action === 'stop' ? (plannedW ?? 0) : 0;
          if (exceedW > 0) {
            const hot = grid.filter((_t, i) => (values[i] ?? 0) > 0);
            out.conflicts.push({
              kind: 'unforeseen',
              limitMrid: limit.mrid,
              seriesMrid: s.mRID,
              assetId,
              assetName: asset?.name ?? null,
              operator: asset?.operator ?? null,
              direction: s.direction,
              start: toIso(hot[0]!),
              end: toIso(hot[hot.length - 1]! + QUARTER_MS),
              plannedW: exceedW,
              allowedW: 0,
              exceedW,
              action: s.action,
            });
          }
          return { assetId, name: asset?.name ?? null, operator: asset?.operator ?? null, plannedW, exceedW };
        }),
      }));
      out.unforeseen.push({ limitMrid: limit.mrid, revision: limit.revision, effectiveStatus: status, periodStart: limit.periodStart, periodEnd: limit.periodEnd, signals });
    }
  }
  out.conflicts.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : b.exceedW - a.exceedW));
  return out;
}

function latestSplit(splits: readonly StoredSplit[], limit: StoredLimit, seriesMrid: string): StoredSplit | undefined {
  let found: StoredSplit | undefined;
  for (const s of splits) {
    if (s.limitMrid === limit.mrid && s.revision === limit.revision && s.seriesMrid === seriesMrid && (!found || s.id > found.id)) found = s;
  }
  return found;
}

type ForeseenSeries = Extract<StoredLimit['document'], { limitType: 'foreseen' }>['series'][number];

function foreseen(
  limit: StoredLimit,
  status: EffectiveStatus,
  series: ForeseenSeries,
  split: StoredSplit | undefined,
  assetById: Map<string, Asset>,
  planned: (assetId: string, t: number, direction: string) => number | undefined,
): ForeseenImplication {
  const step = stepMs(series.resolution);
  const start = toMs(series.interval.start);
  const assetIds = split ? [...split.decision.assetIds] : [...series.assetIds].sort();
  const grant = (assetIndex: number, interval: number): number => split?.decision.intervals[interval]?.grantsW[assetIndex] ?? 0;
  const grid = quarterHours(start, toMs(series.interval.end));
  const intervalOf = (t: number) => Math.floor((t - start) / step);

  const assets = assetIds.map((assetId, ai) => {
    const asset = assetById.get(assetId);
    const plannedW = series.availableW.map((_w, i) => maxOrNull(grid.filter((t) => intervalOf(t) === i).map((t) => planned(assetId, t, series.direction))));
    const grantsW = series.availableW.map((_w, i) => grant(ai, i));
    return {
      assetId,
      name: asset?.name ?? null,
      operator: asset?.operator ?? split?.decision.assetOperators[ai] ?? null,
      grantsW,
      plannedW,
      exceedW: plannedW.map((p, i) => Math.max(0, (p ?? 0) - grantsW[i]!)),
    };
  });

  const intervals = series.availableW.map((limitW, i) => {
    const quarters = grid.filter((t) => intervalOf(t) === i);
    const sectionPlan = Math.max(0, ...quarters.map((t) => assetIds.reduce((sum, id) => sum + (planned(id, t, series.direction) ?? 0), 0)));
    const decided = split?.decision.intervals[i];
    return {
      index: i,
      start: toIso(start + i * step),
      end: toIso(start + (i + 1) * step),
      limitW,
      grantedW: assets.reduce((sum, a) => sum + a.grantsW[i]!, 0),
      plannedW: sectionPlan,
      exceedW: Math.max(0, sectionPlan - limitW),
      metrics: decided?.metrics ?? null,
      trace: decided?.trace ?? [],
    };
  });

  const operatorNames = [...new Set(assets.map((a) => a.operator ?? 'unknown operator'))].sort();
  const operators = operatorNames.map((operator) => {
    const own = assets.filter((a) => (a.operator ?? 'unknown operator') === operator);
    const sum = (pick: (a: (typeof own)[number], i: number) => number) => series.availableW.map((_w, i) => own.reduce((s, a) => s + pick(a, i), 0));
    return { operator, assetIds: own.map((a) => a.assetId), grantsW: sum((a, i) => a.grantsW[i]!), plannedW: sum((a, i) => a.plannedW[i] ?? 0), exceedW: sum((a, i) => a.exceedW[i]!) };
  });

  const plannedQ = assetIds.map((id) => grid.map((t) => planned(id, t, series.direction) ?? 0));
  const grantQ = assetIds.map((_id, ai) => grid.map((t) => grant(ai, intervalOf(t))));
  const exceedQ = grid.map((_t, q) => assetIds.reduce((s, _id, ai) => s + Math.max(0, plannedQ[ai]![q]! - grantQ[ai]![q]!), 0));
  const limitQ = grid.map((t) => series.availableW[intervalOf(t)] ?? 0);
  // One extra point at the end closes the last step of every stepped line.
  const close = <T>(values: T[]): T[] => (values.length > 0 ? [...values, values[values.length - 1]!] : values);

  return {
    limitMrid: limit.mrid,
    revision: limit.revision,
    effectiveStatus: status,
    seriesMrid: series.mRID,
    direction: series.direction,
    resolution: series.resolution,
    policy: split?.policy ?? null,
    intervals,
    assets,
    operators,
    summary: split?.decision.summary.metrics ?? null,
    timeline: {
      t: grid.length > 0 ? [...grid, grid[grid.length - 1]! + QUARTER_MS] : [],
      limitW: close(limitQ),
      plannedW: plannedQ.map(close),
      grantW: grantQ.map(close),
      exceedW: close(exceedQ),
    },
  };
}
