import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import type { OutgoingDocument } from '../../packages/runtime/src/index.js';
import { createCore } from '../src/core.js';
import { RecordingMessenger } from './recording-messenger.js';
import { AGR1, CP, DSO1, TPS, ackOf, asset, assetRegistration, connectionPoints, schedule } from './fixtures.js';

/**
 * Fails when the core sends a schedule to a DSO: the fan-out step of an AGR schedule (F8a). (Asset
 * lists are no longer sent in the registration's transaction; their failure is covered in
 * asset-list-coalescing.component.test.ts.)
 */
class FailingOnSchedule extends RecordingMessenger {
  override async sendToParty(trx: Knex.Transaction, receiver: string, doc: OutgoingDocument): Promise<string> {
    if (doc.businessType === 'schedule') throw new Error('outbox unavailable');
    return super.sendToParty(trx, receiver, doc);
  }
}

describeEachDatabase('TPS core: one transaction per document (effect + outgoing + audit)', (dut) => {
  it('F8a: when a fan-out send fails, the schedule, its acknowledgement and its audit row are all rolled back', async () => {
    const db = await dut.open();
    const messenger = await new FailingOnSchedule(db, [TPS]).install();
    const core = await createCore(db, messenger);
    try {
      expect(ackOf(await messenger.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.orphan }]))).accepted).to.equal(true);
      expect(ackOf(await messenger.deliver(assetRegistration(AGR1, [{ assetId: asset('TX-1'), connectionPoint: CP.orphan }]))).accepted).to.equal(true);
      await core.flushAssetLists();
      const auditBefore = (await core.views.audit()).length;
      const sentBefore = (await messenger.sent()).length;
      let failed = false;
      try {
        // The schedule of an asset on DSO1's point is regrouped for DSO1 → schedule send → failure.
        await messenger.deliver(schedule(AGR1, [{ assetId: asset('TX-1') }]));
      } catch (err) {
        failed = /outbox unavailable/.test(String(err));
      }
      expect(failed, 'the failure reaches the messaging layer (retry / dead-letter)').to.equal(true);
      expect((await core.views.operator(AGR1)).schedules, 'no schedule stored').to.deep.equal([]);
      expect((await core.views.audit()).length).to.equal(auditBefore);
      expect((await messenger.sent()).length, 'no acknowledgement, no fan-out').to.equal(sentBefore);
    } finally {
      await core.close();
      await db.destroy();
    }
  });
});
