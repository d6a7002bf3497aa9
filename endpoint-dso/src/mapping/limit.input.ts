// REST shapes of capacity limits (F6b). Strict objects: an unknown field (an `operator`, say) is
// an error, not silently dropped. Watts are integers with the unit in the field name.
import { z } from 'zod';
import { POLICY_NAMES } from '../../../packages/fairness/src/index.js';
import { assetId, connectionPointId, documentId, limitReason, uniqueList } from './identifiers.js';
import { isoInterval, isoMinute } from './time.js';

const direction = z.enum(['production', 'consumption']);
const MAX_ASSETS = 10_000;
/** A year of quarter hours: the longest series the facade takes in one call. */
const MAX_VALUES = 35_136;

/** Affected assets: named directly, or all assets at the named connection points, or both. */
const affected = {
  assetIds: uniqueList(assetId, MAX_ASSETS).optional(),
  connectionPointIds: uniqueList(connectionPointId, MAX_ASSETS).optional(),
};

export const foreseenSeriesInput = z.strictObject({
  direction,
  ...affected,
  resolution: z.enum(['PT15M', 'PT60M']),
  /** Defaults to the limit's period. */
  interval: isoInterval.optional(),
  availableCapacityW: z.array(z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)).min(1).max(MAX_VALUES),
});

export const foreseenLimitInput = z.strictObject({
  limitId: documentId.optional(),
  revision: z.number().int().min(1).max(999).optional(),
  period: isoInterval,
  fairnessPolicy: z.enum(POLICY_NAMES).optional(),
  reasons: z.array(limitReason).max(10).optional(),
  series: z.array(foreseenSeriesInput).min(1).max(100),
});
export type ForeseenLimitInput = z.infer<typeof foreseenLimitInput>;

export const unforeseenSignalInput = z.strictObject({
  direction,
  action: z.enum(['start', 'stop', 'hold']),
  ...affected,
});

export const unforeseenLimitInput = z.strictObject({
  limitId: documentId.optional(),
  revision: z.number().int().min(1).max(999).optional(),
  /** When the action applies from; defaults to now (whole minute). */
  start: isoMinute.optional(),
  /** When the grid is expected back to normal: the action holds until then (F6). */
  expectedEnd: isoMinute,
  reasons: z.array(limitReason).max(10).optional(),
  signals: z.array(unforeseenSignalInput).min(1).max(100),
});
export type UnforeseenLimitInput = z.infer<typeof unforeseenLimitInput>;

/** What a series or signal names; both kinds share the grid check. */
export interface AffectedInput {
  assetIds?: string[] | undefined;
  connectionPointIds?: string[] | undefined;
}
