// F5a pushes paced per DSO (outgoing/asset-list-pacing.ts, issue 14 benchmark 5): no new list
// while the DSO has not acknowledged the previous one, a hold while registrations keep coming that
// ends when they stop, and whatever the pacing did, the DSO's last list is exactly the core's
// registry for that DSO — including changes that arrive while a list is in flight.
import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import type { TrackingStatus } from '../../packages/runtime/src/index.js';
import { createCore, type Core } from '../src/core.js';
import { repositories } from '../src/storage/repositories.js';
import { RecordingMessenger } from './recording-messenger.js';
import { AGR1, CP, DSO1, DSO2, TPS, ackOf, asset, assetListsTo, assetRegistration, connectionPoints, eventually } from './fixtures.js';

/** Tracks what the core sent like mades does: DELIVERED until the test acknowledges it (RECEIVED/FAILED). */
class TrackingMessenger extends RecordingMessenger {
  readonly acked = new Map<string, TrackingStatus['state']>();
  autoAck = false;

  override async status(messageId: string): Promise<TrackingStatus | undefined> {
    const state = this.acked.get(messageId) ?? (this.autoAck ? 'RECEIVED' : 'DELIVERED');
    return { messageId, state, history: [] };
  }

  /** The DSOs (or only `receiver`) acknowledge every page sent so far. */
  async ackAll(state: 'RECEIVED' | 'FAILED' = 'RECEIVED', receiver?: string): Promise<void> {
    for (const s of await this.sent()) if (!this.acked.has(s.messageId) && (receiver === undefined || s.receiver === receiver)) this.acked.set(s.messageId, state);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDatabase('TPS core: paced asset-list pushes (F5a, issue 14)', (dut) => {
  let db: Knex;
  let messenger: TrackingMessenger;
  let core: Core | undefined;
  beforeEach(async () => {
    db = await dut.open();
    messenger = await new TrackingMessenger(db, [TPS]).install();
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    await db.destroy();
  });

  /** The DSO's assets in the core's registry, sorted: what its last list must equal. */
  const registryOf = async (dso: string): Promise<string[]> => (await repositories(db).registry.assetsOfDso(dso)).map((a) => a.assetId).sort();
  const register = async (ids: string[], cp = CP.d1a) => expect(ackOf(await messenger.deliver(assetRegistration(AGR1, ids.map((assetId) => ({ assetId, connectionPoint: cp }))))).accepted).to.equal(true);

  it('F5a: no new list while the DSO has not acknowledged the last one; changes made meanwhile arrive in the next, which equals the registry', async () => {
    core = await createCore(db, messenger, { assetListQuietMs: 30, assetListPacing: { holdFactor: 0 } });
    await messenger.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.d1a }]));
    await eventually('the first list', async () => assetListsTo(await messenger.sent(), DSO1).length === 1);

    // The first list is in flight (not acknowledged): registrations commit and are acknowledged,
    // but no list is built for DSO1, however many quiet periods pass.
    const first = [asset('IF-1'), asset('IF-2'), asset('IF-3')];
    for (const id of first) await register([id]);
    await sleep(300);
    expect(assetListsTo(await messenger.sent(), DSO1), 'one list in flight at most').to.have.length(1);

    await messenger.ackAll();
    await eventually('the list after the acknowledgement', async () => assetListsTo(await messenger.sent(), DSO1).length === 2);
    expect(assetListsTo(await messenger.sent(), DSO1).at(-1)).to.deep.equal(await registryOf(DSO1));

    // A change arriving while the second list is in flight: held back, then sent.
    await register([asset('IF-4')]);
    await sleep(200);
    expect(assetListsTo(await messenger.sent(), DSO1)).to.have.length(2);
    await messenger.ackAll();
    await eventually('the list with the change made in flight', async () => assetListsTo(await messenger.sent(), DSO1).length === 3);
    const last = assetListsTo(await messenger.sent(), DSO1).at(-1);
    expect(last).to.include(asset('IF-4'));
    expect(last, 'the mirror converges to exactly the registry').to.deep.equal(await registryOf(DSO1));
    expect(await core.flushAssetLists(), 'nothing left owed').to.equal(0);
  });

  it('F5a: while registrations keep coming a DSO is held; when they stop its complete list goes out at once', async () => {
    messenger.autoAck = true;
    // A hold of 10,000 × the round trip would last minutes: only the end of the load can lift it.
    // Quiet period 400 ms: registrations below come every few ms, so the load never pauses that long.
    core = await createCore(db, messenger, { assetListQuietMs: 400, assetListPacing: { holdFactor: 10_000 } });
    await messenger.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.d1a }]));
    await eventually('the first list', async () => assetListsTo(await messenger.sent(), DSO1).length === 1);
    await register([asset('HL-0')]);
    await eventually('the second list (no round trip measured yet)', async () => assetListsTo(await messenger.sent(), DSO1).length === 2);

    const ids: string[] = [];
    const loadUntil = Date.now() + 1_500;
    for (let k = 1; Date.now() < loadUntil; k++) {
      ids.push(asset(`HL-${k}`));
      await register([ids.at(-1)!]);
      await sleep(5);
    }
    expect(assetListsTo(await messenger.sent(), DSO1), `no list during the load (${ids.length} registrations)`).to.have.length(2);
    const stoppedAt = Date.now();
    await eventually('the final list after the load', async () => assetListsTo(await messenger.sent(), DSO1).length === 3, 5_000);
    expect(Date.now() - stoppedAt, 'sent about one quiet period after the load, not after the hold').to.be.below(3_000);
    expect(assetListsTo(await messenger.sent(), DSO1).at(-1)).to.deep.equal(await registryOf(DSO1));
  });

  it('F5a: a held DSO does not delay another DSO’s list; flushAssetLists ignores the pacing', async () => {
    core = await createCore(db, messenger, { assetListQuietMs: 30, assetListPacing: { holdFactor: 0 } });
    await messenger.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.d1a }]));
    await eventually('DSO1’s first list', async () => assetListsTo(await messenger.sent(), DSO1).length === 1);
    await register([asset('OT-1')]); // DSO1: owed, in flight
    await messenger.deliver(connectionPoints(DSO2, [{ connectionPoint: CP.d2a }]));
    await eventually('DSO2’s first list', async () => assetListsTo(await messenger.sent(), DSO2).length === 1);
    await messenger.ackAll('RECEIVED', DSO2);
    await register([asset('OT-2')], CP.d2a);
    await eventually('DSO2’s list with its asset', async () => JSON.stringify(assetListsTo(await messenger.sent(), DSO2).at(-1)) === JSON.stringify([asset('OT-2')]));
    expect(assetListsTo(await messenger.sent(), DSO1), 'DSO1 still waits for its acknowledgement').to.have.length(1);

    expect(await core.flushAssetLists(), 'the explicit flush sends the held list').to.equal(1);
    expect(assetListsTo(await messenger.sent(), DSO1).at(-1)).to.deep.equal(await registryOf(DSO1));
  });

  it('F5a: a FAILED acknowledgement ends the wait like RECEIVED; an acknowledgement that never comes stops holding after maxInFlightMs', async () => {
    core = await createCore(db, messenger, { assetListQuietMs: 30, assetListPacing: { holdFactor: 0, maxInFlightMs: 400 } });
    await messenger.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.d1a }]));
    await eventually('the first list', async () => assetListsTo(await messenger.sent(), DSO1).length === 1);
    await messenger.ackAll('FAILED');
    await register([asset('LA-1')]);
    await eventually('the list after FAILED', async () => assetListsTo(await messenger.sent(), DSO1).length === 2);

    // No acknowledgement ever: the next list goes out once the last one is maxInFlightMs old.
    const sentAt = Date.now();
    await register([asset('LA-2')]);
    await eventually('the list despite the lost acknowledgement', async () => assetListsTo(await messenger.sent(), DSO1).length === 3, 5_000);
    expect(Date.now() - sentAt).to.be.at.least(300);
    expect(assetListsTo(await messenger.sent(), DSO1).at(-1)).to.deep.equal(await registryOf(DSO1));
  });
});
