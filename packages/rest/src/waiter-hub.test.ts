import { expect } from 'chai';
import { WaiterHub, WaiterHubFullError, longPoll, pollInto, type LongPollListener } from './index.js';
import { ClientGone } from '../../http/src/index.js';

describe('long-poll waiter hub (F5b, F7a, F9b wait-for-new)', () => {
  it('wakes only the waiters of the notified key', async () => {
    const hub = new WaiterHub();
    const a = hub.prepare('party-A').wait(5_000);
    const b = hub.prepare('party-B').wait(50);
    expect(hub.notify('party-A')).to.equal(1);
    expect(await a).to.equal('notified');
    expect(await b).to.equal('timeout');
    expect(hub.size).to.equal(0);
  });

  it('does not lose a wake-up that arrives between reading and waiting', async () => {
    const hub = new WaiterHub();
    const prepared = hub.prepare('k');
    hub.notify('k'); // arrives before wait() is called
    expect(await prepared.wait(5_000)).to.equal('notified');
  });

  it('answers every waiter on close and refuses new ones beyond the bound', async () => {
    const hub = new WaiterHub(2);
    const w1 = hub.prepare('a').wait(60_000);
    hub.prepare('b');
    expect(() => hub.prepare('c')).to.throw(WaiterHubFullError);
    hub.close();
    expect(await w1).to.equal('closed');
    expect(hub.size).to.equal(0);
  });

  it('stops waiting when the client goes away', async () => {
    const hub = new WaiterHub();
    const ctrl = new AbortController();
    const w = hub.prepare('a').wait(60_000, ctrl.signal);
    ctrl.abort();
    expect(await w).to.equal('aborted');
    expect(hub.size).to.equal(0);
  });

  it('longPoll returns at once when items exist, on arrival otherwise, and [] on timeout', async () => {
    const hub = new WaiterHub();
    let store: number[] = [1];
    expect(await longPoll({ hub, key: 'k', timeoutMs: 1_000, read: async () => store })).to.deep.equal([1]);
    store = [];
    const pending = longPoll({ hub, key: 'k', timeoutMs: 5_000, read: async () => store });
    await new Promise((r) => setTimeout(r, 20));
    store = [2, 3];
    hub.notify('k');
    expect(await pending).to.deep.equal([2, 3]);
    store = [];
    const started = Date.now();
    expect(await longPoll({ hub, key: 'k', timeoutMs: 100, read: async () => store })).to.deep.equal([]);
    expect(Date.now() - started).to.be.at.least(90);
  });

  it('keeps waiting when a wake-up brought nothing for this caller', async () => {
    const hub = new WaiterHub();
    let store: string[] = [];
    const pending = longPoll({ hub, key: 'k', timeoutMs: 5_000, read: async () => store });
    await new Promise((r) => setTimeout(r, 10));
    hub.notify('k'); // spurious: nothing new
    await new Promise((r) => setTimeout(r, 10));
    store = ['x'];
    hub.notify('k');
    expect(await pending).to.deep.equal(['x']);
  });

  it('pollInto tells its listener the items, [] when the client goes away, and a full hub as an error (issue 14)', async () => {
    const hub = new WaiterHub(1);
    const told: unknown[] = [];
    const listener: LongPollListener<number> = { polled: (items) => told.push(items), failed: (err) => told.push(err) };
    let store: number[] = [];
    const gone = new ClientGone();
    pollInto({ hub, key: 'k', timeoutMs: 5_000, signal: gone, read: async () => store }, listener);
    await new Promise((r) => setTimeout(r, 10));
    expect([told.length, hub.size]).to.deep.equal([0, 1]);
    pollInto({ hub, key: 'other', timeoutMs: 5_000, read: async () => [] }, listener); // beyond the bound
    await new Promise((r) => setTimeout(r, 10));
    expect(told[0]).to.be.instanceOf(WaiterHubFullError);
    gone.abort();
    expect(told[1]).to.deep.equal([]);
    expect(hub.size).to.equal(0);
    store = [7];
    pollInto({ hub, key: 'k', timeoutMs: 5_000, read: async () => store }, listener);
    await new Promise((r) => setTimeout(r, 10));
    expect(told[2]).to.deep.equal([7]);
  });

  it('a long-poll whose read fails reports the error and leaves nothing registered in the hub (F7a)', async () => {
    const hub = new WaiterHub();
    const failing = { hub, key: 'r', timeoutMs: 5_000, read: () => Promise.reject(new Error('database gone')) };
    let caught: unknown;
    await longPoll(failing).catch((e: unknown) => (caught = e));
    expect(String(caught)).to.contain('database gone');
    expect(hub.size, 'no waiter left behind').to.equal(0);
  });

  it('a waiter parked with a listener object is told once how it ended (issue 14)', async () => {
    const hub = new WaiterHub();
    const outcomes: string[] = [];
    const listener = { woken: (o: string) => outcomes.push(o) };
    hub.prepare('a').park(5_000, undefined, listener);
    hub.prepare('b').park(20, undefined, listener);
    const early = hub.prepare('c');
    hub.notify('c'); // before parking: told on the next microtask, as wait() would resolve
    early.park(5_000, undefined, listener);
    expect(outcomes).to.deep.equal([]);
    await Promise.resolve();
    hub.notify('a');
    hub.notify('a');
    await new Promise((r) => setTimeout(r, 150));
    expect(outcomes).to.deep.equal(['notified', 'notified', 'timeout']);
    expect(hub.size).to.equal(0);
  });
});

