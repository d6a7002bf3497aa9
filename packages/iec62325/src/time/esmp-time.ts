import { RESOLUTION_MINUTES, type Resolution } from '../codes/market-codes.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';

// ESMP times are UTC. Interval bounds use YYYY-MM-DDTHH:MMZ (YMDHM_DateTime); document creation
// times use YYYY-MM-DDTHH:MM:SSZ (ESMP_DateTime). Both are checked as real calendar instants.
const YMDHM = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})Z$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const MINUTE_MS = 60_000;

/** A UTC interval, bounds in YYYY-MM-DDTHH:MMZ, start inclusive, end exclusive. */
export interface TimeInterval {
  start: string;
  end: string;
}

function instant(match: RegExpExecArray | null, text: string, field: string | undefined): number {
  if (match !== null) {
    const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(match[i]));
    const s = match[6] === undefined ? 0 : Number(match[6]);
    if (y !== undefined && mo !== undefined && d !== undefined && h !== undefined && mi !== undefined && h < 24 && mi < 60 && s < 60) {
      const ms = Date.UTC(y, mo - 1, d, h, mi, s);
      const date = new Date(ms);
      // Date.UTC rolls 2026-02-30 over into March (and years below 100 into the 1900s); a real
      // instant reads back unchanged.
      if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return ms;
    }
  }
  throw new DocumentError(DocumentErrorCode.InvalidTime, `not a valid UTC time: ${JSON.stringify(text)}`, { field });
}

/** Epoch milliseconds of a YYYY-MM-DDTHH:MMZ time. */
export function parseYmdhm(text: string, field?: string): number {
  return instant(typeof text === 'string' ? YMDHM.exec(text) : null, String(text), field);
}

/** Epoch milliseconds of a YYYY-MM-DDTHH:MM:SSZ time. */
export function parseEsmpDateTime(text: string, field?: string): number {
  return instant(typeof text === 'string' ? DATETIME.exec(text) : null, String(text), field);
}

/** YYYY-MM-DDTHH:MMZ of a date (seconds and milliseconds are dropped). */
export function toYmdhm(date: Date | number): string {
  return new Date(Math.floor(new Date(date).getTime() / MINUTE_MS) * MINUTE_MS).toISOString().slice(0, 16) + 'Z';
}

/** YYYY-MM-DDTHH:MM:SSZ of a date (milliseconds are dropped). */
export function toEsmpDateTime(date: Date | number): string {
  return new Date(date).toISOString().slice(0, 19) + 'Z';
}

/** Checks both bounds and start < end; returns the bounds in epoch milliseconds. */
export function intervalBounds(interval: TimeInterval, field: string): { start: number; end: number } {
  if (interval === null || typeof interval !== 'object') {
    throw new DocumentError(DocumentErrorCode.InvalidTime, 'missing time interval', { field });
  }
  const start = parseYmdhm(interval.start, `${field}/start`);
  const end = parseYmdhm(interval.end, `${field}/end`);
  if (start >= end) {
    throw new DocumentError(DocumentErrorCode.InvalidTime, `interval start ${interval.start} is not before end ${interval.end}`, { field });
  }
  return { start, end };
}

/** Checks that `inner` lies within `outer`. */
export function checkWithin(inner: TimeInterval, outer: TimeInterval, field: string, outerName: string): void {
  const i = intervalBounds(inner, field);
  const o = intervalBounds(outer, outerName);
  if (i.start < o.start || i.end > o.end) {
    throw new DocumentError(DocumentErrorCode.InvalidTime, `interval ${inner.start}/${inner.end} is outside ${outerName} ${outer.start}/${outer.end}`, { field });
  }
}

export function resolutionMinutes(resolution: Resolution, field: string): number {
  const minutes = Object.hasOwn(RESOLUTION_MINUTES, resolution) ? RESOLUTION_MINUTES[resolution] : undefined;
  if (minutes === undefined) {
    throw new DocumentError(DocumentErrorCode.InvalidResolution, `unsupported resolution ${JSON.stringify(resolution)} (PT15M or PT60M)`, { field });
  }
  return minutes;
}

/**
 * The number of points a fixed-size-block series (curveType A01) must have: the interval must be
 * aligned to the resolution (UTC) and a whole number of resolution steps long.
 */
export function expectedPointCount(interval: TimeInterval, resolution: Resolution, field: string): number {
  const minutes = resolutionMinutes(resolution, `${field}/resolution`);
  const { start, end } = intervalBounds(interval, `${field}/timeInterval`);
  const step = minutes * MINUTE_MS;
  if (start % step !== 0 || end % step !== 0) {
    throw new DocumentError(DocumentErrorCode.InvalidResolution, `interval ${interval.start}/${interval.end} is not aligned to ${resolution}`, { field });
  }
  return (end - start) / step;
}
