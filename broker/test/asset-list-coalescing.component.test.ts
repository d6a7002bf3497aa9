// F5a pushes coalesced per DSO (outgoing/asset-list-flusher.ts): a burst of registrations ends
// with the DSO holding its complete, current list after far fewer lists than registrations; the
// debt survives a core restart and a failed push; a list holds only the DSO's own assets (NF3).
import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import type { OutgoingDocument } from '../../packages/runtime/src/index.js';
import { createCore, type Core } from '../src/core.js';
import { RecordingMessenger } from './recording-messenger.js';
import { AGR1, AGR2, CP, DSO1, DSO2, TPS, ackOf, asset, assetListsTo, assetRegistration, connectionPoints, eventually } from './fixtures.js';

const LONG_QUIET_MS = 60_000; // nothing but the idle kick and explicit flushes send within a test

const burstIds = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, k) => asset(`${prefix}${String(k).padStart(3, '0')}`));

describeEachDatabase('TPS core: coalesced asset-list pushes (F5a)', (dut) => {
  let db: Knex;
  let messenger: RecordingMessenger;
  let core: Core | undefined;
  beforeEach(async () => {
    db = await dut.open();
    messenger = await new RecordingMessenger(db, [TPS]).install();
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    await db.destroy();
  });

  it('F5a: a burst of 30 registrations → the DSO ends with the complete list after at most 2 lists, not 30', async () => {
    core = await createCore(db, messenger, { assetListQuietMs: LONG_QUIET_MS });
    expect(ackOf(await messenger.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.d1a }]))).accepted).to.equal(true);
    const ids = burstIds(30, 'B');
    for (const id of ids) {
      expect(ackOf(await messenger.deliver(assetRegistration(AGR1, [{ assetId: id, connectionPoint: CP.d1a }]))).accepted, 'each registration is acknowledged at once').to.equal(true);
    }
    await core.flushAssetLists();
    const lists = assetListsTo(await messenger.sent(), DSO1);
    // The point registration kicked an immediate push (idle); everything after waited for the
    // quiet period, which the explicit flush ended: at most 2 lists for 31 registrations.
    expect(lists.length).to.be.within(1, 2);
    expect(lists.at(-1), 'the last list is complete and current').to.deep.equal([...ids].sort());
    expect(await core.flushAssetLists(), 'nothing left owed').to.equal(0);
  });

  it('F5a: without an explicit flush, the flusher sends the owed list by itself at the end of the quiet period', async () => {
    core = await createCore(db, messenger, { assetListQuietMs: 200 });
    await messenger.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.d1a }]));
    const ids = burstIds(5, 'T');
    for (const id of ids) await messenger.deliver(assetRegistration(AGR1, [{ assetId: id, connectionPoint: CP.d1a }]));
    await eventually('the complete list at DSO1', async () => JSON.stringify(assetListsTo(await messenger.sent(), DSO1).at(-1)) === JSON.stringify([...ids].sort()));
    expect(assetListsTo(await messenger.sent(), DSO1).length).to.be.at.most(ids.length + 1);
  });

  it('F5a: the owed list survives a core restart — stopped before the flush, the next core sends it on start', async () => {
    core = await createCore(db, messenger, { assetListQuietMs: LONG_QUIET_MS });
    await messenger.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.d1a }]));
    await core.flushAssetLists();
    const late = asset('LATE-1');
    expect(ackOf(await messenger.deliver(assetRegistration(AGR1, [{ assetId: late, connectionPoint: CP.d1a }]))).accepted).to.equal(true);
    // Stop inside the quiet period: the registration committed, its list was not sent.
    await core.close();
    core = undefined;
    expect(assetListsTo(await messenger.sent(), DSO1).some((l) => l.includes(late)), 'not sent before the stop').to.equal(false);

    const restarted = await new RecordingMessenger(db, [TPS]).install();
    core = await createCore(db, restarted, { assetListQuietMs: LONG_QUIET_MS });
    await eventually('the owed list after restart', async () => assetListsTo(await restarted.sent(), DSO1).some((l) => l.includes(late)));
    expect(assetListsTo(await restarted.sent(), DSO1).at(-1)).to.deep.equal([late]);
  });

  it('F5a: a failed push leaves the registration committed and the list owed; it is sent once the outbox works', async () => {
    let outboxDown = true;
    class FlakyOutbox extends RecordingMessenger {
      override async sendToParty(trx: Knex.Transaction, receiver: string, doc: OutgoingDocument): Promise<string> {
        if (outboxDown && doc.businessType === 'asset-list') throw new Error('outbox unavailable');
        return super.sendToParty(trx, receiver, doc);
      }
    }
    const flaky = await new FlakyOutbox(db, [TPS]).install();
    const errors: string[] = [];
    core = await createCore(db, flaky, { assetListQuietMs: LONG_QUIET_MS, onBackgroundError: (err, dso) => errors.push(`${dso}: ${String(err)}`) });
    await flaky.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.d1a }]));
    const sent = await flaky.deliver(assetRegistration(AGR1, [{ assetId: asset('FL-1'), connectionPoint: CP.d1a }]));
    expect(ackOf(sent).accepted, 'the registration does not depend on the push').to.equal(true);
    expect(await core.flushAssetLists()).to.equal(0);
    expect(errors.some((e) => e.startsWith(`${DSO1}:`) && e.includes('outbox unavailable'))).to.equal(true);
    expect(assetListsTo(await flaky.sent(), DSO1)).to.deep.equal([]);
    outboxDown = false;
    expect(await core.flushAssetLists()).to.equal(1);
    expect(assetListsTo(await flaky.sent(), DSO1)).to.deep.equal([[asset('FL-1')]]);
  });

  it('F5/NF3: each DSO’s coalesced list holds only the assets on its own connection points, and no operator', async () => {
    core = await createCore(db, messenger, { assetListQuietMs: LONG_QUIET_MS });
    await messenger.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.d1a }, { connectionPoint: CP.d1b }]));
    await messenger.deliver(connectionPoints(DSO2, [{ connectionPoint: CP.d2a }]));
    const on1 = [asset('P1-1'), asset('P1-2'), asset('P1-3')];
    const on2 = [asset('P2-1'), asset('P2-2')];
    await messenger.deliver(assetRegistration(AGR1, [{ assetId: on1[0]!, connectionPoint: CP.d1a }, { assetId: on2[0]!, connectionPoint: CP.d2a }]));
    await messenger.deliver(assetRegistration(AGR2, [{ assetId: on1[1]!, connectionPoint: CP.d1b }, { assetId: on2[1]!, connectionPoint: CP.d2a }]));
    await messenger.deliver(assetRegistration(AGR2, [{ assetId: on1[2]!, connectionPoint: CP.d1a }, { assetId: asset('P0-1'), connectionPoint: CP.orphan }]));
    await core.flushAssetLists();
    const sent = await messenger.sent();
    expect(assetListsTo(sent, DSO1).at(-1)).to.deep.equal([...on1].sort());
    expect(assetListsTo(sent, DSO2).at(-1)).to.deep.equal([...on2].sort());
    for (const doc of sent.filter((s) => s.businessType === 'asset-list')) {
      for (const agr of [AGR1, AGR2]) expect(doc.payload, 'no operator in a DSO list').not.to.contain(agr);
      expect(doc.payload, 'an asset on an unregistered point reaches no DSO').not.to.contain(asset('P0-1'));
    }
  });
});
