import { expect } from 'chai';
import { WaiterHub, WaiterHubFullError, longPoll } from './index.js';

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
});
