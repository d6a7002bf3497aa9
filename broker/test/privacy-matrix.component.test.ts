import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { startHarness, A, type Harness } from './core-harness.js';
import { AGR1, AGR2, AGR3, CP, DSO1, DSO2, TPS, assetRegistration, connectionPoints, limit, schedule, statusRequest, type Inbound } from './fixtures.js';
import { PrivacyMatrix, type Violation } from './privacy-scanner.js';
import type { SentDocument } from './recording-messenger.js';

const NAMES: Record<string, string> = { [DSO1]: 'DSO1', [DSO2]: 'DSO2', [AGR1]: 'AGR1', [AGR2]: 'AGR2', [AGR3]: 'AGR3' };
// Asset → [operator, connection point, DSO]. d1a and d2a carry assets of two AGRs each.
const ASSETS: Record<string, [string, string, string]> = {
  [A.a11]: [AGR1, CP.d1a, DSO1],
  [A.a12]: [AGR1, CP.d2a, DSO2],
  [A.a21]: [AGR2, CP.d1a, DSO1],
  [A.a22]: [AGR2, CP.d1b, DSO1],
  [A.a31]: [AGR3, CP.d2a, DSO2],
  [A.a32]: [AGR3, CP.d2b, DSO2],
};

function buildMatrix(): PrivacyMatrix {
  const m = new PrivacyMatrix();
  // Parties: each sees only its own code (and the TPS party, which is not restricted).
  for (const [party, name] of Object.entries(NAMES)) m.restrict(party, `party ${name}`, [party]);
  // F7 / F5: an asset is seen by its operator and by the DSO whose grid it is on.
  for (const [id, [operator, , dso]] of Object.entries(ASSETS)) m.restrict(id, `asset of ${NAMES[operator]} on ${NAMES[dso]}`, [operator, dso]);
  // A connection point: its DSO and the operators that registered assets on it.
  for (const [cp, dso] of [[CP.d1a, DSO1], [CP.d1b, DSO1], [CP.d2a, DSO2], [CP.d2b, DSO2]] as const) {
    const operators = Object.values(ASSETS).filter(([, c]) => c === cp).map(([op]) => op);
    m.restrict(cp, `connection point of ${NAMES[dso]}`, [dso, ...operators]);
  }
  // The parties' own document identifiers carry a marker naming them; they must never travel on.
  for (const [party, name] of Object.entries(NAMES)) m.restrict(`of-${name}-`, `mRID chosen by ${name}`, [party]);
  return m;
}

const p = (name: string, k: number) => `of-${name}-${k}`;

/** A workload touching every flow, including hostile documents. */
function workload(): Inbound[] {
  return [
    connectionPoints(DSO1, [{ connectionPoint: CP.d1a }, { connectionPoint: CP.d1b }], { mRID: p('DSO1', 1) }),
    connectionPoints(DSO2, [{ connectionPoint: CP.d2a }, { connectionPoint: CP.d2b }], { mRID: p('DSO2', 1) }),
    assetRegistration(AGR1, [{ assetId: A.a11, connectionPoint: CP.d1a }, { assetId: A.a12, connectionPoint: CP.d2a }], { mRID: p('AGR1', 1) }),
    assetRegistration(AGR2, [{ assetId: A.a21, connectionPoint: CP.d1a }, { assetId: A.a22, connectionPoint: CP.d1b }], { mRID: p('AGR2', 1) }),
    assetRegistration(AGR3, [{ assetId: A.a31, connectionPoint: CP.d2a }, { assetId: A.a32, connectionPoint: CP.d2b }], { mRID: p('AGR3', 1) }),
    schedule(AGR1, [{ assetId: A.a11, mRID: p('AGR1', 3) }, { assetId: A.a12, mRID: p('AGR1', 4) }], { mRID: p('AGR1', 2) }),
    schedule(AGR2, [{ assetId: A.a21, mRID: p('AGR2', 3), pointsW: [-4000, -4000] }, { assetId: A.a22, mRID: p('AGR2', 4) }], { mRID: p('AGR2', 2) }),
    schedule(AGR3, [{ assetId: A.a31, mRID: p('AGR3', 3) }, { assetId: A.a32, mRID: p('AGR3', 4) }], { mRID: p('AGR3', 2) }),
    schedule(AGR1, [{ assetId: A.a11, mRID: p('AGR1', 3) }], { mRID: p('AGR1', 2), revision: 2 }),
    statusRequest(DSO1, 'asset-list', [], p('DSO1', 2)),
    statusRequest(DSO2, 'asset-list', [], p('DSO2', 2)),
    statusRequest(DSO1, 'schedules', [], p('DSO1', 3)),
    statusRequest(DSO2, 'schedules', [A.a12, A.a31], p('DSO2', 3)),
    limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11, A.a21, A.a22], availableW: [6000, 6000], mRID: p('DSO1', 5) }] }, { mRID: p('DSO1', 4) }),
    limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a21], availableW: [2000, 2000], mRID: p('DSO1', 5) }] }, { mRID: p('DSO1', 4), revision: 2 }),
    limit(DSO2, { limitType: 'foreseen', series: [{ assetIds: [A.a12, A.a31, A.a32], availableW: [3000, 3000], direction: 'production', mRID: p('DSO2', 5) }] }, { mRID: p('DSO2', 4) }),
    limit(DSO2, { limitType: 'foreseen', series: [{ assetIds: [A.a12], availableW: [1, 1], mRID: p('DSO2', 5) }] }, { mRID: p('DSO2', 4), revision: 2, status: 'cancelled' }),
    limit(DSO2, { limitType: 'unforeseen', series: [{ assetIds: [A.a12, A.a31], action: 'stop', mRID: p('DSO2', 7) }] }, { mRID: p('DSO2', 6) }),
    assetRegistration(AGR3, [{ assetId: A.a31, connectionPoint: CP.d2a, action: 'update', maxProductionW: 7000 }], { mRID: p('AGR3', 5) }),
    // Hostile: foreign assets, another DSO's point, claiming another operator's asset.
    statusRequest(DSO1, 'asset-list', [A.a31], p('DSO1', 8)),
    limit(DSO1, { limitType: 'unforeseen', series: [{ assetIds: [A.a12], action: 'stop' }] }, { mRID: p('DSO1', 9) }),
    schedule(AGR2, [{ assetId: A.a11, mRID: p('AGR2', 6) }], { mRID: p('AGR2', 5) }),
    assetRegistration(AGR2, [{ assetId: A.a11, connectionPoint: CP.d1a }], { mRID: p('AGR2', 7) }),
    connectionPoints(DSO2, [{ connectionPoint: CP.d1a }], { mRID: p('DSO2', 8) }),
  ];
}

describeEachDatabase('NF3 privacy matrix: 2 DSOs, 3 AGR/BRPs, shared connection points (F5a, F6a, F7, F8a, F9a)', (dut) => {
  let h: Harness;
  let matrix: PrivacyMatrix;
  let sent: SentDocument[];
  let violations: Violation[];

  before(async () => {
    h = await startHarness(await dut.open());
    matrix = buildMatrix();
    sent = [];
    violations = [];
    for (const doc of workload()) {
      // What the receiver had said before this delivery may be echoed back to it.
      matrix.noteSent(doc.senderParty, doc.payload);
      const out = await h.send(doc);
      for (const o of out) violations.push(...matrix.scan(o));
      sent.push(...out);
    }
  });
  after(() => h.db.destroy());

  it('NF3: no document sent to any party contains another party’s data beyond what F5/F6/F7/F8/F9 allow', () => {
    expect(violations, JSON.stringify(violations.slice(0, 5), null, 1)).to.deep.equal([]);
  });

  it('NF3: the workload reached every party with every kind of document (the matrix is not vacuous)', () => {
    const kinds = (party: string) => new Set(sent.filter((s) => s.receiver === party).map((s) => s.businessType));
    for (const dso of [DSO1, DSO2]) expect([...kinds(dso)]).to.include.members(['acknowledgement', 'asset-list', 'schedule']);
    for (const agr of [AGR1, AGR2, AGR3]) expect([...kinds(agr)]).to.include.members(['acknowledgement', 'capacity-limit']);
    expect(sent.filter((s) => s.businessType === 'acknowledgement')).to.have.length(workload().length - 4); // 4 status requests answered with documents
  });

  it('F5/F9, NF3: no operator identity ever reaches a DSO, and every document is sent as the TPS party', () => {
    for (const doc of sent) {
      expect(doc.senderParty).to.equal(TPS);
      if (doc.receiver === DSO1 || doc.receiver === DSO2) for (const agr of [AGR1, AGR2, AGR3]) expect(doc.payload).not.to.contain(agr);
    }
  });

  it('NF3: the scanner itself flags a leak (negative control)', () => {
    const leaky = { ...sent.find((s) => s.receiver === DSO1 && s.businessType === 'asset-list')! };
    leaky.payload = leaky.payload.replace('</', `<x>${AGR2}${A.a31}</x></`);
    const found = matrix.scan(leaky, new Map()).map((v) => v.label);
    expect(found).to.include.members(['party AGR2', 'asset of AGR3 on DSO2']);
  });
});
