import { expect } from 'chai';
import { SharedReads, WaiterHub } from './index.js';

describe('REST kit: one read shared by the waiters of a key (F7a long-poll at scale; issue 14)', () => {
  it('callers at the same key and position share one read; another position or key reads itself', async () => {
    const hub = new WaiterHub();
    const shared = new SharedReads<string>(hub);
    let reads = 0;
    const slowRead = (v: string) => async () => (reads++, await new Promise((r) => setTimeout(r, 20)), v);
    const results = await Promise.all([
      ...Array.from({ length: 50 }, () => shared.read('limits:A', 7, slowRead('A@7'))),
      shared.read('limits:A', 3, slowRead('A@3')),
      shared.read('limits:B', 7, slowRead('B@7')),
    ]);
    expect(reads).to.equal(3);
    expect(new Set(results.slice(0, 50))).to.deep.equal(new Set(['A@7']));
    expect(results.slice(50)).to.deep.equal(['A@3', 'B@7']);
  });

  it('a notify of the key ends the sharing: a caller woken by it never gets a read that began before', async () => {
    const hub = new WaiterHub();
    const shared = new SharedReads<number>(hub);
    let stored = 1;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const before = shared.read('k', 0, async () => {
      const seen = stored; // the read's snapshot: taken before the new item is stored
      await gate;
      return seen;
    });
    stored = 2; // committed while the first read is in flight …
    hub.notify('k'); // … and announced
    const after = shared.read('k', 0, async () => stored);
    release();
    expect(await before).to.equal(1);
    expect(await after).to.equal(2);
  });

  it('a failed read fails its callers once and is not kept', async () => {
    const hub = new WaiterHub();
    const shared = new SharedReads<number>(hub);
    const failing = shared.read('k', 0, async () => Promise.reject(new Error('db away')));
    const joined = shared.read('k', 0, async () => 5);
    expect(await failing.catch((e: Error) => e.message)).to.equal('db away');
    expect(await joined.catch((e: Error) => e.message)).to.equal('db away');
    expect(await shared.read('k', 0, async () => 5)).to.equal(5);
  });
});
