import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { A, setupScenario, startHarness, type Harness } from './core-harness.js';
import { AGR1, CP, DSO1, DSO2, ackOf, asset, assetRegistration, parsed, schedule } from './fixtures.js';

// Regression guard for issue 14: the core's work per schedule is counted in SQL statements (each
// costs main-thread CPU in the driver and in knex). Registry look-ups for a document are one
// query for its assets and their connection points' owners, whatever the asset count, and
// its series are stored in one multi-row insert; a per-series or per-connection-point statement
// added back fails here. Counted with knex's `query` event on the core's database.
const a13 = asset('A1-3');
const a14 = asset('A1-4');

describeEachDatabase('TPS core: statements per schedule (F8a, NF2; issue 14)', (dut) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(await dut.open());
    await setupScenario(h);
    // AGR1 gets four assets on four connection points of two DSOs.
    const ack = ackOf(await h.send(assetRegistration(AGR1, [{ assetId: a13, connectionPoint: CP.d1b }, { assetId: a14, connectionPoint: CP.d2b }])));
    expect(ack.accepted).to.equal(true);
  });
  afterEach(() => h.db.destroy());

  /** SQL of every statement the core's database ran while `work` ran. */
  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    const seen: string[] = [];
    const listener = (q: { sql: string }) => seen.push(q.sql);
    h.db.on('query', listener);
    try {
      await work();
    } finally {
      h.db.off('query', listener);
    }
    return seen;
  }

  const touching = (sql: string[], table: string) => sql.filter((s) => new RegExp(`\\b${table}\\b`).test(s.replace(/[`"]/g, ''))).length;

  it('F8a: a 4-asset schedule reads its assets and their owners in one query, and stores its series in one insert', async () => {
    const plans = [A.a11, A.a12, a13, a14].map((assetId) => ({ assetId, pointsW: [1, 2] }));
    let sent: Awaited<ReturnType<Harness['send']>> = [];
    const sql = await statementsOf(async () => (sent = await h.send(schedule(AGR1, plans))));
    // The work really happened: one document per DSO, both accepted.
    expect(sent.filter((s) => s.businessType === 'schedule').map((s) => s.receiver).sort()).to.deep.equal([DSO1, DSO2].sort());
    expect(touching(sql, 'core_connection_points'), 'connection point owner look-ups').to.equal(1);
    expect(touching(sql, 'core_assets'), 'asset look-ups').to.equal(1);
    expect(sql.filter((s) => touching([s], 'core_assets') && touching([s], 'core_connection_points')), 'assets and owners in one query').to.have.length(1);
    expect(sql.filter((s) => /^insert into\s+.core_schedule_series/i.test(s)), 'series inserts').to.have.length(1);
  });

  it('F8a: a first schedule reads no earlier forwards; its next revision does and withdraws a series no longer sent', async () => {
    const first = await statementsOf(() => h.send(schedule(AGR1, [A.a11, a13].map((assetId) => ({ assetId })), { mRID: 'rev', revision: 1 })));
    expect(first.filter((s) => /^select/i.test(s) && touching([s], 'core_forwards')), 'forwards of a new schedule').to.deep.equal([]);
    let sent: Awaited<ReturnType<Harness['send']>> = [];
    const next = await statementsOf(async () => (sent = await h.send(schedule(AGR1, [A.a11].map((assetId) => ({ assetId })), { mRID: 'rev', revision: 2 }))));
    expect(next.filter((s) => /^select/i.test(s) && touching([s], 'core_forwards'))).to.have.length(1);
    // a13 was sent to DSO1 in revision 1 and is not in revision 2: DSO1's document withdraws it.
    const toDso1 = sent.filter((s) => s.businessType === 'schedule' && s.receiver === DSO1).map(parsed);
    const series = toDso1.flatMap((p) => (p.kind === 'schedule' ? p.document.series.map((x) => [x.assetId, x.cancelled]) : []));
    expect(series).to.deep.include.members([[a13, true]]);
  });

  it('F8a: the look-ups do not grow with the assets of a document', async () => {
    const two = await statementsOf(() => h.send(schedule(AGR1, [A.a11, A.a12].map((assetId) => ({ assetId })), { mRID: 'two' })));
    const four = await statementsOf(() => h.send(schedule(AGR1, [A.a11, A.a12, a13, a14].map((assetId) => ({ assetId })), { mRID: 'four' })));
    for (const table of ['core_connection_points', 'core_assets', 'core_schedule_series']) {
      expect(touching(four, table), table).to.equal(touching(two, table));
    }
  });
});
