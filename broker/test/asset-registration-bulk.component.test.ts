import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { startHarness, setupScenario, type Harness } from './core-harness.js';
import { AGR1, AGR2, CP, DSO1, DSO2, ackOf, asset, assetRegistration, parsed } from './fixtures.js';
import type { SentDocument } from './recording-messenger.js';

// Benchmark 5 (issue 14): a bulk call of 1,000 assets — the REST facade's maximum — is checked and
// applied in a few set-based statements, not several per asset (which cost ≈ 5,000 statements).
const BULK = 1_000;
const ids = Array.from({ length: BULK }, (_, i) => asset(`B${String(i).padStart(5, '0')}`));

/** Runs `work` and counts the SQL statements it sends (knex's `query` event). */
async function countStatements(h: Harness, work: () => Promise<SentDocument[]>): Promise<{ sent: SentDocument[]; statements: number }> {
  let statements = 0;
  const onQuery = (): void => {
    statements++;
  };
  h.db.on('query', onQuery);
  try {
    const sent = await work();
    return { sent, statements };
  } finally {
    h.db.removeListener('query', onQuery);
  }
}

function listed(sent: SentDocument[], dso: string): string[] {
  const doc = sent.find((s) => s.businessType === 'asset-list' && s.receiver === dso);
  if (!doc) return [];
  const p = parsed(doc);
  if (p.kind !== 'asset-list') throw new Error('not an asset list');
  return p.document.assets.map((a) => a.assetId);
}

describeEachDatabase('TPS core: bulk asset registration in few statements (F4a, F5a, NF3; issue 14)', (dut) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(await dut.open());
    await setupScenario(h);
  });
  afterEach(() => h.db.destroy());

  it('F4a: 1,000 assets register, are removed and are re-registered by another operator (reassigned), each call in < 100 statements', async () => {
    const points = [CP.d1a, CP.d1b, CP.d2a];
    const register = await countStatements(h, () => h.send(assetRegistration(AGR1, ids.map((assetId, i) => ({ assetId, connectionPoint: points[i % 3]! })))));
    expect(ackOf(register.sent).accepted).to.equal(true);
    expect(register.statements, 'statements for one 1,000-asset registration (incl. ack and list push)').to.be.below(100);
    // F5a + NF3: each DSO's pushed list holds exactly the assets on its own points, never another DSO's.
    const d1 = listed(register.sent, DSO1);
    const d2 = listed(register.sent, DSO2);
    expect(d1.filter((a) => ids.includes(a))).to.have.length(667);
    expect(d2.filter((a) => ids.includes(a))).to.have.length(333);
    expect(d1.some((a) => d2.includes(a)), 'no asset in two DSOs’ lists').to.equal(false);

    const remove = await countStatements(h, () => h.send(assetRegistration(AGR1, ids.map((assetId) => ({ action: 'remove' as const, assetId })))));
    expect(ackOf(remove.sent).accepted).to.equal(true);
    expect(remove.statements).to.be.below(100);
    expect((await h.core.views.assets()).filter((a) => ids.includes(a.assetId))).to.deep.equal([]);

    const reassign = await countStatements(h, () => h.send(assetRegistration(AGR2, ids.map((assetId) => ({ assetId, connectionPoint: CP.d2b })))));
    expect(ackOf(reassign.sent).accepted).to.equal(true);
    expect(reassign.statements).to.be.below(100);
    const rows = await h.db('core_asset_history').whereIn('asset_id', ids.slice(0, 500)).orderBy('id').select('asset_id', 'validity', 'operator');
    expect(rows.map((r) => r.validity as string).filter((v) => v === 'reassigned')).to.have.length(500);
    // The history keeps each asset's order: connected → disconnected → reassigned.
    const first = rows.filter((r) => r.asset_id === ids[0]).map((r) => `${r.validity as string}/${r.operator as string}`);
    expect(first).to.deep.equal([`connected/${AGR1}`, `disconnected/${AGR1}`, `reassigned/${AGR2}`]);
    expect((await h.core.views.assets()).filter((a) => ids.includes(a.assetId) && a.operator === AGR2)).to.have.length(BULK);
  });

  it('F4a: a 1,000-asset document with one asset claimed by another operator is rejected whole (A59)', async () => {
    expect(ackOf(await h.send(assetRegistration(AGR2, [{ assetId: ids[999]!, connectionPoint: CP.d1a }]))).accepted).to.equal(true);
    const sent = await h.send(assetRegistration(AGR1, ids.map((assetId) => ({ assetId, connectionPoint: CP.d1b }))));
    expect(ackOf(sent).codes).to.deep.equal(['A59']);
    expect((await h.core.views.assets()).filter((a) => ids.includes(a.assetId))).to.have.length(1);
  });
});
