// Demo data for the GUI tests, created the way real parties would: through the AGR/BRP and DSO
// REST facades (F2), then waiting until the core has decided. Every number the tests assert is
// derived by hand from the constants below (see EXPECTED), never from the GUI's own code.
import type { GuiPlatform } from './platform-harness.js';
import { ADMIN_TOKEN } from './platform-harness.js';
import { waitFor as sharedWaitFor } from '../../packages/testing/src/index.js';

export const ALPHA = '11XAGR-ALPHA---O';
export const BRAVO = '11XAGR-BRAVO---T';
export const CHARLIE = '11XAGR-CHARLIE-I';
export const NORTH = '11XDSO-NORTH---J';
export const SOUTH = '11XDSO-SOUTH---R';

export const CP = { north1: '571313100000000010', north2: '571313100000000027', south1: '571313100000000034' };
export const ASSET = {
  pv: '11WALPHA-PV----4', // Alpha, north1, produces ≤ 400 kW
  batt: '11WALPHA-BATT--W', // Alpha, north2, produces/consumes ≤ 200 kW
  wind: '11WBRAVO-WIND--4', // Bravo, north1, produces ≤ 200 kW
  ev: '11WBRAVO-EV----6', // Bravo, north2, consumes ≤ 150 kW
  hp: '11WCHARLIE-HP--Q', // Charlie, south1, consumes ≤ 80 kW
};
export const NAME = { pv: 'PV park north', batt: 'Battery north', wind: 'Wind turbine', ev: 'EV charging hub', hp: 'Heat pump south' };

/** The demo day: tomorrow (UTC), so every limit is upcoming/active, never expired. */
export function demoDay(now = new Date()): { at: (hhmm: string) => string } {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  const day = d.toISOString().slice(0, 10);
  return { at: (hhmm) => `${day}T${hhmm}:00Z` };
}

export const FORESEEN_ID = 'LIM-NORTH-0001';
export const UNFORESEEN_ID = 'LIM-NORTH-U001';

async function call(base: string, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The shared polling wait (packages/testing), at the browser tests' pace. */
export const waitFor = <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<NonNullable<T>> =>
  sharedWaitFor(what, probe, timeoutMs, 100) as Promise<NonNullable<T>>;

export function admin(p: GuiPlatform, path: string): Promise<any> {
  return call(p.coreUrl, ADMIN_TOKEN, 'GET', path) as Promise<any>;
}

const agr = (p: GuiPlatform, party: string, method: string, path: string, body?: unknown) => call(p.agrUrl, p.tokens.get(party)!, method, path, body);
const dso = (p: GuiPlatform, party: string, method: string, path: string, body?: unknown) => call(p.dsoUrl, p.tokens.get(party)!, method, path, body);

const hourly = (day: ReturnType<typeof demoDay>, from: string, to: string, kw: number) => ({ start: day.at(from), end: day.at(to), powerW: kw * 1000 });

/** Grid, assets, schedules and revision 1 of the foreseen limit (which nobody's plan exceeds). */
export async function loadFixture(p: GuiPlatform, day = demoDay()): Promise<void> {
  await dso(p, NORTH, 'POST', '/connection-points', { connectionPointIds: [CP.north1, CP.north2] });
  await dso(p, SOUTH, 'POST', '/connection-points', { connectionPointIds: [CP.south1] });
  await waitFor('connection points at the core', async () => (await admin(p, `/admin/dsos/${NORTH}`)).connectionPoints.length === 2 && (await admin(p, `/admin/dsos/${SOUTH}`)).connectionPoints.length === 1);

  const asset = (assetId: string, connectionPointId: string, name: string, prodKw: number, consKw: number) => ({
    assetId,
    connectionPointId,
    name,
    produces: prodKw > 0,
    consumes: consKw > 0,
    maxProductionW: prodKw * 1000,
    maxConsumptionW: consKw * 1000,
  });
  await agr(p, ALPHA, 'POST', '/assets', { assets: [asset(ASSET.pv, CP.north1, NAME.pv, 400, 0), asset(ASSET.batt, CP.north2, NAME.batt, 200, 200)] });
  await agr(p, BRAVO, 'POST', '/assets', { assets: [asset(ASSET.wind, CP.north1, NAME.wind, 200, 0), asset(ASSET.ev, CP.north2, NAME.ev, 0, 150)] });
  await agr(p, CHARLIE, 'POST', '/assets', { assets: [asset(ASSET.hp, CP.south1, NAME.hp, 0, 80)] });
  await waitFor('assets at the core', async () => (await admin(p, '/admin/assets')).assets.length === 5);
  // The DSO facade checks limits against its mirror of the asset list.
  await waitFor('asset list at the DSO', async () => ((await dso(p, NORTH, 'GET', '/assets')) as any).assets.length === 4);

  // F8: + production, − consumption. Quarter-hour resolution, hourly constant values.
  await agr(p, ALPHA, 'POST', '/schedules', {
    assets: [
      { assetId: ASSET.pv, resolution: 'PT15M', intervals: [hourly(day, '10:00', '11:00', 300), hourly(day, '11:00', '12:00', 150)] },
      { assetId: ASSET.batt, resolution: 'PT15M', intervals: [hourly(day, '10:00', '12:00', -100)] },
    ],
  });
  await agr(p, BRAVO, 'POST', '/schedules', {
    assets: [
      { assetId: ASSET.wind, resolution: 'PT15M', intervals: [hourly(day, '10:00', '12:00', 100)] },
      { assetId: ASSET.ev, resolution: 'PT15M', intervals: [hourly(day, '10:00', '11:00', -50), hourly(day, '11:00', '12:00', -120)] },
    ],
  });
  await agr(p, CHARLIE, 'POST', '/schedules', { assets: [{ assetId: ASSET.hp, resolution: 'PT15M', intervals: [hourly(day, '10:00', '12:00', -60)] }] });
  await waitFor('schedules at the core', async () => {
    const counts = await Promise.all([ALPHA, BRAVO, CHARLIE].map(async (op) => (await admin(p, `/admin/operators/${op}`)).schedules.length));
    return counts.join(',') === '2,2,1';
  });

  await sendForeseen(p, day, 1, [400, 300]);
}

/** F6 foreseen: production of PV + wind at north1, hourly available capacity in kW. */
export async function sendForeseen(p: GuiPlatform, day: ReturnType<typeof demoDay>, revision: number, availableKw: [number, number]): Promise<void> {
  const body = {
    ...(revision > 1 ? { revision } : { limitId: FORESEEN_ID }),
    period: { start: day.at('10:00'), end: day.at('12:00') },
    fairnessPolicy: 'waterfill',
    reasons: [{ code: 'B19', text: 'planned maintenance' }],
    series: [{ direction: 'production', assetIds: [ASSET.pv, ASSET.wind], resolution: 'PT60M', availableCapacityW: availableKw.map((k) => k * 1000) }],
  };
  if (revision === 1) await dso(p, NORTH, 'POST', '/capacity-limits/foreseen', body);
  else await dso(p, NORTH, 'PUT', `/capacity-limits/foreseen/${FORESEEN_ID}`, body);
  await waitFor(`split of ${FORESEEN_ID} revision ${revision}`, async () => ((await admin(p, `/admin/splits?dso=${NORTH}`)).splits as any[]).some((s) => s.limitMrid === FORESEEN_ID && s.revision === revision));
}

/** F6 unforeseen: the EV hub must stop consuming and the battery hold, 11:00–12:00 UTC. */
export async function sendUnforeseen(p: GuiPlatform, day: ReturnType<typeof demoDay>): Promise<void> {
  await dso(p, NORTH, 'POST', '/capacity-limits/unforeseen', {
    limitId: UNFORESEEN_ID,
    start: day.at('11:00'),
    expectedEnd: day.at('12:00'),
    reasons: [{ code: 'B24', text: 'transformer overload' }],
    signals: [
      { direction: 'consumption', action: 'stop', assetIds: [ASSET.ev] },
      { direction: 'production', action: 'hold', assetIds: [ASSET.batt] },
    ],
  });
  await waitFor(`${UNFORESEEN_ID} at the core`, async () => ((await admin(p, `/admin/dsos/${NORTH}`)).limits as any[]).some((l) => l.mrid === UNFORESEEN_ID));
}
