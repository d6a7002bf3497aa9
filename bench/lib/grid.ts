// Grid set-up through the REST facades only: DSOs register connection points, AGR/BRPs register
// assets at them (bulk, ≤ 1,000 per call), and we wait until the core acknowledged everything and
// each DSO's asset mirror is complete. Plus the realistic 96-quarter-hour schedule bodies.
import { eventually, type MessageStatusView } from '../../packages/scenarios/src/index.js';
import { assetId, connectionPoint, type BenchPlatform } from './platform.js';
import { pool, Progress } from './common.js';

export interface Grid {
  /** Per AGR index: its asset IDs. */
  assets: string[][];
  /** Per DSO index: its connection points. */
  points: string[][];
  /** Asset → connection point. */
  pointOf: Map<string, string>;
  /** Milliseconds: connection points registered (acknowledged), assets registered (every call acknowledged ACCEPTED), DSO mirrors complete. */
  timings: { pointsMs: number; assetsMs: number; mirrorsMs: number };
}

export interface GridOptions {
  pointsPerDso: number;
  assetsPerAgr: number;
  /** Concurrent REST calls during registration. */
  concurrency?: number;
  /** Assets per POST /assets (≤ 1,000). */
  assetsPerCall?: number;
  timeoutMs?: number;
  progress?: boolean;
}

async function settled(p: BenchPlatform, party: string, messageId: string, timeoutMs: number): Promise<MessageStatusView> {
  return eventually(
    `${party} ${messageId} answered`,
    async () => {
      const m = await p.client(party).get<MessageStatusView>(`/messages/${encodeURIComponent(messageId)}`);
      const outcome = (m.acknowledgement.outcome ?? m.acknowledgement.state ?? 'pending').toUpperCase();
      if (m.tracking?.state === 'FAILED') throw new Error(`${messageId} FAILED: ${m.tracking.reason}`);
      if (outcome === 'REJECTED') throw new Error(`${messageId} REJECTED: ${JSON.stringify(m.acknowledgement.reasons)}`);
      return m.tracking?.state === 'RECEIVED' && outcome === 'ACCEPTED' ? m : undefined;
    },
    timeoutMs,
    50,
  );
}

export async function setupGrid(p: BenchPlatform, o: GridOptions): Promise<Grid> {
  const timeoutMs = o.timeoutMs ?? 600_000;
  const concurrency = o.concurrency ?? 8;
  const perCall = Math.min(1000, o.assetsPerCall ?? 1000);
  const t0 = performance.now();
  const points = p.dsoParties.map((_, d) => Array.from({ length: o.pointsPerDso }, (_, k) => connectionPoint(d * o.pointsPerDso + k)));
  await pool(p.dsoParties, concurrency, async (dso, d) => {
    const sent = await p.client(dso).post<{ messageId: string }>('/connection-points', { connectionPointIds: points[d] });
    await settled(p, dso, sent.messageId, timeoutMs);
  });
  const t1 = performance.now();
  const allPoints = points.flat();
  const pointOf = new Map<string, string>();
  const assets = p.agrParties.map((_, a) =>
    Array.from({ length: o.assetsPerAgr }, (_, k) => {
      const id = assetId(a, k);
      pointOf.set(id, allPoints[(a * o.assetsPerAgr + k) % allPoints.length]!);
      return id;
    }),
  );
  const calls: Array<{ party: string; ids: string[] }> = [];
  p.agrParties.forEach((party, a) => {
    for (let i = 0; i < assets[a]!.length; i += perCall) calls.push({ party, ids: assets[a]!.slice(i, i + perCall) });
  });
  const progress = o.progress ? new Progress('register assets', calls.length) : undefined;
  let done = 0;
  await pool(calls, concurrency, async ({ party, ids }) => {
    const body = { assets: ids.map((id) => ({ assetId: id, name: `bench asset ${id}`, connectionPointId: pointOf.get(id)!, produces: true, consumes: true, maxProductionW: 100_000, maxConsumptionW: 100_000 })) };
    const sent = await p.client(party).post<{ messageId: string }>('/assets', body);
    await settled(p, party, sent.messageId, timeoutMs);
    progress?.update(++done);
  });
  const t2 = performance.now();
  // Each DSO's mirror (pushed by the core as full lists) must hold every asset before limits name them.
  const total = assets.reduce((s, a) => s + a.length, 0);
  await eventually('DSO asset mirrors complete', async () => ((await p.count('dso', 'dso_assets')) >= total ? true : undefined), timeoutMs, 100);
  const t3 = performance.now();
  return { assets, points, pointOf, timings: { pointsMs: t1 - t0, assetsMs: t2 - t1, mirrorsMs: t3 - t2 } };
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + 'Z';

/** Tomorrow 00:00 UTC: a day-ahead schedule of 96 quarter hours. */
export function dayAheadStart(now = Date.now()): number {
  return Math.floor(now / 86_400_000) * 86_400_000 + 86_400_000;
}

/** A day-ahead POST /schedules body: 96 quarter-hour intervals per asset, a varied daily shape. */
export function scheduleBody(assetIds: readonly string[], seed: number, start = dayAheadStart()): { assets: Array<{ assetId: string; resolution: string; intervals: Array<{ start: string; end: string; powerW: number }> }> } {
  return {
    assets: assetIds.map((id, a) => ({
      assetId: id,
      resolution: 'PT15M',
      intervals: Array.from({ length: 96 }, (_, q) => ({
        start: iso(start + q * 900_000),
        end: iso(start + (q + 1) * 900_000),
        powerW: Math.round(80_000 * Math.sin(((q + a + seed) / 96) * 2 * Math.PI)) + ((q * 7919 + seed * 104_729 + a) % 1000),
      })),
    })),
  };
}
