import { expect } from 'chai';
import { SingleFlight } from './index.js';

/** A lookup the test settles by hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('REST kit: single-flight lookups (NF3 token checks; issue 14)', () => {
  it('callers of one key while a lookup is in flight share it; other keys run their own', async () => {
    const flight = new SingleFlight<string, number>();
    const loads: string[] = [];
    const a = deferred<number>();
    const b = deferred<number>();
    const load = (key: string, d: { promise: Promise<number> }) => () => (loads.push(key), d.promise);
    const joined = [flight.run('a', load('a', a)), flight.run('a', load('a', a)), flight.run('a', load('a', a))];
    const other = flight.run('b', load('b', b));
    expect(loads, 'a lookup starts one event-loop turn later, so callers of that turn join it').to.deep.equal([]);
    await new Promise((r) => setImmediate(r));
    expect(loads).to.deep.equal(['a', 'b']);
    joined.push(flight.run('a', load('a', a))); // still in flight: joins
    a.resolve(7);
    b.resolve(8);
    expect(await Promise.all(joined)).to.deep.equal([7, 7, 7, 7]);
    expect(loads).to.deep.equal(['a', 'b']);
    expect(await other).to.equal(8);
  });

  it('nothing is kept once a lookup settles: the next call loads again', async () => {
    const flight = new SingleFlight<string, number>();
    let loads = 0;
    expect(await flight.run('a', async () => ++loads)).to.equal(1);
    expect(flight.size).to.equal(0);
    expect(await flight.run('a', async () => ++loads)).to.equal(2);
  });

  it('a failure rejects every joined caller and is not kept', async () => {
    const flight = new SingleFlight<string, number>();
    const d = deferred<number>();
    const joined = [flight.run('a', () => d.promise), flight.run('a', () => d.promise)];
    await new Promise((r) => setImmediate(r)); // the lookup has started
    d.reject(new Error('store away'));
    const outcomes = await Promise.allSettled(joined);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'rejected']);
    expect(flight.size).to.equal(0);
    expect(await flight.run('a', async () => 3)).to.equal(3);
  });
});
