// Urgent work takes the connection next (F6: an unforeseen limit must reach the AGR/BRP at once,
// also while schedules queue for the same database), and the gate never narrows the pool.
import { expect } from 'chai';
import { urgentWaiting, urgentWork, type Database } from './index.js';
import { describeEachDatabase } from '../../testing/src/index.js';

describeEachDatabase('storage: urgent work takes the database connection first (F6)', (dut) => {
  let db: Database;
  beforeEach(async () => {
    db = await dut.open();
  });
  afterEach(async () => {
    await db.destroy();
  });

  const poolMax = () => (db.client.config.pool as { max: number }).max;

  /** Opens `n` transactions that keep their connections until released one by one, oldest first. */
  async function holdConnections(n: number): Promise<{ releaseOne(): void; releaseAll(): Promise<void> }> {
    const releases: (() => void)[] = [];
    let opened = 0;
    let allOpen!: () => void;
    const ready = new Promise<void>((r) => (allOpen = r));
    const held = Array.from({ length: n }, () =>
      db.transaction(async (trx) => {
        await trx.raw('select 1');
        const released = new Promise<void>((r) => releases.push(r));
        if (++opened === n) allOpen();
        await released;
      }),
    );
    await ready;
    return {
      releaseOne: () => releases.shift()?.(),
      releaseAll: async () => {
        for (const r of releases.splice(0)) r();
        await Promise.all(held);
      },
    };
  }

  it('F6: an urgent transaction queued after five normal statements gets the next free connection', async () => {
    const held = await holdConnections(poolMax());
    const done: string[] = [];
    const normal = Array.from({ length: 5 }, (_, i) => db.raw('select 1').then(() => void done.push(`normal-${i}`)));
    await new Promise((r) => setTimeout(r, 20)); // the normal ones are queued first
    const urgent = urgentWork(() =>
      db.transaction(async (trx) => {
        await trx.raw('select 1');
        done.push('urgent');
      }),
    );
    await new Promise((r) => setTimeout(r, 20));
    const waited = urgentWaiting(db);
    // One connection comes free: first come, first served would give it to normal-0.
    held.releaseOne();
    await urgent;
    const first = [...done];
    await held.releaseAll();
    expect(waited, 'the urgent transaction waited for a connection').to.equal(true);
    expect(first).to.deep.equal(['urgent']);
    expect(urgentWaiting(db)).to.equal(false);
    await Promise.all(normal);
    expect(done.slice(1)).to.have.members(['normal-0', 'normal-1', 'normal-2', 'normal-3', 'normal-4']);
  });

  it('F6: urgent work keeps its own arrival order, and queued normal work runs once none waits', async () => {
    const held = await holdConnections(poolMax());
    const done: string[] = [];
    const normal = db.raw('select 1').then(() => void done.push('normal'));
    const urgent = [0, 1, 2].map((i) => urgentWork(() => db.raw('select 1').then(() => void done.push(`urgent-${i}`))));
    await new Promise((r) => setTimeout(r, 20));
    held.releaseOne();
    await urgent[0];
    const first = [...done];
    await held.releaseAll();
    expect(first).to.deep.equal(['urgent-0']);
    await Promise.all([normal, ...urgent]);
    if (poolMax() === 1) expect(done).to.deep.equal(['urgent-0', 'urgent-1', 'urgent-2', 'normal']);
    else expect(done).to.have.members(['urgent-0', 'urgent-1', 'urgent-2', 'normal']);
  });

  it('NF1: the gate lets as many transactions run at once as the pool has connections (PostgreSQL is not serialised)', async () => {
    const max = poolMax();
    let inside = 0;
    let most = 0;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const all = Array.from({ length: max + 2 }, () =>
      db.transaction(async (trx) => {
        await trx.raw('select 1');
        most = Math.max(most, ++inside);
        if (inside === max) release();
        await released;
        inside--;
      }),
    );
    await Promise.all(all);
    expect(most).to.equal(max);
    if (dut.kind === 'postgres') expect(max).to.be.greaterThan(1);
  });
});
