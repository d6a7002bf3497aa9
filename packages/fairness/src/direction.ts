// Schedules are signed (F8: positive = production, negative = consumption) while a limit concerns
// one direction; these helpers give the planned magnitude in that direction.

import type { Direction } from './types.js';

/** Planned watts in `direction` for a signed schedule value (0 when it plans the other way). */
export function plannedForDirection(scheduleW: number, direction: Direction): number {
  if (direction === 'production') return scheduleW > 0 ? scheduleW : 0;
  return scheduleW < 0 ? -scheduleW : 0;
}

/** Per-interval form of `plannedForDirection`. */
export function plannedSeriesForDirection(scheduleW: readonly number[], direction: Direction): number[] {
  return scheduleW.map((w) => plannedForDirection(w, direction));
}
