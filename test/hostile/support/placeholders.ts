// Resolves the placeholders of the REST corpus ({{AGR_A}}, {{ASSET_B_N1}}, …) against the seeded
// hostile platform, and builds the generated bodies (huge, deep, wide) at test time.
import { randomBytes } from 'node:crypto';
import { eicCheckChar, gsrnCheckDigit, makeEic } from '../../../packages/iec62325/src/index.js';
import { AGR_A, AGR_B, AGR_C, ASSETS, CP, DSO_NORTH, DSO_SOUTH, type HostilePlatform } from './platform.js';
import type { RestCase } from './corpus.js';

export function placeholders(p: HostilePlatform): Record<string, string> {
  const asset = (id: string) => ASSETS.find((a) => a.assetId.startsWith(makeEic('11W', id).slice(0, 12)))!.assetId;
  const first15 = ASSETS[0]!.assetId.slice(0, 15);
  const badEic = first15 + (eicCheckChar(first15) === 'A' ? 'B' : 'A');
  const badGsrn = CP.N1.slice(0, 17) + String((Number(gsrnCheckDigit(CP.N1.slice(0, 17))) + 1) % 10);
  return {
    AGR_A: p.tokens[AGR_A!]!,
    AGR_B: p.tokens[AGR_B!]!,
    AGR_C: p.tokens[AGR_C!]!,
    DSO_NORTH: p.tokens[DSO_NORTH!]!,
    DSO_SOUTH: p.tokens[DSO_SOUTH!]!,
    AGR_A_TRUNCATED: p.tokens[AGR_A!]!.slice(0, -1),
    FORGED: `tps_${randomBytes(32).toString('base64url')}`,
    AGR_A_EIC: AGR_A!,
    AGR_B_EIC: AGR_B!,
    ASSET_A_N1: asset('HOST-A-N1'),
    ASSET_A_S1: asset('HOST-A-S1'),
    ASSET_B_N1: asset('HOST-B-N1'),
    ASSET_B_S2: asset('HOST-B-S2'),
    ASSET_C_N2: asset('HOST-C-N2'),
    NEW_ASSET: makeEic('11W', 'HOST-NEW-1'),
    ASSET_BAD_CHECK: badEic,
    CP_N1: CP.N1,
    CP_N2: CP.N2,
    CP_S1: CP.S1,
    CP_S2: CP.S2,
    CP_BAD_CHECK: badGsrn,
    SCHEDULE_AGR_A: p.seeded.scheduleId[AGR_A!]!,
    SCHEDULE_AGR_B: p.seeded.scheduleId[AGR_B!]!,
    LIMIT_DSO_NORTH: p.seeded.limitId[DSO_NORTH!]!,
    LIMIT_DSO_SOUTH: p.seeded.limitId[DSO_SOUTH!]!,
    MSG_AGR_B: p.seeded.messageId[AGR_B!]!,
    MSG_DSO_SOUTH: p.seeded.messageId[DSO_SOUTH!]!,
    DAY_START: p.day.start,
    DAY_END: p.day.end,
  };
}

export function resolve(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`unknown placeholder {{${name}}}`);
    return v;
  });
}

export function resolveDeep(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string') return resolve(value, values);
  if (Array.isArray(value)) return value.map((v) => resolveDeep(v, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, values)]));
  return value;
}

/** The body a generator name stands for (made at test time, never checked in). */
export function generatedBody(name: NonNullable<RestCase['bodyGenerator']>, values: Record<string, string>): string {
  switch (name) {
    case 'huge-json-5mb':
      return JSON.stringify({ assets: [{ assetId: values.NEW_ASSET, name: 'x'.repeat(5 * 1024 * 1024) }] });
    case 'deep-json-100k':
      return `{"assets":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    case 'wide-assets-1001':
      return JSON.stringify({
        assets: Array.from({ length: 1001 }, (_, i) => ({ assetId: makeEic('11W', `W${String(i).padStart(5, '0')}`), connectionPointId: values.CP_N2, produces: true, consumes: false, maxProductionW: 1, maxConsumptionW: 0, name: 'w' })),
      });
    case 'huge-string-field':
      return JSON.stringify({ assets: [{ assetId: values.NEW_ASSET, connectionPointId: values.CP_N2, produces: true, consumes: false, maxProductionW: 1, maxConsumptionW: 0, name: 'n'.repeat(1024 * 1024) }] });
  }
}
