// REST times: ISO 8601 in UTC only ("Z"), so a client can never be misread across time zones.
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;

/** Epoch milliseconds of an ISO 8601 UTC time, or undefined if it is not one (or not a real date). */
export function parseIsoUtc(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ISO_UTC.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const s = Number(m[6] ?? 0);
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  if (h! > 23 || mi! > 59 || s > 59) return undefined;
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, s, ms);
  const back = new Date(t);
  // Date.UTC silently rolls 2026-02-30 into March; a real date reads back unchanged.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d) return undefined;
  return t;
}

/** The one output format: YYYY-MM-DDTHH:MM:SSZ (sorts as text, which the store relies on). */
export function formatIsoUtc(t: number | Date): string {
  return new Date(t).toISOString().slice(0, 19) + 'Z';
}

export const RESOLUTION_MS = { PT15M: 15 * 60_000, PT60M: 60 * 60_000 } as const;
