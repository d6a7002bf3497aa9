// Step 1 (F4) and step 2 (F8, F5, F9): the grid and the asset catalogue, then day-ahead
// schedules, and what each DSO then sees — its own assets and plans, never an operator (NF3).
import { assetName, cpName, type CastAsset } from './cast.js';
import { settle, type Actors } from './actors.js';
import type { DsoAsset, DsoSchedule } from './rest-views.js';
import { eventually } from './wait.js';

export interface RegistrationResult {
  /** Per DSO party: GET /connection-points states. */
  connectionPoints: Map<string, Array<{ connectionPointId: string; state: string }>>;
  /** Per AGR party: outcome of its asset registration. */
  assetOutcomes: Map<string, string>;
}

export async function registerGridAndAssets(actors: Actors): Promise<RegistrationResult> {
  const { cast, narrator } = actors;
  const connectionPoints = new Map<string, Array<{ connectionPointId: string; state: string }>>();
  for (const dso of cast.dsos) {
    const client = actors.client(dso.party);
    const sent = await client.post<{ messageId: string }>('/connection-points', { connectionPointIds: dso.connectionPointIds });
    const m = await settle(actors, dso.party, sent.messageId, 'connection-point registration');
    const list = await client.get<{ connectionPoints: Array<{ connectionPointId: string; state: string }> }>('/connection-points');
    connectionPoints.set(dso.party, list.connectionPoints);
    narrator.progress(
      `${dso.name} registered ${dso.connectionPointIds.map((c) => cpName(cast, c)).join(', ')} → ${m.tracking?.state}, ${m.acknowledgement.state ?? m.acknowledgement.outcome}`,
    );
  }
  const assetOutcomes = new Map<string, string>();
  for (const agr of cast.agrs) {
    const mine = cast.assets.filter((a) => a.operator === agr.party);
    const client = actors.client(agr.party);
    const sent = await client.post<{ messageId: string }>('/assets', { assets: mine.map(toAssetInput) });
    const m = await settle(actors, agr.party, sent.messageId, `asset registration (${mine.length} assets)`);
    assetOutcomes.set(agr.party, m.acknowledgement.outcome ?? '');
    narrator.progress(
      `${agr.name} registered ${mine.map((a) => `${a.name} @${cpName(cast, a.connectionPointId)}`).join(', ')} → ${m.tracking?.state}, ${m.acknowledgement.outcome}`,
    );
  }
  return { connectionPoints, assetOutcomes };
}

function toAssetInput(a: CastAsset) {
  return {
    assetId: a.assetId,
    connectionPointId: a.connectionPointId,
    produces: a.produces,
    consumes: a.consumes,
    maxProductionW: a.maxProductionW,
    maxConsumptionW: a.maxConsumptionW,
    name: a.name,
  };
}

export interface ScheduleResult {
  /** Per AGR party: scheduleId of its day-ahead schedule. */
  scheduleIds: Map<string, string>;
  /** Per DSO party: GET /assets (the full list, as the DSO sees it). */
  dsoAssets: Map<string, DsoAsset[]>;
  /** Per DSO party: GET /schedules in force. */
  dsoSchedules: Map<string, DsoSchedule[]>;
}

const HOUR = 3_600_000;

export async function submitSchedulesAndFetch(actors: Actors): Promise<ScheduleResult> {
  const { cast, narrator } = actors;
  const scheduleIds = new Map<string, string>();
  const t0 = Date.parse(cast.schedule.start);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
  for (const agr of cast.agrs) {
    const mine = cast.assets.filter((a) => a.operator === agr.party);
    const body = {
      assets: mine.map((a) => ({
        assetId: a.assetId,
        resolution: 'PT15M',
        intervals: a.planW.map((powerW, h) => ({ start: iso(t0 + h * HOUR), end: iso(t0 + (h + 1) * HOUR), powerW })),
      })),
    };
    const sent = await actors.client(agr.party).post<{ scheduleId: string; messageId: string }>('/schedules', body);
    scheduleIds.set(agr.party, sent.scheduleId);
    const m = await settle(actors, agr.party, sent.messageId, `day-ahead schedule (${mine.length} assets)`);
    narrator.progress(`${agr.name} sent its day-ahead schedule ${cast.schedule.start.slice(0, 16)}Z +${cast.schedule.hours}h → ${m.tracking?.state}, ${m.acknowledgement.outcome}`);
  }

  const dsoAssets = new Map<string, DsoAsset[]>();
  const dsoSchedules = new Map<string, DsoSchedule[]>();
  for (const dso of cast.dsos) {
    const client = actors.client(dso.party);
    const expected = cast.assets.filter((a) => dso.connectionPointIds.includes(a.connectionPointId)).map((a) => a.assetId);
    // F5b: the list is pushed by the core; wait for changes (long-poll) until it is complete.
    const assets = await eventually(`${dso.name}: its ${expected.length} assets`, async () => {
      const list = await client.get<{ assets: DsoAsset[] }>('/assets');
      if (expected.every((id) => list.assets.some((a) => a.assetId === id))) return list.assets;
      await client.get(`/assets/changes?timeout=2&client=scenario`);
      return undefined;
    });
    dsoAssets.set(dso.party, assets);
    narrator.progress(`${dso.name} GET /assets: ${assets.map((a) => `${assetName(cast, a.assetId)} @${cpName(cast, a.connectionPointId)}`).join(', ')} (no operator field)`);
    // F9: ask the core for the schedules of its grid (StatusRequest), then read what is in force.
    const refresh = await client.post<{ messageId: string }>('/schedules/refresh', { interval: { start: cast.schedule.start, end: iso(t0 + cast.schedule.hours * HOUR) } });
    await settle(actors, dso.party, refresh.messageId, 'schedule request (StatusRequest)', false);
    const schedules = await eventually(`${dso.name}: schedules of its ${expected.length} assets`, async () => {
      const list = await client.get<{ schedules: DsoSchedule[] }>('/schedules');
      if (expected.every((id) => list.schedules.some((s) => s.assetId === id))) return list.schedules;
      await client.get(`/schedules/new?timeout=2&client=scenario`);
      return undefined;
    });
    dsoSchedules.set(dso.party, schedules);
    narrator.progress(`${dso.name} GET /schedules: ${schedules.length} series for ${new Set(schedules.map((s) => s.assetId)).size} assets, operators not named`);
  }
  narrator.note(`assets per DSO: ${cast.dsos.map((d) => `${d.name} ${dsoAssets.get(d.party)?.length ?? 0}`).join(', ')}; no DSO learns who operates them (NF3)`);
  return { scheduleIds, dsoAssets, dsoSchedules };
}
