import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { migrate, type Database } from '../../packages/storage/src/index.js';
import { dsoMigrations } from '../src/storage/migrations.js';
import { AssetMirrorRepository, type MirroredAsset } from '../src/storage/asset-mirror.repository.js';
import { LimitRepository } from '../src/storage/limit.repository.js';
import { ScheduleRepository } from '../src/storage/schedule.repository.js';
import { SentDocumentRepository } from '../src/storage/sent-document.repository.js';

const A = '10XDSO-A-------L';
const asset = (id: string, over: Partial<MirroredAsset> = {}): MirroredAsset => ({ assetId: id, connectionPoint: '571313100000000019', produces: true, consumes: false, maxProductionW: 10_000_000_000_123, maxConsumptionW: 0, ...over });

describeEachDatabase('DSO endpoint repositories: asset mirror, schedules, limits (F5b, F6b, F9b)', (dut) => {
  let db: Database;
  beforeEach(async () => {
    db = await dut.open();
    await migrate(db, 'dso', dsoMigrations);
  });
  afterEach(() => db.destroy());

  it('F5b: diffs full lists into numbered changes; new/changed/removed relative to a reader\'s position', async () => {
    const repo = new AssetMirrorRepository();
    expect(await db.transaction((t) => repo.applySnapshot(t, A, '2026-03-01T10:00:00Z', [asset('a'), asset('b')], 'x'))).to.equal(2);
    expect(await db.transaction((t) => repo.applySnapshot(t, A, '2026-03-01T10:01:00Z', [asset('a', { maxProductionW: 1 }), asset('c')], 'x'))).to.equal(3);
    const fromStart = await repo.changesAfter(db, A, 0);
    expect(fromStart.changes.map((c) => [c.change, c.asset.assetId])).to.deep.equal([['new', 'a'], ['new', 'c']]);
    expect(fromStart.position).to.equal(5);
    const fromTwo = await repo.changesAfter(db, A, 2);
    expect(fromTwo.changes.map((c) => [c.change, c.asset.assetId])).to.deep.equal([['changed', 'a'], ['new', 'c'], ['removed', 'b']]);
    expect((await repo.current(db, A)).assets.map((a) => [a.assetId, a.maxProductionW])).to.deep.equal([['a', 1], ['c', 10_000_000_000_123]]);
    expect(await db.transaction((t) => repo.applySnapshot(t, A, '2026-03-01T09:00:00Z', [], 'x'))).to.equal(0);
    expect((await repo.changesAfter(db, 'other-dso', 0)).changes).to.deep.equal([]);
  });

  it('F5b: a 1,000-asset list is applied in few statements with the numbering of one change per asset (issue 14)', async () => {
    const repo = new AssetMirrorRepository();
    const ids = Array.from({ length: 1_000 }, (_, i) => `x${String(i).padStart(4, '0')}`);
    let statements = 0;
    const count = (): void => {
      statements++;
    };
    db.on('query', count);
    try {
      expect(await db.transaction((t) => repo.applySnapshot(t, A, '2026-03-01T10:00:00Z', ids.map((id) => asset(id)), 'x'))).to.equal(1_000);
    } finally {
      db.removeListener('query', count);
    }
    // Per asset it was two statements (a sequence number, an insert): ≥ 2,000.
    expect(statements, 'statements for a 1,000-asset first list').to.be.below(40);
    const all = await repo.changesAfter(db, A, 0);
    expect(all.changes.map((c) => c.sequence)).to.deep.equal(ids.map((_, i) => i + 1));
    expect(all.changes.every((c) => c.change === 'new')).to.equal(true);
    // Next list: first asset changed, last one dropped, one new: numbered 1001 (changed), 1002 (new), 1003 (removed).
    const next = [asset(ids[0]!, { maxProductionW: 7 }), ...ids.slice(1, -1).map((id) => asset(id)), asset('y0000')];
    expect(await db.transaction((t) => repo.applySnapshot(t, A, '2026-03-01T10:01:00Z', next, 'x'))).to.equal(3);
    const delta = await repo.changesAfter(db, A, 1_000);
    expect(delta.changes.map((c) => [c.sequence, c.change, c.asset.assetId])).to.deep.equal([
      [1001, 'changed', ids[0]],
      [1002, 'new', 'y0000'],
      [1003, 'removed', ids[999]],
    ]);
    expect((await repo.current(db, A)).assets).to.have.length(1_000);
    expect((await repo.current(db, A)).sequence).to.equal(1003);
  });

  it('F9b: schedules in force take the highest revision per series and leave cancelled series out', async () => {
    const repo = new ScheduleRepository();
    const s = (rev: number, cancelled: boolean, v: number) =>
      db.transaction((t) =>
        repo.store(t, A, { scheduleId: 'GL-1', revision: rev }, [cancelled ? { seriesId: 'S1', assetId: 'a', cancelled } : { seriesId: 'S1', assetId: 'a', cancelled, resolution: 'PT60M', interval: { start: '2026-03-01T06:00:00Z', end: '2026-03-01T07:00:00Z' }, valuesW: [v] }], 'x'),
      );
    await s(2, false, 2);
    await s(1, false, 1); // late, older revision
    expect((await repo.current(db, A, {})).map((x) => x.valuesW)).to.deep.equal([[2]]);
    await s(3, true, 0);
    expect(await repo.current(db, A, {})).to.deep.equal([]);
    expect((await repo.receivedAfter(db, A, 1)).map((x) => x.sequence)).to.deep.equal([2, 3]);
  });

  it('F6b: a split is kept per revision, first report wins, and only for a known limit', async () => {
    const repo = new LimitRepository();
    await db.transaction((t) => repo.saveRevision(t, A, { limitId: 'L1', kind: 'foreseen', revision: 1, status: 'active' }, 'm1', { request: {} }, 'x'));
    const split = { revision: 1, policy: 'waterfill', metrics: { jainIndexMin: 1 }, grants: [], receivedAt: 'x' };
    expect(await db.transaction((t) => repo.saveSplit(t, A, 'L1', split))).to.equal(true);
    await db.transaction((t) => repo.saveSplit(t, A, 'L1', { ...split, policy: 'equal' }));
    expect((await repo.split(db, A, 'L1'))!.policy).to.equal('waterfill');
    expect(await db.transaction((t) => repo.saveSplit(t, A, 'nope', split))).to.equal(false);
    expect(await repo.get(db, 'other-dso', 'L1')).to.equal(undefined);
  });
  it('F6b: a new limit\'s head is claimed once; a second claim writes nothing and the revision moves the head (issue 14)', async () => {
    const repo = new LimitRepository();
    const head = { limitId: 'U1', kind: 'unforeseen' as const, revision: 1, status: 'active' as const };
    expect(await db.transaction((t) => repo.claimNew(t, A, head, 't1'))).to.equal(true);
    expect(await db.transaction((t) => repo.claimNew(t, A, { ...head, revision: 5 }, 't2'))).to.equal(false);
    expect(await repo.get(db, A, 'U1')).to.deep.include({ revision: 1, createdAt: 't1', updatedAt: 't1' });
    // Another DSO's limit of the same id is its own.
    expect(await db.transaction((t) => repo.claimNew(t, 'other-dso', head, 't3'))).to.equal(true);
    await db.transaction((t) => repo.saveRevision(t, A, head, 'm1', { request: {} }, 't1', true));
    await db.transaction((t) => repo.saveRevision(t, A, { ...head, revision: 2, status: 'cancelled' }, 'm2', { request: {} }, 't4'));
    expect(await repo.get(db, A, 'U1')).to.deep.include({ revision: 2, status: 'cancelled', createdAt: 't1', updatedAt: 't4' });
    expect((await repo.revisions(db, A, 'U1')).map((r) => [r.revision, r.messageId])).to.deep.equal([[1, 'm1'], [2, 'm2']]);
  });

  it('F6b, NF3: the core\'s first answer to the latest document with that mRID and revision wins; unknown and other DSOs\' documents are untouched', async () => {
    const repo = new SentDocumentRepository();
    const sent = (messageId: string, dso: string, revision: number, sentAt: string) =>
      repo.record(db, { messageId, dso, businessType: 'capacity-limit', documentMrid: 'L1', revision, sentAt });
    await sent('m1', A, 1, '2026-03-01T10:00:00Z');
    await sent('m2', A, 1, '2026-03-01T10:00:01Z'); // the same revision sent again later
    await sent('m3', 'other-dso', 1, '2026-03-01T10:00:02Z');
    const ack = (accepted: boolean, revisionNumber?: number) =>
      db.transaction((t) => repo.acknowledge(t, A, { mRID: 'L1', ...(revisionNumber !== undefined ? { revisionNumber } : {}) }, accepted, [{ code: accepted ? 'A01' : 'A02' }], accepted ? 'a1' : 'a2'));
    const seen: string[] = [];
    const count = (q: { sql: string }): void => void (/dso_sent_documents/.test(q.sql) && seen.push(q.sql));
    db.on('query', count);
    try {
      expect(await ack(true, 1)).to.deep.include({ messageId: 'm2', ackState: 'accepted', ackedAt: 'a1', ackReasons: [{ code: 'A01' }] });
    } finally {
      db.removeListener('query', count);
    }
    expect(seen, 'a first answer is one statement (issue 14)').to.have.length(1);
    // A late duplicate never flips the outcome; it reads the stored answer.
    expect(await ack(false, 1)).to.deep.include({ messageId: 'm2', ackState: 'accepted', ackedAt: 'a1' });
    expect(await ack(false)).to.deep.include({ messageId: 'm2', ackState: 'accepted' });
    expect(await ack(true, 2)).to.equal(undefined);
    expect((await repo.find(db, A, 'm1'))!.ackState).to.equal('pending');
    expect((await repo.find(db, 'other-dso', 'm3'))!.ackState).to.equal('pending');
  });
});
