// REST times: ISO 8601 in UTC only ("Z"), so a client can never be misread across time zones.
// A schedule carries ~200 of them per asset, so the canonical forms (what every client sends in
// practice, and what this endpoint answers) are read by a fast path without a regex or a Date
// object; every other accepted form goes through the general reader below, with the same verdicts.
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;

/** An ISO UTC time read once: epoch milliseconds and the one output form of it. */
export interface IsoTime {
  ms: number;
  /** YYYY-MM-DDTHH:MM:SSZ (the input itself when it was already in that form). */
  iso: string;
}

/** Epoch milliseconds of an ISO 8601 UTC time, or undefined if it is not one (or not a real date). */
export function parseIsoUtc(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.length === 20 || text.length === 24) {
    const fast = parseCanonical(text);
    if (fast !== SLOW) return fast;
  }
  return parseGeneral(text);
}

/** The time with its output form; undefined exactly when parseIsoUtc says so. */
export function readIsoUtc(text: unknown): IsoTime | undefined {
  const ms = parseIsoUtc(text);
  if (ms === undefined) return undefined;
  // Length 20 + valid means YYYY-MM-DDTHH:MM:SSZ already: no need to format it again.
  return { ms, iso: (text as string).length === 20 ? (text as string) : formatIsoUtc(ms) };
}

/** The one output format: YYYY-MM-DDTHH:MM:SSZ (sorts as text, which the store relies on). */
export function formatIsoUtc(t: number | Date): string {
  return new Date(t).toISOString().slice(0, 19) + 'Z';
}

export const RESOLUTION_MS = { PT15M: 15 * 60_000, PT60M: 60 * 60_000 } as const;

const SLOW = -1;
const ZERO = 48;

/** Digits at [at, at + n) as a number, or -1 if any is not 0-9. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * YYYY-MM-DDTHH:MM:SSZ and YYYY-MM-DDTHH:MM:SS.sssZ: epoch ms, undefined when the text has that
 * shape but is not a real time, SLOW when it does not have that shape (the general reader decides).
 */
function parseCanonical(s: string): number | undefined {
  const z = s.length - 1;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(z) !== 90) return SLOW;
  let ms = 0;
  if (z === 23) {
    if (s.charCodeAt(19) !== 46) return SLOW;
    ms = digits(s, 20, 3);
    if (ms < 0) return SLOW;
  }
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return SLOW;
  // Years 0-99 mean 1900-1999 to Date.UTC; the general reader refuses them, so let it.
  if (y < 100) return SLOW;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
}

function parseGeneral(text: string): number | undefined {
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
