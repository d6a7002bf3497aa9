// Consistency of a foreseen limit's time axis, checked before anything is sent (F6b): start before
// end, the resolution divides the series interval, the interval lies within the period, and
// exactly one value per resolution step.
import type { ProblemFieldError } from '../../../packages/http/src/index.js';
import { RESOLUTION_MINUTES } from '../../../packages/iec62325/src/codes/market-codes.js';
import type { ForeseenLimitInput } from './limit.input.js';
import { parseIsoMinute } from './time.js';

const MINUTE_MS = 60_000;

function bounds(i: { start: string; end: string }): { start: number; end: number } {
  return { start: parseIsoMinute(i.start)!, end: parseIsoMinute(i.end)! };
}

export function checkForeseenTiming(input: ForeseenLimitInput): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  const period = bounds(input.period);
  if (period.start >= period.end) {
    errors.push({ field: 'period', message: `start ${input.period.start} is not before end ${input.period.end}` });
    return errors;
  }
  input.series.forEach((s, i) => {
    const at = `series.${i}`;
    if (!s.assetIds?.length && !s.connectionPointIds?.length) {
      errors.push({ field: at, message: 'name the affected assetIds or connectionPointIds' });
    }
    const iv = s.interval ? bounds(s.interval) : period;
    const ivField = s.interval ? `${at}.interval` : 'period';
    if (iv.start >= iv.end) {
      errors.push({ field: ivField, message: 'start is not before end' });
      return;
    }
    if (iv.start < period.start || iv.end > period.end) {
      errors.push({ field: ivField, message: `lies outside the period ${input.period.start}/${input.period.end}` });
    }
    const step = RESOLUTION_MINUTES[s.resolution] * MINUTE_MS;
    if (iv.start % step !== 0 || iv.end % step !== 0) {
      errors.push({ field: `${at}.resolution`, message: `${s.resolution} does not divide the interval (bounds must fall on ${s.resolution} boundaries)` });
      return;
    }
    const expected = (iv.end - iv.start) / step;
    if (s.availableCapacityW.length !== expected) {
      errors.push({ field: `${at}.availableCapacityW`, message: `expected ${expected} values (one per ${s.resolution} interval), got ${s.availableCapacityW.length}` });
    }
  });
  return errors;
}
