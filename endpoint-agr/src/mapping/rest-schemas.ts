// Validation of every request body field (F2): each rejected field is named in the 400 problem.
// Identifiers are checked the way the wire checks them (EIC check character, GSRN check digit),
// so a request that passes here never fails on the wire for its form.
import { z } from 'zod';
import { isValidEicOfType, EIC_ASSET_TYPE, isValidGsrn } from '../../../packages/iec62325/src/index.js';
import { parseIsoUtc, readIsoUtc, RESOLUTION_MS, type IsoTime } from './time.js';

/** Bounds that keep one call's document reasonable (the body size limit bounds the rest). */
export const LIMITS = { assetsPerCall: 1000, intervalsPerAsset: 10_000, pointsPerAsset: 40_000, nameLength: 200 } as const;
/** IEC 62325 revision numbers are 1..999. */
export const MAX_REVISION = 999;

const watts = z.number().int('must be a whole number of watts').min(0, 'must not be negative').max(Number.MAX_SAFE_INTEGER);
const signedWatts = z.number().int('must be a whole number of watts').min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const assetIdSchema = z.string().refine((v) => isValidEicOfType(v, EIC_ASSET_TYPE), 'must be an EIC W-code (16 characters) with a valid check character');
const gsrn = z.string().refine(isValidGsrn, 'must be an 18-digit GS1 GSRN with a valid check digit');
const ISO_UTC_MESSAGE = 'must be an ISO 8601 UTC time such as 2026-05-01T10:00:00Z';
export const isoUtc = z.string().refine((v) => parseIsoUtc(v) !== undefined, ISO_UTC_MESSAGE);
/** The same check, read once: later steps use the epoch ms and the output form, never the text again. */
const isoUtcTime = z.string().transform((v, ctx): IsoTime => {
  const t = readIsoUtc(v);
  if (t) return t;
  ctx.addIssue({ code: 'custom', message: ISO_UTC_MESSAGE, input: v });
  return z.NEVER;
});

export const assetInputSchema = z
  .strictObject({
    assetId: assetIdSchema,
    connectionPointId: gsrn,
    produces: z.boolean(),
    consumes: z.boolean(),
    maxProductionW: watts,
    maxConsumptionW: watts,
    name: z.string().trim().min(1, 'must not be empty').max(LIMITS.nameLength),
  })
  .superRefine((a, ctx) => {
    if (!a.produces && !a.consumes) ctx.addIssue({ code: 'custom', path: ['produces'], message: 'an asset must produce, consume, or both' });
    // The wire's rule (AssetCapabilities): a maximum is > 0 exactly when the capability is set.
    if (a.produces !== a.maxProductionW > 0) ctx.addIssue({ code: 'custom', path: ['maxProductionW'], message: a.produces ? 'must be > 0 when produces is true' : 'must be 0 when produces is false' });
    if (a.consumes !== a.maxConsumptionW > 0) ctx.addIssue({ code: 'custom', path: ['maxConsumptionW'], message: a.consumes ? 'must be > 0 when consumes is true' : 'must be 0 when consumes is false' });
  });

function uniqueIds(ids: string[], ctx: z.RefinementCtx, path: (i: number) => Array<string | number>): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: path(i), message: `asset ${id} appears more than once` });
    seen.add(id);
  });
}

export const assetsRequestSchema = z
  .strictObject({ assets: z.array(assetInputSchema).min(1, 'at least one asset').max(LIMITS.assetsPerCall) })
  .superRefine((r, ctx) => uniqueIds(r.assets.map((a) => a.assetId), ctx, (i) => ['assets', i, 'assetId']));

/** `?assetIds=A,B` of DELETE /assets. */
export const assetIdListSchema = z
  .string('assetIds is required (comma-separated asset IDs)')
  .transform((s) => s.split(',').map((x) => x.trim()))
  .pipe(z.array(assetIdSchema).min(1).max(LIMITS.assetsPerCall))
  .superRefine((ids, ctx) => uniqueIds(ids, ctx, (i) => [i]));

const intervalSchema = z.strictObject({ start: isoUtcTime, end: isoUtcTime, powerW: signedWatts });

const scheduleAssetSchema = z
  .strictObject({
    assetId: assetIdSchema,
    resolution: z.enum(['PT15M', 'PT60M']).default('PT15M'),
    intervals: z.array(intervalSchema).min(1, 'at least one interval').max(LIMITS.intervalsPerAsset),
  })
  .superRefine(
    (a, ctx) => {
      // One series per asset on the wire: aligned to the resolution, in order, without gaps.
      const step = RESOLUTION_MS[a.resolution];
      let points = 0;
      a.intervals.forEach((iv, i) => {
        // A time that did not parse has its own issue already; checks that need it are skipped.
        const start = timeOf(iv.start);
        const end = timeOf(iv.end);
        if (start !== undefined && start % step !== 0) ctx.addIssue({ code: 'custom', path: ['intervals', i, 'start'], message: `must be aligned to ${a.resolution}` });
        if (end !== undefined && end % step !== 0) ctx.addIssue({ code: 'custom', path: ['intervals', i, 'end'], message: `must be aligned to ${a.resolution}` });
        if (start === undefined || end === undefined) return;
        if (end <= start) ctx.addIssue({ code: 'custom', path: ['intervals', i, 'end'], message: 'must be after start' });
        const prevEnd = i > 0 ? timeOf(a.intervals[i - 1]!.end) : undefined;
        if (prevEnd !== undefined && prevEnd !== start) ctx.addIssue({ code: 'custom', path: ['intervals', i, 'start'], message: 'must equal the end of the previous interval (intervals are contiguous and in order)' });
        points += Math.max(0, (end - start) / step);
      });
      if (points > LIMITS.pointsPerAsset) ctx.addIssue({ code: 'custom', path: ['intervals'], message: `at most ${LIMITS.pointsPerAsset} ${a.resolution} steps per asset` });
    },
    // Also when only other fields' own checks failed (e.g. an asset ID's check character), so one
    // answer names every problem; not when the shape itself is wrong (types, resolution).
    { when: (payload) => payload.issues.every((issue) => issue.code === 'custom') },
  );

/** Epoch ms of a time the schema read, or undefined when it did not read (its issue is reported). */
const timeOf = (t: IsoTime | undefined): number | undefined => (typeof t?.ms === 'number' ? t.ms : undefined);

export const scheduleRequestSchema = z
  .strictObject({
    /** Optional on updates: the client's own forward-only revision number. */
    revision: z.number().int().min(2).max(MAX_REVISION).optional(),
    assets: z.array(scheduleAssetSchema).min(1, 'at least one asset').max(LIMITS.assetsPerCall),
  })
  .superRefine((r, ctx) => uniqueIds(r.assets.map((a) => a.assetId), ctx, (i) => ['assets', i, 'assetId']));

export type AssetsRequest = z.infer<typeof assetsRequestSchema>;
export type ScheduleRequest = z.infer<typeof scheduleRequestSchema>;

/** `?from=&to=` of GET /limits and GET /schedules. */
export const windowQuerySchema = z
  .object({ from: isoUtc, to: isoUtc })
  .refine((w) => parseIsoUtc(w.from)! < parseIsoUtc(w.to)!, { path: ['to'], message: 'must be after from' });
