// REST times are ISO 8601 UTC; documents use YYYY-MM-DDTHH:MMZ for interval bounds (ESMP).
// The facade accepts whole minutes only, so every REST time has exactly one wire form.
import { z } from 'zod';
import { parseYmdhm, toYmdhm } from '../../../packages/iec62325/src/time/esmp-time.js';

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;

/** Epoch ms of an ISO 8601 UTC time on a whole minute, or undefined. */
export function parseIsoMinute(text: string): number | undefined {
  const m = ISO_UTC.exec(text);
  if (!m) return undefined;
  if ((m[6] !== undefined && m[6] !== '00') || (m[7] !== undefined && !/^0+$/.test(m[7]))) return undefined;
  try {
    return parseYmdhm(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}Z`);
  } catch {
    return undefined;
  }
}

/** A zod string that must be an ISO 8601 UTC time on a whole minute. */
export const isoMinute = z.string().refine((s) => parseIsoMinute(s) !== undefined, {
  message: 'must be an ISO 8601 UTC time on a whole minute, e.g. 2026-03-01T06:00:00Z',
});

export const isoInterval = z.strictObject({ start: isoMinute, end: isoMinute });
export type IsoInterval = z.infer<typeof isoInterval>;

/** REST → wire: YYYY-MM-DDTHH:MMZ. */
export function toWire(iso: string): string {
  return toYmdhm(parseIsoMinute(iso)!);
}

export function intervalToWire(i: IsoInterval): { start: string; end: string } {
  return { start: toWire(i.start), end: toWire(i.end) };
}

/** Wire (YYYY-MM-DDTHH:MMZ) → REST: YYYY-MM-DDTHH:MM:SSZ. */
export function fromWire(ymdhm: string): string {
  return new Date(parseYmdhm(ymdhm)).toISOString().slice(0, 19) + 'Z';
}

export function intervalFromWire(i: { start: string; end: string }): { start: string; end: string } {
  return { start: fromWire(i.start), end: fromWire(i.end) };
}

/** ISO 8601 UTC of an instant, second precision (response timestamps). */
export function isoNow(date: Date): string {
  return date.toISOString().slice(0, 19) + 'Z';
}
