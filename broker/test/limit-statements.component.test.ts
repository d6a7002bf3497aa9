import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { A, setupScenario, startHarness, type Harness } from './core-harness.js';
import { AGR1, AGR3, DSO2, limit, parsed } from './fixtures.js';

// Regression guard for issue 14 (benchmark 2, the emergency path): the core's statements for an
// unforeseen signal. A new limit reads its assets and their connection points' owners in one
// query and has no earlier head or forwards to read (the revision check found none); a revision
// still reads them, so an operator no longer concerned gets its cancellation. Counted with knex's `query` event on the core's database.
describeEachDatabase('TPS core: statements per emergency signal (F6a, NF2; issue 14)', (dut) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(await dut.open());
    await setupScenario(h);
  });
  afterEach(() => h.db.destroy());

  async function statementsOf<T>(work: () => Promise<T>): Promise<{ sql: string[]; result: T }> {
    const sql: string[] = [];
    const listener = (q: { sql: string }) => sql.push(q.sql.replace(/[`"]/g, ''));
    h.db.on('query', listener);
    try {
      return { sql, result: await work() };
    } finally {
      h.db.off('query', listener);
    }
  }
  const selects = (sql: string[], table: string) => sql.filter((s) => /^select/i.test(s) && new RegExp(`\\b${table}\\b`).test(s));
  const receivers = (sent: Awaited<ReturnType<Harness['send']>>) => sent.filter((s) => s.businessType === 'capacity-limit').map((s) => s.receiver).sort();

  it('F6a unforeseen: a new stop signal reads assets and owners in one query and no head or forwards; a revision reads them and cancels for an operator no longer concerned', async () => {
    const first = await statementsOf(() => h.send(limit(DSO2, { limitType: 'unforeseen', series: [{ assetIds: [A.a12, A.a31], action: 'stop' }] }, { mRID: 'U-stmt', revision: 1 })));
    expect(receivers(first.result)).to.deep.equal([AGR1, AGR3].sort());
    const lookups = selects(first.sql, 'core_assets');
    expect(lookups, lookups.join('\n')).to.have.length(1);
    expect(lookups[0]).to.match(/\bcore_connection_points\b/);
    expect(selects(first.sql, 'core_connection_points'), 'owner look-ups').to.have.length(1);
    expect(selects(first.sql, 'core_forwards'), 'forwards of a new limit').to.deep.equal([]);
    expect(selects(first.sql, 'core_limits'), 'the head of a new limit').to.deep.equal([]);
    expect(selects(first.sql, 'core_received_documents'), 'the revision check').to.have.length(1);

    // Revision 2 names only AGR3's asset: AGR1 was sent revision 1, so it gets a cancellation.
    const second = await statementsOf(() => h.send(limit(DSO2, { limitType: 'unforeseen', series: [{ assetIds: [A.a31], action: 'stop' }] }, { mRID: 'U-stmt', revision: 2 })));
    expect(selects(second.sql, 'core_forwards')).to.have.length(1);
    expect(selects(second.sql, 'core_limits')).to.have.length(1);
    expect(receivers(second.result)).to.deep.equal([AGR1, AGR3].sort());
    const cancelled = second.result.filter((s) => s.businessType === 'capacity-limit' && s.receiver === AGR1);
    expect(cancelled.map((s) => s.priority)).to.deep.equal(['emergency']);
    const doc = parsed(cancelled[0]!);
    expect(doc.kind === 'capacity-limit' && doc.document.status).to.equal('cancelled');
  });
});
