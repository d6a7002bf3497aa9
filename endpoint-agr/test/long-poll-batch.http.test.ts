import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { request, type ClientRequest } from 'node:http';
import { makeEic } from '../../packages/iec62325/src/index.js';
import { CursorRepository } from '../../packages/rest/src/index.js';
import { startHarness, assetId, type Harness } from './agr-harness.js';
import { grantLimit } from './core-documents.js';

const PARTIES = Array.from({ length: 4 }, (_, i) => makeEic('10X', `AGR-BATCH-${i}`));
const CLIENTS = 25; // per party: 100 waiters in all
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  ids: string[];
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Express's weak ETag of a body (the `etag` package's formula): what `res.send` of the string sends. */
const weakEtag = (body: string) => `W/"${Buffer.byteLength(body, 'utf8').toString(16)}-${createHash('sha1').update(body, 'utf8').digest('base64').substring(0, 27)}"`;

/** One socket per request (no pool), so many can be parked at once and one can be cut. */
function wait(h: Harness, party: string, client: string, timeoutS: number): { answer: Promise<Answer>; req: ClientRequest } {
  let req!: ClientRequest;
  const answer = new Promise<Answer>((resolve, reject) => {
    req = request(`${h.url}/limits/wait?timeout=${timeoutS}&client=${client}`, { agent: false, headers: { authorization: `Bearer ${h.tokens[party]}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ids: (JSON.parse(text) as { limits: Array<{ limitId: string }> }).limits.map((l) => l.limitId), text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
  return { answer, req };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const limitOf = (p: number, n: number) => `P${p}-L${n}`;
const deliver = (h: Harness, p: number, n: number) => h.messenger.deliver(grantLimit(PARTIES[p]!, { limitId: limitOf(p, n), assets: [assetId(`BT${p}`)] }), 'capacity-limit');

describe('AGR/BRP endpoint: batched long-poll wake-up (F7a, NF3; issue 14)', function () {
  this.timeout(90_000);
  let h: Harness;
  before(async () => (h = await startHarness({ parties: PARTIES, tokenParties: PARTIES })));
  after(() => h.close());

  it('F7a, NF3: 100 waiters of 4 parties each get exactly their own party\'s limit, from one read per party', async () => {
    const waits = PARTIES.flatMap((party, p) => Array.from({ length: CLIENTS }, (_, c) => ({ p, answer: wait(h, party, `c${c}`, 20).answer })));
    await until(() => h.agr.hub.size === waits.length, 'all waiters parked');
    await sleep(300); // their first reads are done

    const sql: string[] = [];
    const onQuery = (q: { sql: string }) => sql.push(q.sql);
    h.db.on('query', onQuery);
    for (let p = PARTIES.length - 1; p >= 0; p--) await deliver(h, p, 1);
    const answers = await Promise.all(waits.map(async (w) => ({ p: w.p, ...(await w.answer) })));
    await sleep(300); // the cursor moves are written after the answers left
    h.db.off('query', onQuery);

    for (const a of answers) {
      expect(a.status).to.equal(200);
      expect(a.ids, `party ${a.p}`).to.deep.equal([limitOf(a.p, 1)]);
      // One prepared answer per group, with the headers res.send of the JSON string gives.
      expect(a.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(a.headers['content-length']).to.equal(String(Buffer.byteLength(a.text, 'utf8')));
      expect(a.headers.etag).to.equal(weakEtag(a.text));
      expect(a.headers['x-request-id'], 'a request id per response').to.be.a('string');
    }
    const ids = new Set(answers.map((a) => a.headers['x-request-id']));
    expect(ids.size, 'request ids are per response, not shared').to.equal(answers.length);
    const headReads = sql.filter((s) => /max\(.seq.\)/i.test(s)).length;
    expect(headReads, `reads of a party's newest seq during the wake:\n${sql.join('\n')}`).to.be.at.most(2 * PARTIES.length);
    const cursorWrites = sql.filter((s) => /^insert into .read_cursors./i.test(s)).length;
    expect(cursorWrites, 'cursor writes for 100 answers').to.be.within(1, 10);
    expect(sql.length, 'statements for 100 answers').to.be.below(40);
    const stored = new CursorRepository(h.db);
    const seqs = (await h.db('agr_limits').select('party', 'seq')) as Array<{ party: string; seq: number }>;
    for (const [p, party] of PARTIES.entries()) {
      const seq = Number(seqs.find((r) => r.party === party)!.seq);
      const token = (await h.db('read_cursors').join('api_tokens', 'api_tokens.id', 'read_cursors.token_id').where('api_tokens.party', party).select('read_cursors.token_id').first()) as { token_id: number };
      for (let c = 0; c < CLIENTS; c++) expect(await stored.position(token.token_id, `c${c}`, 'limits'), `party ${p} client ${c}`).to.equal(seq);
    }
  });

  it('F7a: limits arriving in quick succession are each delivered once, in order, none skipped', async () => {
    const ROUNDS = 4;
    // Every client keeps asking until it holds limits 2..5 of its party, as a real consumer would.
    const collect = async (p: number, c: number) => {
      const got: string[] = [];
      while (got.length < ROUNDS) {
        const a = await wait(h, PARTIES[p]!, `c${c}`, 10).answer;
        expect(a.status).to.equal(200);
        got.push(...a.ids);
      }
      return { p, got };
    };
    const clients = PARTIES.flatMap((_, p) => Array.from({ length: CLIENTS }, (_, c) => collect(p, c)));
    await until(() => h.agr.hub.size === PARTIES.length * CLIENTS, 'all waiters parked');
    for (let n = 2; n < 2 + ROUNDS; n++) {
      // Parties interleaved, no pause: waiters are woken while the next limits are being stored.
      await Promise.all(PARTIES.map((_, p) => deliver(h, p, n)));
    }
    for (const { p, got } of await Promise.all(clients)) {
      expect(got, `party ${p}`).to.deep.equal(Array.from({ length: ROUNDS }, (_, i) => limitOf(p, 2 + i)));
    }
  });

  it('F7a: a client cut off before its answer gets the limit when it reconnects; answered ones do not get it again', async () => {
    const party = PARTIES[0]!;
    const waits = Array.from({ length: CLIENTS }, (_, c) => ({ c, ...wait(h, party, `c${c}`, 20) }));
    await until(() => h.agr.hub.size === CLIENTS, 'waiters of party 0 parked');
    const cut = waits.slice(0, 5);
    for (const w of cut) {
      w.answer.catch(() => undefined);
      w.req.destroy();
    }
    await until(() => h.agr.hub.size === CLIENTS - cut.length, 'the server noticing the cut clients');
    await deliver(h, 0, 9);
    for (const w of waits.slice(cut.length)) expect((await w.answer).ids).to.deep.equal([limitOf(0, 9)]);
    await sleep(200);
    for (const w of cut) expect((await wait(h, party, `c${w.c}`, 0).answer).ids, `cut client ${w.c}`).to.deep.equal([limitOf(0, 9)]);
    for (const w of waits.slice(cut.length, cut.length + 5)) expect((await wait(h, party, `c${w.c}`, 0).answer).ids, `answered client ${w.c}`).to.deep.equal([]);
  });
});
