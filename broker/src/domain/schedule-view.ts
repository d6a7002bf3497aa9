// F8a/F9a: schedule series as a DSO sees them — the asset and its plan, under an opaque series
// mRID derived from (operator, document, series), never the operator or the AGR's own mRIDs.
import type { ScheduleSeries } from '../../../packages/iec62325/src/model/market-documents.types.js';
import { opaqueId } from './opaque-id.js';
import type { StoredScheduleSeries } from './types.js';

export function dsoSeriesMrid(operator: string, documentMrid: string, seriesMrid: string): string {
  return opaqueId('S', operator, documentMrid, seriesMrid);
}

export function toDsoSeries(s: StoredScheduleSeries): ScheduleSeries {
  return {
    mRID: dsoSeriesMrid(s.operator, s.documentMrid, s.seriesMrid),
    assetId: s.assetId,
    cancelled: false,
    resolution: s.resolution,
    interval: { start: s.start, end: s.end },
    pointsW: s.pointsW,
  };
}

/** The smallest period covering all series (a GL document's time_Period). */
export function coveringPeriod(series: readonly StoredScheduleSeries[]): { start: string; end: string } | undefined {
  if (series.length === 0) return undefined;
  let start = series[0]!.start;
  let end = series[0]!.end;
  for (const s of series) {
    if (s.start < start) start = s.start;
    if (s.end > end) end = s.end;
  }
  return { start, end };
}
