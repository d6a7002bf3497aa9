// Formatting for the TPS control-room GUI (F3): power always with its unit, times in the
// browser's local zone with UTC next to them.

const kwFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const ratioFormat = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 3 });

/** @param {number | null | undefined} watts */
export function kw(watts) {
  if (watts === null || watts === undefined || Number.isNaN(watts)) return '–';
  return `${kwFormat.format(watts / 1000)} kW`;
}

/** @param {number | null | undefined} value */
export function ratio(value) {
  return value === null || value === undefined ? '–' : ratioFormat.format(value);
}

export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';

const localDateTime = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const localTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const localTimeSec = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const utcTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
const utcDateTime = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'shortOffset' });

/** @param {string | number | Date} t */
const ms = (t) => (t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t));

/** "UTC+2" for the local zone at that moment. @param {string | number | Date} t */
export function offsetLabel(t = Date.now()) {
  const part = offsetFormat.formatToParts(new Date(ms(t))).find((p) => p.type === 'timeZoneName');
  return (part?.value ?? 'GMT').replace('GMT', 'UTC');
}

/** "Tue 03 Jun 12:15" (local). */
export const localAt = (t) => localDateTime.format(new Date(ms(t)));
/** "12:15" (local). */
export const localHm = (t) => localTime.format(new Date(ms(t)));
export const localHms = (t) => localTimeSec.format(new Date(ms(t)));
/** "10:15 UTC". */
export const utcHm = (t) => `${utcTime.format(new Date(ms(t)))} UTC`;
export const utcAt = (t) => `${utcDateTime.format(new Date(ms(t)))} UTC`;

/** A period as "Tue 03 Jun 12:00–13:00 (10:00–11:00 UTC)"; the end date is shown when it differs. */
export function period(start, end) {
  const s = ms(start);
  const e = ms(end);
  const sameDay = new Date(s).toDateString() === new Date(e - 1).toDateString();
  const endLocal = sameDay ? localHm(e) : localAt(e);
  return `${localAt(s)}–${endLocal} (${utcTime.format(new Date(s))}–${utcTime.format(new Date(e))} UTC)`;
}

/** The header's zone label: "Europe/Copenhagen · UTC+1" (every time is shown with UTC next to it). */
export function zoneLine() {
  return `${timeZone} · ${offsetLabel()}`;
}

/** Short party label: the EIC code itself is the name the platform knows. */
export const party = (code) => code ?? 'unknown';
