// F3 GUI: the quarter-hour grid every chart of the GUI is drawn on. Schedules (PT15M or PT60M)
// and limits (PT15M or PT60M) are both read as step functions; a value holds over its whole step.
import type { StoredScheduleSeries } from '../domain/types.js';

export const QUARTER_MS = 15 * 60_000;

export function stepMs(resolution: string): number {
  if (resolution === 'PT15M') return QUARTER_MS;
  if (resolution === 'PT60M') return 4 * QUARTER_MS;
  throw new Error(`unsupported resolution ${resolution}`);
}

export const toMs = (iso: string): number => Date.parse(iso);
export const toIso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Quarter-hour starts covering [startMs, endMs) (both on quarter-hour boundaries). */
export function quarterHours(startMs: number, endMs: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(startMs / QUARTER_MS) * QUARTER_MS; t < endMs; t += QUARTER_MS) out.push(t);
  return out;
}

/** A step series' value at time t, undefined outside it. */
export function valueAt(startMs: number, resolution: string, points: readonly number[], t: number): number | undefined {
  if (t < startMs) return undefined;
  return points[Math.floor((t - startMs) / stepMs(resolution))];
}

/**
 * The planned signed power of one asset at t (F8: + production, − consumption) from its current
 * series; where several series cover t, the newest (by update time) wins.
 */
export function plannedAt(series: readonly StoredScheduleSeries[], t: number): number | undefined {
  let best: StoredScheduleSeries | undefined;
  for (const s of series) {
    if (t < toMs(s.start) || t >= toMs(s.end)) continue;
    if (!best || s.updatedAt > best.updatedAt) best = s;
  }
  return best ? valueAt(toMs(best.start), best.resolution, best.pointsW, t) : undefined;
}

/** Magnitude of a signed plan in one direction: production counts positive values, consumption negative ones. */
export function inDirection(signedW: number, direction: string): number {
  return direction === 'consumption' ? Math.max(0, -signedW) : Math.max(0, signedW);
}

export function groupByAsset(series: readonly StoredScheduleSeries[]): Map<string, StoredScheduleSeries[]> {
  const map = new Map<string, StoredScheduleSeries[]>();
  for (const s of series) map.set(s.assetId, [...(map.get(s.assetId) ?? []), s]);
  return map;
}
