import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import type { OutgoingDocument } from '../../packages/runtime/src/index.js';
import { createCore } from '../src/core.js';
import { RecordingMessenger } from './recording-messenger.js';
import { AGR1, CP, DSO1, TPS, ackOf, asset, assetRegistration, connectionPoints } from './fixtures.js';

/** Fails when the core sends an asset list: the fan-out step of a registration. */
class FailingOnAssetList extends RecordingMessenger {
  override async sendToParty(trx: Knex.Transaction, receiver: string, doc: OutgoingDocument): Promise<string> {
    if (doc.businessType === 'asset-list') throw new Error('outbox unavailable');
    return super.sendToParty(trx, receiver, doc);
  }
}

describeEachDatabase('TPS core: one transaction per document (effect + outgoing + audit)', (dut) => {
  it('F4a: when a fan-out send fails, the registration, its acknowledgement and its audit row are all rolled back', async () => {
    const db = await dut.open();
    try {
      const messenger = await new FailingOnAssetList(db, [TPS]).install();
      const core = await createCore(db, messenger);
      expect(ackOf(await messenger.deliver(assetRegistration(AGR1, [{ assetId: asset('TX-1'), connectionPoint: CP.orphan }]))).accepted).to.equal(true);
      const auditBefore = (await core.views.audit()).length;
      let failed = false;
      try {
        // DSO1 registering the point makes the asset visible → asset-list push → failure.
        await messenger.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.orphan }]));
      } catch (err) {
        failed = /outbox unavailable/.test(String(err));
      }
      expect(failed, 'the failure reaches the messaging layer (retry / dead-letter)').to.equal(true);
      expect((await core.views.dso(DSO1)).connectionPoints).to.deep.equal([]);
      expect((await core.views.audit()).length).to.equal(auditBefore);
      expect((await messenger.sent()).filter((s) => s.receiver === DSO1)).to.deep.equal([]);
    } finally {
      await db.destroy();
    }
  });
});
