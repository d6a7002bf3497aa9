// GET /limits/wait is served in front of express (issue 14); express still routes the spellings
// it alone matches (`/limits/wait/`). Both must give the same answer to the same request: status,
// headers (helmet's, request id, rate limit, type, length, ETag), problem+json bodies and the
// long-poll semantics — so each case here is sent both ways and compared.
import { expect } from 'chai';
import { get } from 'node:http';
import { startHarness, expectProblem, expectRaml, assetId, PARTY_A, PARTY_ELSEWHERE, type Harness } from './agr-harness.js';
import { grantLimit } from './core-documents.js';

const FRONT = '/limits/wait';
const EXPRESS = '/limits/wait/';
/** Headers whose values differ per request by design. */
const PER_REQUEST = new Set(['date', 'x-request-id', 'ratelimit']);

type Call = Awaited<ReturnType<Harness['call']>>;

function sameAnswer(front: Call, viaExpress: Call): void {
  expect(front.status).to.equal(viaExpress.status);
  const names = (c: Call) => [...c.headers.keys()].sort();
  expect(names(front), 'header names').to.deep.equal(names(viaExpress));
  for (const name of names(front)) if (!PER_REQUEST.has(name) && name !== 'etag' && name !== 'content-length') expect(front.headers.get(name), name).to.equal(viaExpress.headers.get(name));
  expect(front.headers.get('x-request-id')).to.be.a('string').and.not.equal(viaExpress.headers.get('x-request-id'));
  if (typeof front.body === 'object' && front.body.correlationId !== undefined) {
    // problem+json: the same problem, its own correlation id and instance
    const strip = (b: Record<string, unknown>) => ({ ...b, correlationId: undefined, instance: undefined });
    expect(strip(front.body)).to.deep.equal(strip(viaExpress.body));
    expect(front.body.correlationId).to.equal(front.headers.get('x-request-id'));
  } else {
    expect(front.body).to.deep.equal(viaExpress.body);
    expect(front.headers.get('etag')).to.equal(viaExpress.headers.get('etag'));
    expect(front.headers.get('content-length')).to.equal(viaExpress.headers.get('content-length'));
  }
}

describe('AGR/BRP endpoint: GET /limits/wait in front of express answers as express does (F7a, F2, NF3; issue 14)', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => (h = await startHarness({ rateLimitPerMinute: 30 })));
  afterEach(() => h.close());

  it('F7a: the same limits, headers, ETag and cursor semantics; If-None-Match gives 304', async () => {
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'one', assets: [assetId('A1')] }), 'capacity-limit');
    const a = h.tokens[PARTY_A]!;
    const front = await h.call('GET', `${FRONT}?timeout=0&client=front`, { token: a });
    const viaExpress = await h.call('GET', `${EXPRESS}?timeout=0&client=express`, { token: a });
    expectRaml(h.contract, 'LimitList', front.body);
    expect(front.body.limits.map((l: { limitId: string }) => l.limitId)).to.deep.equal(['one']);
    sameAnswer(front, viaExpress);
    // The cursor moved once the answer left: that client's next call gets nothing new.
    await new Promise((r) => setTimeout(r, 100));
    expect((await h.call('GET', `${FRONT}?timeout=0&client=front`, { token: a })).body.limits).to.deep.equal([]);
    expect((await h.call('GET', `${FRONT}?timeout=0&client=other`, { token: a })).body.limits).to.have.length(1);
  });

  it('F7a: If-None-Match with the answer\'s ETag is answered 304 without a body', async () => {
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'etag', assets: [assetId('A1')] }), 'capacity-limit');
    const a = h.tokens[PARTY_A]!;
    const first = await h.call('GET', `${FRONT}?timeout=0&client=c1`, { token: a });
    const etag = first.headers.get('etag')!;
    // node:http, not fetch: fetch adds `cache-control: no-cache` to conditional requests.
    for (const path of [FRONT, EXPRESS]) {
      const res = await new Promise<{ status: number; text: string; etag: unknown }>((resolve, reject) =>
        get(`${h.url}${path}?timeout=0&client=${path.length}`, { headers: { authorization: `Bearer ${a}`, 'if-none-match': etag } }, (r) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += c.toString('utf8')));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, text, etag: r.headers.etag }));
        }).on('error', reject),
      );
      expect(res.status, path).to.equal(304);
      expect(res.text).to.equal('');
      expect(res.etag).to.equal(etag);
    }
  });

  it('F2, NF3: 400 (timeout, client), 401 (no/unknown token), 403 (DSO token, party not represented) as problem+json, alike', async () => {
    const cases: Array<[string, string | undefined, number, string[]]> = [
      ['?timeout=abc', h.tokens[PARTY_A], 400, ['timeout']],
      ['?timeout=61', h.tokens[PARTY_A], 400, ['timeout']],
      ['?timeout=1&timeout=2', h.tokens[PARTY_A], 400, ['timeout']],
      ['?client=no%20spaces', h.tokens[PARTY_A], 400, ['client']],
      ['', undefined, 401, []],
      ['', 'tps_not-a-token-we-issued', 401, []],
      ['', h.tokens.DSO, 403, []],
      ['', h.tokens[PARTY_ELSEWHERE], 403, []],
    ];
    for (const [query, token, status, fields] of cases) {
      const front = await h.call('GET', FRONT + query, token ? { token } : {});
      const viaExpress = await h.call('GET', EXPRESS + query, token ? { token } : {});
      expectProblem(front, status, fields);
      sameAnswer(front, viaExpress);
    }
  });

  it('issue 13: the front route counts in the same rate-limit buckets and refuses with the same 429', async () => {
    const a = h.tokens[PARTY_A]!;
    let last: Call | undefined;
    for (let i = 0; i < 30; i++) last = await h.call('GET', `${i % 2 ? FRONT : EXPRESS}?timeout=0`, { token: a });
    expect(last!.status).to.equal(200);
    expect(last!.headers.get('ratelimit')).to.match(/^limit=30, remaining=0, reset=\d+$/);
    const front = await h.call('GET', `${FRONT}?timeout=0`, { token: a });
    const viaExpress = await h.call('GET', `${EXPRESS}?timeout=0`, { token: a });
    expectProblem(front, 429);
    sameAnswer(front, viaExpress);
    expect(Number(front.headers.get('retry-after'))).to.be.within(1, 60);
  });

  it('operations (F7a, issue 14): GET /metrics reports the parked long-polls — 1 while one waits, 0 once it is answered', async () => {
    const a = h.tokens[PARTY_A]!;
    const waiting = async (): Promise<number> => {
      const line = (await (await fetch(`${h.url}/metrics`)).text()).split('\n').find((l) => l.startsWith('tps_long_poll_waiting'));
      expect(line, 'the gauge is exported').to.be.a('string');
      return Number(line!.split(' ').at(-1));
    };
    expect(await waiting()).to.equal(0);
    const answer = h.call('GET', `${FRONT}?timeout=10&client=gauge`, { token: a });
    const deadline = Date.now() + 5_000;
    while (h.agr.hub.size === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(await waiting()).to.equal(1);
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'gauge', assets: [assetId('A1')] }), 'capacity-limit');
    expect((await answer).body.limits.map((l: { limitId: string }) => l.limitId)).to.deep.equal(['gauge']);
    expect(await waiting()).to.equal(0);
  });

  it('F7a: a waiter whose client goes away is dropped from the hub and its cursor stays', async () => {
    const a = h.tokens[PARTY_A]!;
    const ctrl = new AbortController();
    const gone = fetch(`${h.url}${FRONT}?timeout=10&client=gone`, { headers: { authorization: `Bearer ${a}` }, signal: ctrl.signal }).catch(() => 'aborted');
    const deadline = Date.now() + 5_000;
    while (h.agr.hub.size === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(h.agr.hub.size).to.equal(1);
    ctrl.abort();
    expect(await gone).to.equal('aborted');
    while (h.agr.hub.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(h.agr.hub.size).to.equal(0);
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'later', assets: [assetId('A1')] }), 'capacity-limit');
    expect((await h.call('GET', `${FRONT}?timeout=0&client=gone`, { token: a })).body.limits.map((l: { limitId: string }) => l.limitId)).to.deep.equal(['later']);
  });
});
