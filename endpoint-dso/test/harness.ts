// Starts the DSO facade in-process on 127.0.0.1:0 over a real SQLite database, with two DSOs it
// represents, one DSO it does not, and an AGR token — the parties the HTTP tests play.
import { createLogger, listen, type RunningServer } from '../../packages/http/src/index.js';
import { makeEic, makeGsrn, MARKET_ROLE, toEsmpDateTime } from '../../packages/iec62325/src/index.js';
import type { ParsedDocument, ListedAsset } from '../../packages/iec62325/src/index.js';
import { LocalChangeBroadcast, TokenRepository, WaiterHub } from '../../packages/rest/src/index.js';
import { openDatabase, type Database } from '../../packages/storage/src/index.js';
import { createDsoApp, type DsoApp } from '../src/app.js';
import { RecordingMessenger } from './recording-messenger.js';

export const CORE = makeEic('10X', 'TPS-CORE');
export const DSO_A = makeEic('10X', 'DSO-A');
export const DSO_B = makeEic('10X', 'DSO-B');
export const DSO_ELSEWHERE = makeEic('10X', 'DSO-ELSE');
export const AGR = makeEic('10X', 'AGR-1');
export const cp = (n: number) => makeGsrn(`5713131000000${String(n).padStart(4, '0')}`);
export const asset = (name: string) => makeEic('11W', name);

export interface Harness {
  url: string;
  db: Database;
  messenger: RecordingMessenger;
  dso: DsoApp;
  tokens: { a: string; b: string; elsewhere: string; agr: string };
  call(token: string | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: any; type: string }>;
  close(): Promise<void>;
}

export async function startHarness(options: { longPollMaxSeconds?: number; sseHeartbeatMs?: number } = {}): Promise<Harness> {
  const db = await openDatabase({ sqliteFile: ':memory:' });
  const messenger = new RecordingMessenger(db, [DSO_A, DSO_B], CORE);
  const hub = new WaiterHub();
  const dso = await createDsoApp({
    db,
    messenger,
    coreParty: CORE,
    hub,
    broadcast: new LocalChangeBroadcast(hub),
    logger: createLogger('dso-test', 'silent'),
    longPollMaxSeconds: options.longPollMaxSeconds ?? 5,
    longPollDefaultSeconds: 1,
    sseHeartbeatMs: options.sseHeartbeatMs ?? 200,
  });
  const tokensRepo = new TokenRepository(db);
  const tokens = {
    a: (await tokensRepo.issue(DSO_A, 'DSO')).token,
    b: (await tokensRepo.issue(DSO_B, 'DSO')).token,
    elsewhere: (await tokensRepo.issue(DSO_ELSEWHERE, 'DSO')).token,
    agr: (await tokensRepo.issue(AGR, 'AGR')).token,
  };
  const server: RunningServer = await listen(dso.app, 0, '127.0.0.1');
  return {
    url: server.url,
    db,
    messenger,
    dso,
    tokens,
    async call(token, method, path, body) {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const type = res.headers.get('content-type') ?? '';
      const text = await res.text();
      return { status: res.status, type, body: type.includes('json') && text ? JSON.parse(text) : text };
    },
    async close() {
      hub.close();
      await server.close();
      await db.destroy();
    },
  };
}

const header = (dso: string, mRID: string, created = new Date()) => ({
  mRID,
  sender: { mRID: CORE, role: MARKET_ROLE.platform },
  receiver: { mRID: dso, role: MARKET_ROLE.dso },
  createdDateTime: toEsmpDateTime(created),
});

let n = 0;
const id = (p: string) => `${p}-${++n}`;

export function listed(assetId: string, connectionPoint: string, over: Partial<ListedAsset> = {}): ListedAsset {
  return { assetId, connectionPoint, produces: true, consumes: false, maxProductionW: 100_000, maxConsumptionW: 0, ...over };
}

export function assetListDoc(dso: string, assets: ListedAsset[], created = new Date()): ParsedDocument {
  return { kind: 'asset-list', document: { ...header(dso, id('AL'), created), revisionNumber: 1, unit: 'KWT', assets } };
}

export function ackDoc(dso: string, received: { mRID: string; revisionNumber?: number }, accepted: boolean, reasons: Array<{ code: 'A53' | 'A64' | 'A95'; text?: string }> = []): ParsedDocument {
  return { kind: 'acknowledgement', document: { ...header(dso, id('ACK')), received, accepted, reasons } };
}

export function scheduleDoc(dso: string, series: Array<{ assetId: string; start: string; end: string; pointsW: number[]; mRID?: string }>, revision = 1): ParsedDocument {
  return {
    kind: 'schedule',
    document: {
      ...header(dso, id('GL')),
      revisionNumber: revision,
      period: { start: series[0]!.start, end: series[0]!.end },
      unit: 'KWT',
      series: series.map((s, i) => ({ mRID: s.mRID ?? `S${i + 1}`, assetId: s.assetId, cancelled: false, resolution: 'PT60M', interval: { start: s.start, end: s.end }, pointsW: s.pointsW })),
    },
  };
}

/** Every key anywhere in a JSON value, to prove a response carries no operator field (NF3). */
export function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...allKeys(v)]);
  return [];
}
