// The market the chaos load runs in: 3 AGR/BRPs, 2 DSOs, one asset per schedule, each on its own
// connection point (DSOs alternate), and a few foreseen limits per DSO naming some of its
// connection points. Identities are deterministic, so reconciliation can recompute what each
// document's effect is called at its receiver.
import { opaqueId } from '../../broker/src/domain/opaque-id.js';
import { agrParty, assetId, connectionPoint, dsoParty } from '../../bench/lib/platform.js';

export interface WorldAsset {
  index: number;
  assetId: string;
  operator: string;
  dso: string;
  connectionPointId: string;
}

export interface WorldLimit {
  dso: string;
  limitId: string;
  connectionPointIds: string[];
  /** AGR/BRPs operating an affected asset: each receives every revision's grant (F6a). */
  operators: string[];
}

export interface ChaosWorld {
  agrs: string[];
  dsos: string[];
  assets: WorldAsset[];
  limits: WorldLimit[];
  /** Hour of tomorrow (UTC) that schedules and limits are about. */
  day: string;
}

const AGRS = 3;
const DSOS = 2;

/** `schedules` assets (one schedule each, created before the faults) and about `limits` limits. */
export function chaosWorld(schedules: number, limits = 4, now = new Date()): ChaosWorld {
  const perDso = Math.max(1, Math.ceil(limits / DSOS));
  const agrs = Array.from({ length: AGRS }, (_, i) => agrParty(i));
  const dsos = Array.from({ length: DSOS }, (_, i) => dsoParty(i));
  const assets: WorldAsset[] = Array.from({ length: schedules }, (_, k) => ({
    index: k,
    assetId: assetId(k % AGRS, k),
    operator: agrs[k % AGRS]!,
    dso: dsos[k % DSOS]!,
    connectionPointId: connectionPoint(k),
  }));
  const worldLimits: WorldLimit[] = [];
  dsos.forEach((dso, d) => {
    const own = assets.filter((a) => a.dso === dso);
    for (let j = 0; j < perDso; j++) {
      // Every perDso-th asset of the DSO, at most 6: small splits across the AGR/BRPs.
      const affected = own.filter((_, i) => i % perDso === j).slice(0, 6);
      if (affected.length === 0) continue;
      worldLimits.push({ dso, limitId: `chaos-${d}-${j}`, connectionPointIds: affected.map((a) => a.connectionPointId), operators: [...new Set(affected.map((a) => a.operator))].sort() });
    }
  });
  const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return { agrs, dsos, assets, limits: worldLimits, day: tomorrow.toISOString().slice(0, 10) };
}

const hour = (day: string, h: number) => `${day}T${String(h).padStart(2, '0')}:00:00Z`;

/** One revision of an asset's schedule: one hour, one value; the value varies with the revision. */
export function scheduleBody(world: ChaosWorld, asset: WorldAsset, revision: number): { revision?: number; assets: unknown[] } {
  const h = asset.index % 23;
  const powerW = ((revision * 7919) % 2000) * 100 - 100_000;
  return {
    ...(revision > 1 ? { revision } : {}),
    assets: [{ assetId: asset.assetId, resolution: 'PT60M', intervals: [{ start: hour(world.day, h), end: hour(world.day, h + 1), powerW }] }],
  };
}

export function schedulePowerW(body: { assets: unknown[] }): number {
  return (body.assets[0] as { intervals: Array<{ powerW: number }> }).intervals[0]!.powerW;
}

/** One revision of a foreseen limit: one hour of available production capacity. */
export function limitBody(world: ChaosWorld, limit: WorldLimit, revision: number): Record<string, unknown> {
  return {
    limitId: limit.limitId,
    revision,
    period: { start: hour(world.day, 12), end: hour(world.day, 13) },
    series: [{ direction: 'production', connectionPointIds: limit.connectionPointIds, resolution: 'PT60M', availableCapacityW: [100_000 + ((revision * 104_729) % 500) * 1000] }],
  };
}

/** What the DSO endpoint stores a schedule revision under: the core's opaque mRID for (operator, schedule, DSO). */
export function dsoScheduleMrid(asset: WorldAsset, scheduleId: string): string {
  return opaqueId('GL', asset.operator, scheduleId, asset.dso);
}

/** What an AGR/BRP endpoint stores a limit's grant under. */
export function agrLimitId(limit: WorldLimit, operator: string): string {
  return opaqueId('LIM', limit.dso, limit.limitId, operator);
}
