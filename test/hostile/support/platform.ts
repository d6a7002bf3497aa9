// The whole platform in this process over a private RabbitMQ (startPlatform with AMQP_URL), with one
// API token per demo party and a seeded state every party owns a piece of: connection points of
// both DSOs, assets of all three AGR/BRPs (two share a connection point), schedules, and a foreseen
// limit per DSO split between the AGR/BRPs. Shared by every hostile-input test file (started once,
// closed by a root hook) so the corpus, the privacy matrix and the fuzzing all hit one running system.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadPlatformConfig, DEMO_PARTIES, type PlatformConfig } from '../../../packages/config/src/platform-config.js';
import { COMPONENT_NAMES, startPlatform, type RunningPlatform } from '../../../cli/platform/platform.js';
import { ensureDemoTokens } from '../../../cli/platform/demo-tokens.js';
import { makeEic, makeGsrn } from '../../../packages/iec62325/src/index.js';
import { sharedRabbitMQ } from '../../../packages/testing/src/index.js';
import type { Database } from '../../../packages/storage/src/index.js';
import { waitFor } from './wait.js';

export const [AGR_A, AGR_B, AGR_C] = DEMO_PARTIES.agr;
export const [DSO_NORTH, DSO_SOUTH] = DEMO_PARTIES.dso;
export const AGRS = [...DEMO_PARTIES.agr] as string[];
export const DSOS = [...DEMO_PARTIES.dso] as string[];
export const PARTIES = [...AGRS, ...DSOS];
export const kindOf = (party: string): 'agr' | 'dso' => (AGRS.includes(party) ? 'agr' : 'dso');

/** Grid: two points per DSO; CP_N1 is shared by AGR_A and AGR_B. */
export const CP = {
  N1: makeGsrn('57131319000000011'),
  N2: makeGsrn('57131319000000012'),
  S1: makeGsrn('57131319000000021'),
  S2: makeGsrn('57131319000000022'),
};
export const CP_OF: Record<string, string[]> = { [DSO_NORTH!]: [CP.N1, CP.N2], [DSO_SOUTH!]: [CP.S1, CP.S2] };

export interface SeedAsset {
  assetId: string;
  operator: string;
  connectionPointId: string;
  dso: string;
}
export const ASSETS: SeedAsset[] = [
  { assetId: makeEic('11W', 'HOST-A-N1'), operator: AGR_A!, connectionPointId: CP.N1, dso: DSO_NORTH! },
  { assetId: makeEic('11W', 'HOST-A-S1'), operator: AGR_A!, connectionPointId: CP.S1, dso: DSO_SOUTH! },
  { assetId: makeEic('11W', 'HOST-B-N1'), operator: AGR_B!, connectionPointId: CP.N1, dso: DSO_NORTH! },
  { assetId: makeEic('11W', 'HOST-B-S2'), operator: AGR_B!, connectionPointId: CP.S2, dso: DSO_SOUTH! },
  { assetId: makeEic('11W', 'HOST-C-N2'), operator: AGR_C!, connectionPointId: CP.N2, dso: DSO_NORTH! },
];
export const assetsOf = (party: string): SeedAsset[] => ASSETS.filter((a) => a.operator === party || a.dso === party);

/** IDs created while seeding, per party: what the placeholders of the REST corpus resolve to. */
export interface SeededIds {
  scheduleId: Record<string, string>;
  limitId: Record<string, string>;
  messageId: Record<string, string>;
}

export interface HostilePlatform {
  config: PlatformConfig;
  platform: RunningPlatform;
  urls: Record<'directory' | 'core' | 'agr' | 'dso', string>;
  tokens: Record<string, string>;
  /** The party's endpoint URL. */
  urlOf(party: string): string;
  db(component: 'core' | 'agr' | 'dso' | 'directory'): Database;
  seeded: SeededIds;
  /** Next hour boundary + 1 day: seeded schedules and limits live there. */
  day: { start: string; end: string };
}

export interface Call {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

/** One HTTP call; never throws for an HTTP status. */
export async function call(url: string, method: string, path: string, o: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Call> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
  let body: string | undefined;
  if (o.body !== undefined) {
    body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url + path, { method, headers, body, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}

let shared: Promise<HostilePlatform> | undefined;
let closeShared: (() => Promise<void>) | undefined;

/** The one platform of the hostile suite (started on first use). */
export function hostilePlatform(): Promise<HostilePlatform> {
  shared ??= start();
  return shared;
}

// Root hook (registered when a test file imports this module): close before the RabbitMQ node stops.
after(async function () {
  this.timeout(60_000);
  if (closeShared) await closeShared();
});

/** Request timeout of the hostile platform's servers (slow-loris is cut after this). */
export const REQUEST_TIMEOUT_MS = 3_000;

async function start(): Promise<HostilePlatform> {
  const rabbit = await sharedRabbitMQ();
  const dataDir = mkdtempSync(join(tmpdir(), 'tps-hostile-'));
  const env = {
    TPS_DATA_DIR: dataDir,
    TPS_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    TPS_DIRECTORY_AUTO_APPROVE: 'true',
    TPS_DIRECTORY_SYNC_SECONDS: '1',
    TPS_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    AMQP_URL: rabbit.url,
    // The corpus and the fuzzing send thousands of calls per token: the limiter is tested apart.
    TPS_RATE_LIMIT_PER_MINUTE: '1000000',
    TPS_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  };
  const config = loadPlatformConfig(env);
  // The facades and listen() read these two when not handed them (see packages/rest rate-limit.ts).
  const saved = { rate: process.env.TPS_RATE_LIMIT_PER_MINUTE, timeout: process.env.TPS_REQUEST_TIMEOUT_MS };
  process.env.TPS_RATE_LIMIT_PER_MINUTE = env.TPS_RATE_LIMIT_PER_MINUTE;
  process.env.TPS_REQUEST_TIMEOUT_MS = env.TPS_REQUEST_TIMEOUT_MS;
  let platform: RunningPlatform;
  try {
    platform = await startPlatform(config, COMPONENT_NAMES, { ports: { directory: 0, core: 0, agr: 0, dso: 0 } });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  } finally {
    restore('TPS_RATE_LIMIT_PER_MINUTE', saved.rate);
    restore('TPS_REQUEST_TIMEOUT_MS', saved.timeout);
  }
  closeShared = async () => {
    closeShared = undefined;
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const comp = (name: string) => platform.components.find((c) => c.name === name)!;
  const urls = { directory: comp('directory').url, core: comp('core').url, agr: comp('agr').url, dso: comp('dso').url };
  const tokens: Record<string, string> = {};
  for (const t of await ensureDemoTokens(config, platform.components)) tokens[t.party] = t.token;
  const urlOf = (party: string) => (kindOf(party) === 'agr' ? urls.agr : urls.dso);
  const hour = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 24 * 3_600_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
  const day = { start: iso(hour), end: iso(hour + 4 * 3_600_000) };
  const p: HostilePlatform = {
    config,
    platform,
    urls,
    tokens,
    urlOf,
    db: (name) => comp(name).db,
    seeded: { scheduleId: {}, limitId: {}, messageId: {} },
    day,
  };
  await seed(p);
  return p;
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

async function expectStatus(what: string, c: Promise<Call>, ...ok: number[]): Promise<Call> {
  const r = await c;
  if (!ok.includes(r.status)) throw new Error(`seeding: ${what} → ${r.status} ${r.text.slice(0, 300)}`);
  return r;
}

/** Seeds through the public REST interfaces only, waiting for the core's answers. */
async function seed(p: HostilePlatform): Promise<void> {
  const as = (party: string) => ({ token: p.tokens[party]! });
  for (const dso of DSOS) {
    const r = await expectStatus(`points of ${dso}`, call(p.urls.dso, 'POST', '/connection-points', { ...as(dso), body: { connectionPointIds: CP_OF[dso] } }), 202);
    p.seeded.messageId[dso] = (r.json as { messageId: string }).messageId;
  }
  await waitFor('connection points registered', async () => {
    for (const dso of DSOS) {
      const r = await call(p.urls.dso, 'GET', '/connection-points', as(dso));
      const points = (r.json as { connectionPoints: Array<{ state: string }> }).connectionPoints;
      if (points.length !== 2 || points.some((x) => x.state !== 'registered')) return false;
    }
    return true;
  }, 30_000);
  for (const agr of AGRS) {
    const own = ASSETS.filter((a) => a.operator === agr);
    const body = { assets: own.map((a, i) => ({ assetId: a.assetId, connectionPointId: a.connectionPointId, produces: true, consumes: true, maxProductionW: 10_000 + i * 1000, maxConsumptionW: 8_000, name: `asset ${a.assetId}` })) };
    const r = await expectStatus(`assets of ${agr}`, call(p.urls.agr, 'POST', '/assets', { ...as(agr), body }), 202);
    p.seeded.messageId[agr] = (r.json as { messageId: string }).messageId;
  }
  await waitFor('assets accepted and mirrored at the DSOs', async () => {
    for (const agr of AGRS) {
      const r = await call(p.urls.agr, 'GET', '/assets', as(agr));
      const list = (r.json as { assets: Array<{ registration?: { outcome?: string } }> }).assets;
      if (list.some((a) => a.registration?.outcome !== 'ACCEPTED')) return false;
    }
    for (const dso of DSOS) {
      const r = await call(p.urls.dso, 'GET', '/assets', as(dso));
      if ((r.json as { assets: unknown[] }).assets.length !== ASSETS.filter((a) => a.dso === dso).length) return false;
    }
    return true;
  }, 30_000);
  for (const agr of AGRS) {
    const own = ASSETS.filter((a) => a.operator === agr);
    const body = { assets: own.map((a) => ({ assetId: a.assetId, resolution: 'PT60M', intervals: [{ start: p.day.start, end: p.day.end, powerW: 2_000 }] })) };
    const r = await expectStatus(`schedule of ${agr}`, call(p.urls.agr, 'POST', '/schedules', { ...as(agr), body }), 202);
    p.seeded.scheduleId[agr] = (r.json as { scheduleId: string }).scheduleId;
  }
  await waitFor('schedules at the DSOs', async () => {
    for (const dso of DSOS) {
      const r = await call(p.urls.dso, 'GET', '/schedules', as(dso));
      const n = JSON.stringify(r.json);
      if (ASSETS.filter((a) => a.dso === dso).some((a) => !n.includes(a.assetId))) return false;
    }
    return true;
  }, 30_000);
  for (const dso of DSOS) {
    const limitId = `host-${dso === DSO_NORTH ? 'north' : 'south'}-1`;
    const assetIds = ASSETS.filter((a) => a.dso === dso).map((a) => a.assetId);
    const body = { limitId, period: p.day, reasons: [{ code: 'B19', text: 'maintenance' }], series: [{ direction: 'production', assetIds, resolution: 'PT60M', availableCapacityW: [9_000, 9_000, 9_000, 9_000] }] };
    await expectStatus(`limit of ${dso}`, call(p.urls.dso, 'POST', '/capacity-limits/foreseen', { ...as(dso), body }), 202);
    p.seeded.limitId[dso] = limitId;
  }
  await waitFor('grants at every AGR/BRP', async () => {
    for (const agr of AGRS) {
      const r = await call(p.urls.agr, 'GET', '/limits/active', as(agr));
      const expected = ASSETS.filter((a) => a.operator === agr).length;
      const granted = new Set(((r.json as { limits: Array<{ grants?: Array<{ assetId: string }> }> }).limits ?? []).flatMap((l) => (l.grants ?? []).map((g) => g.assetId)));
      if (granted.size !== expected) return false;
    }
    return true;
  }, 30_000);
}

/** Everything each party can list through its facade: compared before/after hostile calls. */
export async function restListings(p: HostilePlatform): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const party of PARTIES) {
    const routes = kindOf(party) === 'agr' ? ['/assets', '/schedules', '/limits/active'] : ['/connection-points', '/assets', '/capacity-limits', '/schedules'];
    for (const route of routes) {
      const r = await call(p.urlOf(party), 'GET', route, { token: p.tokens[party]! });
      out[`${party} ${route}`] = r.json;
    }
  }
  return out;
}

/** The core's state of record (not its audit trail, which records rejections by design). */
export async function coreSnapshot(p: HostilePlatform): Promise<Record<string, unknown[]>> {
  const db = p.db('core');
  const tables = ['core_connection_points', 'core_connection_point_history', 'core_assets', 'core_asset_history', 'core_asset_list_versions', 'core_received_documents', 'core_schedule_series', 'core_limits', 'core_splits', 'core_forwards'];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const rows = await db(t).select('*');
    out[t] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** Waits until nothing any party can list changes any more (documents in flight have landed). */
export async function settle(p: HostilePlatform, maxMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = JSON.stringify(await restListings(p));
  for (;;) {
    await new Promise((r) => setTimeout(r, 750));
    const now = JSON.stringify(await restListings(p));
    if (now === last) return;
    if (Date.now() > deadline) throw new Error('the platform did not settle');
    last = now;
  }
}
