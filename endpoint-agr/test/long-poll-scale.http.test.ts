import { expect } from 'chai';
import { get } from 'node:http';
import { makeEic } from '../../packages/iec62325/src/index.js';
import { startHarness, assetId, type Harness } from './agr-harness.js';
import { grantLimit } from './core-documents.js';

const WAITERS = 200;
const parties = Array.from({ length: WAITERS }, (_, i) => makeEic('10X', `AGR-${String(i).padStart(4, '0')}`));

describe('AGR/BRP endpoint: long-poll at scale (F7a, NF3)', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => (h = await startHarness({ parties, tokenParties: parties })));
  after(() => h.close());

  it(`F7a: ${WAITERS} concurrent waiters of different parties are each woken with only their own limit, without polling the store`, async () => {
    const waits = parties.map((p) => waitFor(`${h.url}/limits/wait?timeout=20`, h.tokens[p]!).then((r) => ({ party: p, ...r })));
    const deadline = Date.now() + 20_000;
    while (h.agr.hub.size < WAITERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(h.agr.hub.size).to.equal(WAITERS);

    // A waiter registers before its first read (no lost wake-up), so let those reads finish; then,
    // while all of them wait, the store sees no query at all during a full second.
    let queries = 0;
    const count = () => queries++;
    h.db.on('query', count);
    for (let before = -1; before !== queries; ) {
      before = queries;
      await new Promise((r) => setTimeout(r, 300));
    }
    queries = 0;
    await new Promise((r) => setTimeout(r, 1_000));
    h.db.off('query', count);
    expect(queries, 'queries while waiting').to.equal(0);
    expect(h.agr.hub.size).to.equal(WAITERS);

    const started = Date.now();
    // Deliver in reverse order so no waiter is answered merely by being first in line.
    for (const [i, p] of [...parties.entries()].reverse()) {
      await h.messenger.deliver(grantLimit(p, { limitId: `lim-${i}`, assets: [assetId(`P${i}`)] }), 'capacity-limit');
    }
    const answers = await Promise.all(waits);
    for (const a of answers) {
      expect(a.status).to.equal(200);
      expect(a.body.limits.map((l) => l.limitId)).to.deep.equal([`lim-${parties.indexOf(a.party)}`]);
    }
    expect(Date.now() - started).to.be.lessThan(20_000);
    expect(h.agr.hub.size).to.equal(0);
  });
});

/** node:http's global agent opens one socket per concurrent request (no pool cap), unlike fetch's. */
function waitFor(url: string, token: string): Promise<{ status: number; body: { limits: Array<{ limitId: string }> } }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    }).on('error', reject);
  });
}
