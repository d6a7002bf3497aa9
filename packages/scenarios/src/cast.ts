// The cast and the grid of the DREM scenarios: two DSOs with their connection points, three
// AGR/BRPs with producing and consuming assets (some sharing a connection point), day-ahead
// schedules, and the limits the DSOs will send. Plain data: the steps play it, the tests check
// the platform's answers against it.
import { DEMO_PARTIES } from '../../config/src/index.js';
import { makeEic, makeGsrn } from '../../iec62325/src/index.js';

export type Direction = 'production' | 'consumption';

export interface CastAsset {
  assetId: string;
  name: string;
  operator: string;
  connectionPointId: string;
  produces: boolean;
  consumes: boolean;
  maxProductionW: number;
  maxConsumptionW: number;
  /** Day-ahead plan: signed watts per hour from the schedule start (+ production, − consumption). */
  planW: number[];
}

export interface CastDso {
  party: string;
  name: string;
  connectionPointIds: string[];
}

export interface CastAgr {
  party: string;
  name: string;
}

export interface Cast {
  dsos: CastDso[];
  agrs: CastAgr[];
  assets: CastAsset[];
  /** Day-ahead schedule window (tomorrow, UTC), hourly plan values, PT15M on the wire. */
  schedule: { start: string; hours: number };
  /** The foreseen limit: DSO North, production, quarter hours. */
  foreseen: {
    dso: string;
    limitId: string;
    direction: Direction;
    start: string;
    /** Revision 1: the section; values per quarter hour. */
    first: { connectionPointIds: string[]; availableCapacityW: number[]; policy: 'waterfill' };
    /** Revision 2: section widened, other values, the DREM pro-rata rule. */
    update: { connectionPointIds: string[]; availableCapacityW: number[]; policy: 'drem-prorata' };
  };
  /** The unforeseen signal: DSO South, stop some assets, hold others until `minutes` from now. */
  unforeseen: {
    dso: string;
    limitId: string;
    minutes: number;
    /** Revision 2: the issue lasts longer — the same signals until `extendedMinutes` from now. */
    extendedMinutes: number;
    stop: { direction: Direction; assetIds: string[] };
    hold: { direction: Direction; assetIds: string[] };
  };
}

const HOUR = 3_600_000;

export function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + ':00Z';
}

export function cpName(cast: Cast, id: string): string {
  const i = cast.dsos.flatMap((d) => d.connectionPointIds).indexOf(id);
  return i < 0 ? id : `CP${i + 1}`;
}

export function partyName(cast: Cast, party: string): string {
  return cast.agrs.find((a) => a.party === party)?.name ?? cast.dsos.find((d) => d.party === party)?.name ?? (party === DEMO_PARTIES.tps ? 'TPS' : party);
}

export function assetName(cast: Cast, assetId: string): string {
  return cast.assets.find((a) => a.assetId === assetId)?.name ?? assetId;
}

/**
 * Builds the cast. `now` fixes the schedule day (tomorrow 10:00–12:00 UTC) and the unforeseen
 * window; `runId` makes limit IDs unique when several scenarios share one platform.
 */
export function dremCast(now: number = Date.now(), runId = ''): Cast {
  const [alpha, bravo, charlie] = DEMO_PARTIES.agr;
  const [north, south] = DEMO_PARTIES.dso;
  const cp = (n: number) => makeGsrn(`5713131000000${String(n).padStart(4, '0')}`);
  const [cp1, cp2, cp3, cp4, cp5] = [cp(1), cp(2), cp(3), cp(4), cp(5)];
  const asset = (body: string) => makeEic('11W', body);
  const tomorrow = Math.floor(now / (24 * HOUR)) * 24 * HOUR + 24 * HOUR;
  const start = tomorrow + 10 * HOUR;
  const kW = 1000;
  const assets: CastAsset[] = [
    // AGR Alpha: PV at CP1, battery at CP2 (shared with Charlie's wind), heat pump at CP4 (South).
    { assetId: asset('ALPHA-PV-1'), name: 'Alpha PV park', operator: alpha, connectionPointId: cp1, produces: true, consumes: false, maxProductionW: 400 * kW, maxConsumptionW: 0, planW: [350 * kW, 380 * kW] },
    { assetId: asset('ALPHA-BATT-2'), name: 'Alpha battery', operator: alpha, connectionPointId: cp2, produces: true, consumes: true, maxProductionW: 200 * kW, maxConsumptionW: 200 * kW, planW: [150 * kW, -100 * kW] },
    { assetId: asset('ALPHA-HP-3'), name: 'Alpha heat pumps', operator: alpha, connectionPointId: cp4, produces: false, consumes: true, maxProductionW: 0, maxConsumptionW: 50 * kW, planW: [-40 * kW, -40 * kW] },
    // AGR Bravo: PV at CP3 (North, outside the first section), EV chargers at CP5 (South).
    { assetId: asset('BRAVO-PV-1'), name: 'Bravo rooftop PV', operator: bravo, connectionPointId: cp3, produces: true, consumes: false, maxProductionW: 300 * kW, maxConsumptionW: 0, planW: [250 * kW, 250 * kW] },
    { assetId: asset('BRAVO-EV-2'), name: 'Bravo EV chargers', operator: bravo, connectionPointId: cp5, produces: false, consumes: true, maxProductionW: 0, maxConsumptionW: 150 * kW, planW: [-120 * kW, -120 * kW] },
    // AGR Charlie: wind at CP2 (shared with Alpha), battery at CP4 (shared with Alpha, South).
    { assetId: asset('CHARLIE-WIND'), name: 'Charlie wind turbine', operator: charlie, connectionPointId: cp2, produces: true, consumes: false, maxProductionW: 600 * kW, maxConsumptionW: 0, planW: [500 * kW, 600 * kW] },
    { assetId: asset('CHARLIE-BATT'), name: 'Charlie battery', operator: charlie, connectionPointId: cp4, produces: true, consumes: true, maxProductionW: 100 * kW, maxConsumptionW: 100 * kW, planW: [80 * kW, 80 * kW] },
  ];
  const id = (a: string) => assets.find((x) => x.name === a)!.assetId;
  const suffix = runId ? `-${runId}` : '';
  return {
    dsos: [
      { party: north, name: 'DSO North', connectionPointIds: [cp1, cp2, cp3] },
      { party: south, name: 'DSO South', connectionPointIds: [cp4, cp5] },
    ],
    agrs: [
      { party: alpha, name: 'AGR Alpha' },
      { party: bravo, name: 'AGR Bravo' },
      { party: charlie, name: 'AGR Charlie' },
    ],
    assets,
    schedule: { start: isoMinute(start), hours: 2 },
    foreseen: {
      dso: north,
      limitId: `LIM-NORTH-MAINT${suffix}`,
      direction: 'production',
      start: isoMinute(start),
      // Needs (plans) in the section: 350 + 150 + 500 = 1000 kW. 1200 kW: caps bind; then it bites.
      first: { connectionPointIds: [cp1, cp2], availableCapacityW: [1200, 800, 700, 600].map((v) => v * kW), policy: 'waterfill' },
      update: { connectionPointIds: [cp1, cp2, cp3], availableCapacityW: [1000, 900, 800, 700].map((v) => v * kW), policy: 'drem-prorata' },
    },
    unforeseen: {
      dso: south,
      limitId: `LIM-SOUTH-ALERT${suffix}`,
      minutes: 90,
      extendedMinutes: 150,
      stop: { direction: 'consumption', assetIds: [id('Alpha heat pumps'), id('Bravo EV chargers')] },
      hold: { direction: 'production', assetIds: [id('Charlie battery')] },
    },
  };
}

/** The assets at these connection points. */
export function assetsAt(cast: Cast, connectionPointIds: readonly string[]): CastAsset[] {
  return cast.assets.filter((a) => connectionPointIds.includes(a.connectionPointId));
}

/** An asset's plan in one direction for the quarter hour starting `quarter` quarters after the schedule start (≥ 0 watts). */
export function plannedW(asset: CastAsset, direction: Direction, quarter: number): number {
  const v = asset.planW[Math.floor(quarter / 4)] ?? 0;
  return direction === 'production' ? Math.max(0, v) : Math.max(0, -v);
}

export function capacityW(asset: CastAsset, direction: Direction): number {
  return direction === 'production' ? asset.maxProductionW : asset.maxConsumptionW;
}
