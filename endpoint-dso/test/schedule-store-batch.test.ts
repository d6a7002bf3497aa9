import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { MAX_BOUND_PARAMETERS, migrate, type Database } from '../../packages/storage/src/index.js';
import { dsoMigrations } from '../src/storage/migrations.js';
import { ScheduleRepository, type NewScheduleSeries } from '../src/storage/schedule.repository.js';
import { nextSequence } from '../src/storage/sequence.js';

// The DSO's schedule store writes a document's series in one sequence reservation and multi-row
// inserts (issue 14). A document with more series than one statement may bind must be split into
// several statements and still number every series once, in order, without gaps.
const A = '10XDSO-A-------L';
const series = (n: number, tag: string): NewScheduleSeries[] =>
  Array.from({ length: n }, (_, i) =>
    i % 7 === 6
      ? { seriesId: `${tag}-${i}`, assetId: `asset-${i}`, cancelled: true }
      : { seriesId: `${tag}-${i}`, assetId: `asset-${i}`, cancelled: false, resolution: 'PT15M', interval: { start: '2026-03-02T00:00:00Z', end: '2026-03-02T01:00:00Z' }, valuesW: [i, 5 - i, 0, 7] },
  );

describeEachDatabase('DSO schedule store: one document in few statements (F9b; issue 14)', (dut) => {
  let db: Database;
  beforeEach(async () => {
    db = await dut.open();
    await migrate(db, 'dso', dsoMigrations);
  });
  afterEach(() => db.destroy());

  it('F9b: a document with more series than one statement can bind is stored whole, numbered consecutively in document order', async () => {
    const repo = new ScheduleRepository();
    const many = Math.ceil(MAX_BOUND_PARAMETERS / 12) * 3 + 5; // > 3 statements' worth of 12-column rows
    expect(await db.transaction((t) => repo.store(t, A, { scheduleId: 'GL-1', revision: 1 }, series(3, 'first'), 'x'))).to.equal(3);
    expect(await db.transaction((t) => repo.store(t, A, { scheduleId: 'GL-2', revision: 4 }, series(many, 'big'), 'y'))).to.equal(many);
    const all = await repo.receivedAfter(db, A, 0, 10_000);
    expect(all.map((s) => s.sequence)).to.deep.equal(Array.from({ length: 3 + many }, (_, i) => i + 1));
    expect(all.slice(3).map((s) => s.seriesId)).to.deep.equal(series(many, 'big').map((s) => s.seriesId));
    const back = all[3 + 13]!;
    expect(back).to.deep.include({ scheduleId: 'GL-2', revision: 4, seriesId: 'big-13', assetId: 'asset-13', cancelled: true, receivedAt: 'y' });
    expect(all[3 + 12]).to.deep.include({ cancelled: false, resolution: 'PT15M', interval: { start: '2026-03-02T00:00:00Z', end: '2026-03-02T01:00:00Z' }, valuesW: [12, -7, 0, 7] });
    // The counter moved by exactly the series stored: the next number follows without a gap.
    expect(await db.transaction((t) => nextSequence(t, A, 'schedules'))).to.equal(3 + many + 1);
  });

  it('F9b: an empty document stores nothing and takes no number; a failed transaction takes none either', async () => {
    const repo = new ScheduleRepository();
    expect(await db.transaction((t) => repo.store(t, A, { scheduleId: 'GL-0', revision: 1 }, [], 'x'))).to.equal(0);
    const failed = db.transaction(async (t) => {
      await repo.store(t, A, { scheduleId: 'GL-1', revision: 1 }, series(5, 'rolled-back'), 'x');
      throw new Error('abort');
    });
    expect(await failed.then(() => 'committed', (e: Error) => e.message)).to.equal('abort');
    expect(await repo.receivedAfter(db, A, 0)).to.deep.equal([]);
    expect(await db.transaction((t) => nextSequence(t, A, 'schedules'))).to.equal(1);
  });
});
