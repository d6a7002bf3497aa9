// Paged asset lists (issue 14): a DSO's complete list is cut into pages of at most the page size,
// ordered by asset id, same mRID and createdDateTime, all pages in one outbox transaction; a list
// that fits one page has no page fields; no page ever holds another DSO's asset (NF3).
import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import type { OutgoingDocument } from '../../packages/runtime/src/index.js';
import type { AssetListDocument } from '../src/outgoing/wire.js';
import { createCore, type Core } from '../src/core.js';
import { RecordingMessenger, type SentDocument } from './recording-messenger.js';
import { AGR1, AGR2, CP, DSO1, DSO2, TPS, ackOf, asset, assetRegistration, connectionPoints, parsed, statusRequest } from './fixtures.js';

const PAGE_SIZE = 3;
const LONG_QUIET_MS = 60_000;

function listsTo(sent: readonly SentDocument[], dso: string): AssetListDocument[] {
  return sent
    .filter((s) => s.businessType === 'asset-list' && s.receiver === dso)
    .map((s) => {
      const p = parsed(s);
      if (p.kind !== 'asset-list') throw new Error('not an asset list');
      return p.document;
    });
}

/** A messenger whose n-th asset-list send fails (0 = never): proves the pages share one transaction. */
class FailingMessenger extends RecordingMessenger {
  private failAtAssetList = 0;
  private assetLists = 0;
  /** The n-th asset-list send from now fails (0: none does). */
  failAt(n: number): void {
    this.failAtAssetList = n;
    this.assetLists = 0;
  }
  override async sendToParty(trx: Knex.Transaction, receiverParty: string, doc: OutgoingDocument): Promise<string> {
    if (doc.businessType === 'asset-list' && ++this.assetLists === this.failAtAssetList) throw new Error('outbox write failed (test)');
    return super.sendToParty(trx, receiverParty, doc);
  }
}

describeEachDatabase('TPS core: paged asset lists (F5a, NF3, issue 14)', (dut) => {
  let db: Knex;
  let messenger: FailingMessenger;
  let core: Core | undefined;
  const d1 = Array.from({ length: 8 }, (_, k) => asset(`PG1${k}`));
  const d2 = [asset('PG2A'), asset('PG2B')];

  beforeEach(async () => {
    db = await dut.open();
    messenger = await new FailingMessenger(db, [TPS]).install();
    core = await createCore(db, messenger, { assetListQuietMs: LONG_QUIET_MS, assetListPageSize: PAGE_SIZE, onBackgroundError: () => undefined });
    expect(ackOf(await messenger.deliver(connectionPoints(DSO1, [{ connectionPoint: CP.d1a }, { connectionPoint: CP.d1b }]))).accepted).to.equal(true);
    expect(ackOf(await messenger.deliver(connectionPoints(DSO2, [{ connectionPoint: CP.d2a }]))).accepted).to.equal(true);
    // Interleaved owners and DSOs, so a page cut by position alone would mix them.
    const entries = [...d1.map((assetId, k) => ({ assetId, connectionPoint: k % 2 ? CP.d1a : CP.d1b })), ...d2.map((assetId) => ({ assetId, connectionPoint: CP.d2a }))];
    expect(ackOf(await messenger.deliver(assetRegistration(AGR1, entries.filter((_, k) => k % 2 === 0)))).accepted).to.equal(true);
    expect(ackOf(await messenger.deliver(assetRegistration(AGR2, entries.filter((_, k) => k % 2 === 1)))).accepted).to.equal(true);
    await core.flushAssetLists();
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    await db.destroy();
  });

  it('F5a, NF3: 8 assets with page size 3 → pages 1..3 of 3, same mRID and createdDateTime, in asset-id order, only the DSO\'s own assets', async () => {
    const lists = listsTo(await messenger.sent(), DSO1);
    const last = lists.slice(-3);
    expect(last.map((l) => l.paging)).to.deep.equal([
      { page: 1, pageCount: 3 },
      { page: 2, pageCount: 3 },
      { page: 3, pageCount: 3 },
    ]);
    expect(new Set(last.map((l) => `${l.mRID} ${l.createdDateTime}`)).size).to.equal(1);
    expect(last.map((l) => l.assets.length)).to.deep.equal([3, 3, 2]);
    const ids = last.flatMap((l) => l.assets.map((a) => a.assetId));
    expect(ids, 'the pages together are the complete list, each asset once, ordered').to.deep.equal([...d1].sort());
    for (const l of lists) for (const a of l.assets) expect(d1, 'NF3: never another DSO\'s asset').to.include(a.assetId);
  });

  it('F5a: a list that fits one page carries no page fields (the document sent before paging existed)', async () => {
    const lists = listsTo(await messenger.sent(), DSO2);
    expect(lists.at(-1)!.paging).to.equal(undefined);
    expect(lists.at(-1)!.assets.map((a) => a.assetId).sort()).to.deep.equal([...d2].sort());
  });

  it('F5a: all pages are written in one transaction — a failure at the last page leaves no page in the outbox and the DSO still owed its list', async () => {
    const before = (await messenger.sent()).length;
    expect(ackOf(await messenger.deliver(assetRegistration(AGR1, [{ assetId: asset('PG1X'), connectionPoint: CP.d1a }]))).accepted).to.equal(true);
    messenger.failAt(3); // page 3 of DSO1's next list
    await core!.flushAssetLists();
    const sentNow = (await messenger.sent()).slice(before);
    expect(listsTo(sentNow, DSO1), 'no page of the failed snapshot committed').to.deep.equal([]);
    messenger.failAt(0);
    await core!.flushAssetLists();
    const retried = listsTo((await messenger.sent()).slice(before), DSO1);
    expect(retried.map((l) => l.paging?.page)).to.deep.equal([1, 2, 3]);
    expect(retried.flatMap((l) => l.assets.map((a) => a.assetId))).to.deep.equal([...d1, asset('PG1X')].sort());
  });

  it('F5a, NF3: a StatusRequest for the asset list is answered in pages under the request\'s mRID', async () => {
    const before = (await messenger.sent()).length;
    await messenger.deliver(statusRequest(DSO1, 'asset-list', [], 'req-paged-1'));
    const answer = listsTo((await messenger.sent()).slice(before), DSO1);
    expect(answer.map((l) => [l.mRID, l.paging?.page, l.paging?.pageCount])).to.deep.equal([
      ['req-paged-1', 1, 3],
      ['req-paged-1', 2, 3],
      ['req-paged-1', 3, 3],
    ]);
    expect(answer.flatMap((l) => l.assets.map((a) => a.assetId))).to.deep.equal([...d1].sort());
  });
});
