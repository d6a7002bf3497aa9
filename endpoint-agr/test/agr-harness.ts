// Starts the AGR/BRP endpoint in-process on 127.0.0.1:0 over a real store (SQLite by default)
// with a RecordingMessenger, and offers the calls and documents the HTTP tests need.
import { expect } from 'chai';
import { createLogger, listen, type RunningServer } from '../../packages/http/src/index.js';
import { openDatabase, type Database } from '../../packages/storage/src/index.js';
import { TokenRepository, loadRamlContract, type RamlContract } from '../../packages/rest/src/index.js';
import { makeEic, makeGsrn } from '../../packages/iec62325/src/index.js';
import { createAgrApp, AGR_RAML_FILE, type AgrApp } from '../src/app.js';
import { RecordingMessenger } from './recording-messenger.js';

export const CORE = makeEic('10X', 'TPS-CORE');
export const PARTY_A = makeEic('10X', 'AGR-A');
export const PARTY_B = makeEic('10X', 'AGR-B');
/** Has a valid AGR token but is not represented by this endpoint's messenger. */
export const PARTY_ELSEWHERE = makeEic('10X', 'AGR-ELSE');

export const assetId = (n: string) => makeEic('11W', n);
export const gsrn = (n: number) => makeGsrn(String(571313000000000000 + n).slice(0, 17));

export interface Harness {
  db: Database;
  url: string;
  messenger: RecordingMessenger;
  agr: AgrApp;
  contract: RamlContract;
  tokens: Record<string, string>;
  /** The test clock: routes and the inbound handler read it. */
  clock: { now: Date };
  call(method: string, path: string, options?: { token?: string; body?: unknown; raw?: string; contentType?: string }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  parties?: string[];
  tokenParties?: string[];
  bodyLimitBytes?: number;
  sseHeartbeatMs?: number;
  db?: Database;
  rateLimitPerMinute?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = options.db ?? (await openDatabase({ sqliteFile: ':memory:' }));
  const parties = options.parties ?? [PARTY_A, PARTY_B];
  const messenger = await RecordingMessenger.create(db, parties, CORE);
  const clock = { now: new Date('2026-05-01T08:00:00Z') };
  const agr = await createAgrApp({
    db,
    messenger,
    logger: createLogger('agr-test', 'silent'),
    coreParty: CORE,
    bodyLimitBytes: options.bodyLimitBytes ?? 256 * 1024,
    longPollMaxSeconds: 20,
    longPollDefaultSeconds: 5,
    sseHeartbeatMs: options.sseHeartbeatMs ?? 1_000,
    ...(options.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    now: () => clock.now,
  });
  const srv: RunningServer = await listen(agr.app, 0, '127.0.0.1');
  const repo = new TokenRepository(db);
  const tokens: Record<string, string> = {};
  for (const p of options.tokenParties ?? [...parties, PARTY_ELSEWHERE]) tokens[p] = (await repo.issue(p, 'AGR')).token;
  tokens.DSO = (await repo.issue(makeEic('10X', 'DSO-1'), 'DSO')).token;
  const contract = await loadRamlContract(AGR_RAML_FILE);
  return {
    db,
    url: srv.url,
    messenger,
    agr,
    contract,
    tokens,
    clock,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = {};
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined;
      if (o.raw !== undefined || o.body !== undefined) {
        headers['content-type'] = o.contentType ?? 'application/json';
        body = o.raw ?? JSON.stringify(o.body);
      }
      const res = await fetch(srv.url + path, { method, headers, body });
      const text = await res.text();
      const ct = res.headers.get('content-type') ?? '';
      return { status: res.status, headers: res.headers, body: /json/.test(ct) && text ? JSON.parse(text) : text };
    },
    async close() {
      await agr.close();
      await srv.close();
      await db.destroy();
    },
  };
}

/** Responses in the tests are checked against the RAML types: the contract, not the code, decides. */
export function expectRaml(contract: RamlContract, typeName: string, value: unknown): void {
  expect(contract.validate(typeName, value), `${typeName}: ${JSON.stringify(value).slice(0, 300)}`).to.deep.equal([]);
}

/** A problem+json answer naming `fields` (each at least once). */
export function expectProblem(res: { status: number; body: any; headers: Headers }, status: number, fields: string[] = []): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers.get('content-type')).to.contain('application/problem+json');
  expect(res.body.correlationId).to.be.a('string').and.not.equal('');
  const named = (res.body.errors ?? []).map((e: { field: string }) => e.field);
  for (const f of fields) expect(named, `fields named: ${named.join(', ')}`).to.include(f);
}
