// The page staging of paged asset-list snapshots (issue 14) on SQLite and PostgreSQL: a snapshot
// completes exactly once, also when its pages are handled in concurrent transactions.
import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { migrate, type Database } from '../../packages/storage/src/index.js';
import { dsoMigrations } from '../src/storage/migrations.js';
import type { MirroredAsset } from '../src/storage/asset-mirror.repository.js';
import { AssetListPageRepository, type SnapshotPage } from '../src/storage/asset-list-pages.repository.js';

const A = '10XDSO-A-------L';
const asset = (id: string): MirroredAsset => ({ assetId: id, connectionPoint: '571313100000000019', produces: true, consumes: false, maxProductionW: 1_000, maxConsumptionW: 0 });
const page = (n: number, of: number, mrid = 'AL-1', created = '2026-03-01T10:00:00Z'): SnapshotPage => ({ created, mrid, page: n, pageCount: of });

describeEachDatabase('DSO endpoint: staging of paged asset-list snapshots (F5b, issue 14)', (dut) => {
  let db: Database;
  const repo = new AssetListPageRepository();
  beforeEach(async () => {
    db = await dut.open();
    await migrate(db, 'dso', dsoMigrations);
  });
  afterEach(() => db.destroy());

  it('F5b: the last missing page returns the whole snapshot in page order; a repeated page is stored once', async () => {
    expect((await db.transaction((t) => repo.receive(t, A, page(2, 3), [asset('d'), asset('e')], 'x'))).kind).to.equal('staged');
    expect((await db.transaction((t) => repo.receive(t, A, page(2, 3), [asset('d'), asset('e')], 'x'))).kind).to.equal('staged');
    expect((await db.transaction((t) => repo.receive(t, A, page(1, 3), [asset('a'), asset('b')], 'x'))).kind).to.equal('staged');
    const done = await db.transaction((t) => repo.receive(t, A, page(3, 3), [asset('f')], 'x'));
    expect(done.kind).to.equal('complete');
    expect(done.kind === 'complete' && done.assets.map((a) => a.assetId)).to.deep.equal(['a', 'b', 'd', 'e', 'f']);
  });

  it('F5b: pages whose assets overlap are not applied', async () => {
    await db.transaction((t) => repo.receive(t, A, page(1, 2), [asset('a')], 'x'));
    expect((await db.transaction((t) => repo.receive(t, A, page(2, 2), [asset('a')], 'x'))).kind).to.equal('inconsistent');
  });

  it('F5b: a page handled while another page of its snapshot is still uncommitted still completes the snapshot', async () => {
    // Without a per-DSO lock the second transaction would count one page (the first is not yet
    // committed), stage itself, and the snapshot would never complete.
    const first = await db.transaction();
    expect((await repo.receive(first, A, page(1, 2), [asset('a')], 'x')).kind).to.equal('staged');
    const second = db.transaction((t) => repo.receive(t, A, page(2, 2), [asset('b')], 'x'));
    await new Promise((r) => setTimeout(r, 200));
    await first.commit();
    const outcome = await second;
    expect(outcome.kind).to.equal('complete');
    expect(outcome.kind === 'complete' && outcome.assets.map((a) => a.assetId)).to.deep.equal(['a', 'b']);
  });
});
