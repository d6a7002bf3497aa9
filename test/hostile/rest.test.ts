// F2/NF3 hostile input at the REST facades: every case of corpus/rest against the running AGR/BRP
// and DSO endpoints (startPlatform in-process). Each must answer its status as
// application/problem+json with its code; the process stays up; nothing any party can list changes
// and the core's state of record is unchanged.
import { expect } from 'chai';
import { restCases } from './support/corpus.js';
import { call, coreSnapshot, hostilePlatform, restListings, settle, type HostilePlatform } from './support/platform.js';
import { generatedBody, placeholders, resolve, resolveDeep } from './support/placeholders.js';
import { record, recordGroup, recordGroupState } from './support/summary.js';

const GROUP = 'rest';

describe('F2/NF3 hostile REST corpus against the running AGR/BRP and DSO endpoints (test/hostile/corpus/rest)', function () {
  this.timeout(60_000);
  recordGroup(GROUP, 'REST calls against the AGR/BRP and DSO facades');
  const cases = restCases();
  let p: HostilePlatform;
  let values: Record<string, string>;
  let listings: Record<string, unknown>;
  let core: Record<string, unknown[]>;

  before(async function () {
    this.timeout(180_000);
    p = await hostilePlatform();
    await settle(p);
    values = placeholders(p);
    listings = await restListings(p);
    core = await coreSnapshot(p);
  });

  it('F2: the corpus holds at least 60 REST cases, each naming what it proves', () => {
    expect(cases.length).to.be.at.least(60);
    for (const c of cases) expect(c.proves, c.file).to.be.a('string').with.length.greaterThan(10);
  });

  for (const c of cases) {
    it(`${c.requirement}: ${c.file} — ${c.proves} (${c.expect.status} ${c.expect.code})`, async function () {
      this.timeout(20_000);
      const url = c.target === 'agr' ? p.urls.agr : p.urls.dso;
      const headers = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, resolve(v, values)]));
      const body = c.bodyGenerator ? generatedBody(c.bodyGenerator, values) : c.rawBody !== undefined ? c.rawBody : c.body === undefined ? undefined : JSON.stringify(resolveDeep(c.body, values));
      if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
      if (headers['content-type'] === '') delete headers['content-type'];
      const outcome = { case: c.file, clearError: false, crashed: false, stateChanged: false, detail: '' };
      try {
        const res = await fetch(url + resolve(c.path, values), { method: c.method, headers, body, signal: AbortSignal.timeout(15_000) });
        const text = await res.text();
        outcome.detail = `${res.status} ${text.slice(0, 200)}`;
        outcome.crashed = res.status >= 500;
        expect(res.status, text.slice(0, 300)).to.equal(c.expect.status);
        expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
        const problem = JSON.parse(text) as { code?: string; status?: number; correlationId?: string; detail?: string };
        expect(problem.code).to.equal(c.expect.code);
        expect(problem.status).to.equal(c.expect.status);
        expect(problem.correlationId, 'correlation id for support').to.be.a('string').and.not.equal('');
        // Security headers on error answers too (helmet), and nothing echoed back as HTML.
        expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
        expect(text).to.not.match(/\n\s+at .*\.(ts|js):\d+/);
        outcome.clearError = true;
      } finally {
        record(GROUP, outcome);
      }
    });
  }

  it('F2: both processes still answer after the corpus', async () => {
    expect((await call(p.urls.agr, 'GET', '/ping')).text).to.equal('pong');
    expect((await call(p.urls.dso, 'GET', '/ping')).text).to.equal('pong');
    expect((await call(p.urls.agr, 'GET', '/health')).status).to.equal(200);
    expect((await call(p.urls.dso, 'GET', '/health')).status).to.equal(200);
  });

  it('NF3: nothing any party can list changed, and the core state of record is unchanged', async () => {
    // Give anything wrongly sent time to reach the core and come back before comparing.
    await new Promise((r) => setTimeout(r, 1_500));
    const afterListings = await restListings(p);
    const afterCore = await coreSnapshot(p);
    recordGroupState(GROUP, JSON.stringify(afterListings) !== JSON.stringify(listings) || JSON.stringify(afterCore) !== JSON.stringify(core));
    expect(afterListings).to.deep.equal(listings);
    expect(afterCore).to.deep.equal(core);
  });
});
