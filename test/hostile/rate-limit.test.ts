// Issue 13: rate limits on the REST facades — per token (per client IP without one), and refused
// authentications per client IP; beyond the limit 429 as problem+json with Retry-After.
import { expect } from 'chai';
import { pino } from 'pino';
import { createDsoApp } from '../../endpoint-dso/src/app.js';
import { RecordingMessenger } from '../../endpoint-dso/test/recording-messenger.js';
import { DEMO_PARTIES } from '../../packages/config/src/platform-config.js';
import { listen } from '../../packages/http/src/index.js';
import { LocalChangeBroadcast, TokenRepository, WaiterHub, rateLimitKey } from '../../packages/rest/src/index.js';
import { openDatabase } from '../../packages/storage/src/index.js';
import { call } from './support/platform.js';
import { startSmallAgr, type SmallAgr } from './support/agr-app.js';
import { record, recordGroup } from './support/summary.js';
import { ADMIN_TOKEN, startTestDirectory } from '../../directory/test/fixtures.js';

const silent = pino({ level: 'silent' });

describe('issue 13: REST rate limits (packages/rest rate-limit.ts, mounted in both facades, the directory and the core admin API/GUI)', function () {
  this.timeout(30_000);
  recordGroup('rate-limit', 'rate limits on the REST facades');
  let agr: SmallAgr;
  before(async () => {
    agr = await startSmallAgr({ logger: silent, rateLimitPerMinute: 5 });
  });
  after(async () => agr?.close());

  it('F2: the 6th call of one token within a minute is refused 429 problem+json with Retry-After; another token is not affected', async () => {
    const [a, b] = agr.tokens;
    for (let i = 0; i < 5; i++) expect((await call(agr.url, 'GET', '/assets', { token: a })).status).to.equal(200);
    const r = await fetch(`${agr.url}/assets`, { headers: { authorization: `Bearer ${a}` } });
    const body = (await r.json()) as { code: string; status: number };
    record('rate-limit', { case: 'agr per-token limit', clearError: r.status === 429 && body.code === 'TOO_MANY_REQUESTS', crashed: false, stateChanged: false });
    expect(r.status).to.equal(429);
    expect(r.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(body.code).to.equal('TOO_MANY_REQUESTS');
    expect(Number(r.headers.get('retry-after'))).to.be.within(1, 60);
    expect((await call(agr.url, 'GET', '/assets', { token: b })).status, 'another token has its own budget').to.equal(200);
  });

  it('NF3: rotating forged tokens from one address is limited too (refused authentications per IP)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call(agr.url, 'GET', '/assets', { token: `tps_forged${i}xxxxxxxxxxxxxxxxxx` })).status);
    record('rate-limit', { case: 'failed authentications per IP', clearError: statuses.at(-1) === 429, crashed: false, stateChanged: false, detail: statuses.join(',') });
    expect(statuses.slice(0, 5)).to.deep.equal([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).to.equal(429);
  });

  it('F2: the DSO facade is limited the same way', async () => {
    const db = await openDatabase({ sqliteFile: ':memory:' });
    const hub = new WaiterHub();
    const dso = await createDsoApp({ db, messenger: new RecordingMessenger(db, [...DEMO_PARTIES.dso], DEMO_PARTIES.tps), coreParty: DEMO_PARTIES.tps, hub, broadcast: new LocalChangeBroadcast(hub), logger: silent, longPollMaxSeconds: 5, rateLimitPerMinute: 3 });
    const token = (await new TokenRepository(db).issue(DEMO_PARTIES.dso[0], 'DSO')).token;
    const server = await listen(dso.app, 0);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(server.url, 'GET', '/connection-points', { token })).status);
      record('rate-limit', { case: 'dso per-token limit', clearError: statuses[3] === 429, crashed: false, stateChanged: false, detail: statuses.join(',') });
      expect(statuses).to.deep.equal([200, 200, 200, 429]);
    } finally {
      hub.close();
      await server.close();
      await db.destroy();
    }
  });

  it('F1: the component directory is limited too — registration floods and admin calls get 429 problem+json', async () => {
    const db = await openDatabase({ sqliteFile: ':memory:' });
    const directory = await startTestDirectory(db, { rateLimitPerMinute: 4 });
    try {
      const statuses: number[] = [];
      // Malformed registrations (400) count like any other call from this address.
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${directory.url}/api/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
      const admin = await fetch(`${directory.url}/api/admin/components`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const adminAgain: number[] = [admin.status];
      for (let i = 0; i < 4; i++) adminAgain.push((await fetch(`${directory.url}/api/admin/components`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status);
      const last = await fetch(`${directory.url}/api/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      record('rate-limit', { case: 'directory per-IP / per-token limit', clearError: statuses[4] === 429 && adminAgain[4] === 429, crashed: false, stateChanged: false, detail: `${statuses.join(',')} admin ${adminAgain.join(',')}` });
      expect(statuses.slice(0, 4).every((s) => s === 400), statuses.join(',')).to.equal(true);
      expect(statuses[4]).to.equal(429);
      expect(last.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(adminAgain.slice(0, 4).every((s) => s === 200), adminAgain.join(',')).to.equal(true);
      expect(adminAgain[4], 'the admin token has its own budget of 4').to.equal(429);
    } finally {
      await directory.close();
      await db.destroy();
    }
  });

  it('NF3: the limiter keys on a digest of the token, never the token itself', () => {
    const key = rateLimitKey('Bearer tps_secretsecretsecret', '127.0.0.1');
    expect(key).to.match(/^t:/);
    expect(key).to.not.include('secret');
    expect(rateLimitKey(undefined, '127.0.0.1')).to.match(/^ip:/);
  });
});
