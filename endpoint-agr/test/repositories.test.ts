import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { migrate, type Database } from '../../packages/storage/src/index.js';
import { agrMigrations } from '../src/storage/migrations.js';
import { LimitRepository, type NewLimit } from '../src/storage/limit.repository.js';
import { ScheduleRepository } from '../src/storage/schedule.repository.js';
import { MessageRepository } from '../src/storage/message.repository.js';
import { AssetRepository } from '../src/storage/asset.repository.js';
import type { ScheduleView } from '../src/mapping/rest-types.js';

const A = '10XAGR-A-------5';
const B = '10XAGR-B-------Z';

const limit = (limitId: string, revision: number, o: Partial<NewLimit> = {}): NewLimit => ({
  limitId,
  revision,
  kind: 'unforeseen',
  status: 'active',
  period: { start: '2026-05-01T18:00:00Z', end: '2026-05-01T20:00:00Z' },
  expiresAt: '2026-05-01T20:00:00Z',
  receivedAt: '2026-05-01T18:00:00Z',
  reasons: [],
  signals: [],
  until: '2026-05-01T20:00:00Z',
  ...o,
});

describeEachDatabase('AGR/BRP endpoint repositories (F4b, F7a, F8b, NF3)', (dut) => {
  let db: Database;
  beforeEach(async () => {
    db = await dut.open();
    await migrate(db, 'agr', agrMigrations);
  });
  afterEach(() => db.destroy());

  it('F7a: storing a received limit revision is one statement, stored or not (issue 14, emergency path)', async () => {
    const limits = new LimitRepository(db);
    const seen: string[] = [];
    const count = (q: { sql: string }): void => void (/agr_limits/.test(q.sql) && seen.push(q.sql));
    db.on('query', count);
    try {
      expect(await db.transaction((trx) => limits.insertIfNewer(trx, A, limit('E', 1)))).to.be.a('number');
      expect(await db.transaction((trx) => limits.insertIfNewer(trx, A, limit('E', 1)))).to.equal(undefined);
    } finally {
      db.removeListener('query', count);
    }
    expect(seen, seen.join('\n')).to.have.length(2);
    expect((await limits.active(A, '2026-05-01T18:30:00Z')).map((l) => [l.limitId, l.revision])).to.deep.equal([['E', 1]]);
  });

  it('F7a: limits get increasing seqs per store, older or equal revisions are not stored, queries are per party', async () => {
    const limits = new LimitRepository(db);
    const s1 = await db.transaction((trx) => limits.insertIfNewer(trx, A, limit('L', 2)));
    expect(await db.transaction((trx) => limits.insertIfNewer(trx, A, limit('L', 2)))).to.equal(undefined);
    expect(await db.transaction((trx) => limits.insertIfNewer(trx, A, limit('L', 1)))).to.equal(undefined);
    const s2 = await db.transaction((trx) => limits.insertIfNewer(trx, B, limit('L', 1)));
    const s3 = await db.transaction((trx) => limits.insertIfNewer(trx, A, limit('M', 1, { status: 'cancelled' })));
    const s4 = await db.transaction((trx) => limits.insertIfNewer(trx, A, limit('L', 3, { expiresAt: '2026-05-01T19:00:00Z' })));
    expect(s1! < s2! && s2! < s3! && s3! < s4!).to.equal(true);
    expect(await limits.maxSeq(A)).to.equal(s4);
    expect(await limits.maxSeq('10XNOBODY------0')).to.equal(0);
    expect((await limits.active(A, '2026-05-01T18:30:00Z')).map((l) => [l.limitId, l.revision])).to.deep.equal([['L', 3]]);
    expect(await limits.active(A, '2026-05-01T19:00:00Z')).to.deep.equal([]);
    expect((await limits.after(A, s1!, '2026-05-01T18:30:00Z')).map((l) => l.seq)).to.deep.equal([s3, s4]);
    expect((await limits.after(A, 0, '2026-05-01T18:30:00Z', { upTo: s3! })).map((l) => l.seq)).to.deep.equal([s1, s3]);
    expect((await limits.receivedBetween(B, '2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z')).map((l) => l.seq)).to.deep.equal([s2]);
    // The long-poll read: the head the cursor moves to, and what is new and not expired.
    const since = async (party: string, after: number, now: string) => {
      const r = await limits.since(party, after, now);
      return [r.head, r.items.map((l) => l.seq)];
    };
    expect(await since(A, 0, '2026-05-01T18:30:00Z')).to.deep.equal([s4, [s1, s3, s4]]);
    expect(await since(A, s1!, '2026-05-01T18:30:00Z')).to.deep.equal([s4, [s3, s4]]);
    expect(await since(A, s3!, '2026-05-01T19:30:00Z'), 'past an expired revision: the head moves, nothing returned').to.deep.equal([s4, []]);
    expect(await since(A, s4!, '2026-05-01T18:30:00Z')).to.deep.equal([s4, []]);
    expect(await since('10XNOBODY------0', 0, '2026-05-01T18:30:00Z')).to.deep.equal([0, []]);
  });

  it('F8b: a schedule revision only replaces the revision it was read at', async () => {
    const schedules = new ScheduleRepository(db);
    const v: ScheduleView = { scheduleId: 'sch-1', revision: 1, status: 'active', period: { start: '2026-05-02T10:00:00Z', end: '2026-05-02T11:00:00Z' }, assets: [], messageId: 'm1', outcome: 'PENDING', reasons: [], updatedAt: '2026-05-01T08:00:00Z' };
    await db.transaction((trx) => schedules.insert(trx, A, v));
    expect(await db.transaction((trx) => schedules.advance(trx, A, 1, { ...v, revision: 2, messageId: 'm2' }))).to.equal(true);
    expect(await db.transaction((trx) => schedules.advance(trx, A, 1, { ...v, revision: 3 }))).to.equal(false);
    expect(await db.transaction((trx) => schedules.advance(trx, B, 2, { ...v, revision: 3 }))).to.equal(false);
    await db.transaction(async (trx) => {
      let err: unknown;
      await schedules.advance(trx, A, 2, { ...v, revision: 2 }).catch((e) => (err = e));
      expect(err).to.be.instanceOf(RangeError);
    });
    expect(await schedules.get(A, 'sch-1')).to.deep.include({ revision: 2, messageId: 'm2' });
    expect(await schedules.get(B, 'sch-1')).to.equal(undefined);
    expect(await db.transaction((trx) => schedules.applyOutcome(trx, A, 'sch-1', 1, 'ACCEPTED', []))).to.equal(0);
  });

  it('NF3: messages and assets are found only for their own party; an acknowledgement matches mRID and revision', async () => {
    const messages = new MessageRepository(db);
    const assets = new AssetRepository(db);
    await db.transaction(async (trx) => {
      await messages.record(trx, { messageId: 'm1', party: A, businessType: 'schedule', documentId: 'sch-1', revision: 1, sentAt: '2026-05-01T08:00:00Z' });
      await messages.record(trx, { messageId: 'm2', party: A, businessType: 'schedule', documentId: 'sch-1', revision: 2, sentAt: '2026-05-01T08:01:00Z' });
      const input = { assetId: '11WAGR-A-PV-1--T', connectionPointId: '571313000000000013', produces: true, consumes: false, maxProductionW: 9_007_199_254_740_991, maxConsumptionW: 0, name: 'PV' };
      await assets.save(trx, A, [input], 'register', { messageId: 'm0', documentId: 'reg-1', at: '2026-05-01T08:00:00Z' });
    });
    expect(await messages.find(B, 'm1')).to.equal(undefined);
    const acked = await db.transaction((trx) => messages.acknowledge(trx, { party: A, documentId: 'sch-1', revision: 1, outcome: 'REJECTED', reasons: [{ code: 'A02' }], at: '2026-05-01T08:02:00Z' }));
    expect(acked?.messageId).to.equal('m1');
    expect(await messages.find(A, 'm2')).to.deep.include({ outcome: 'PENDING' });
    expect(await messages.find(A, 'm1')).to.deep.include({ outcome: 'REJECTED', ackAt: '2026-05-01T08:02:00Z' });
    expect((await assets.get(A, '11WAGR-A-PV-1--T'))?.maxProductionW).to.equal(9_007_199_254_740_991);
    expect(await assets.get(B, '11WAGR-A-PV-1--T')).to.equal(undefined);
    await db.transaction((trx) => assets.applyOutcome(trx, A, 'reg-1', 'REJECTED', []));
    expect(await assets.list(A)).to.deep.equal([]);
  });
  it('F8b: an acknowledgement updates its message in one statement — the latest revision when none is named; another party\'s or an unknown document is not touched (issue 14)', async () => {
    const messages = new MessageRepository(db);
    await db.transaction(async (trx) => {
      await messages.record(trx, { messageId: 'm1', party: A, businessType: 'schedule', documentId: 'sch-1', revision: 1, sentAt: '2026-05-01T08:00:00Z' });
      await messages.record(trx, { messageId: 'm2', party: A, businessType: 'schedule', documentId: 'sch-1', revision: 2, sentAt: '2026-05-01T08:01:00Z' });
    });
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', onQuery);
    const acked = await db.transaction((trx) => messages.acknowledge(trx, { party: A, documentId: 'sch-1', outcome: 'ACCEPTED', reasons: [], at: '2026-05-01T08:02:00Z' }));
    db.off('query', onQuery);
    expect(statements.filter((s) => /agr_messages/.test(s)), 'statements on agr_messages').to.have.length(1);
    expect(acked).to.deep.include({ messageId: 'm2', revision: 2, outcome: 'ACCEPTED', ackAt: '2026-05-01T08:02:00Z' });
    expect(await messages.find(A, 'm1')).to.deep.include({ outcome: 'PENDING' });
    expect(await db.transaction((trx) => messages.acknowledge(trx, { party: B, documentId: 'sch-1', outcome: 'REJECTED', reasons: [], at: '2026-05-01T08:03:00Z' }))).to.equal(undefined);
    expect(await db.transaction((trx) => messages.acknowledge(trx, { party: A, documentId: 'sch-9', outcome: 'REJECTED', reasons: [], at: '2026-05-01T08:03:00Z' }))).to.equal(undefined);
    expect(await messages.find(A, 'm2')).to.deep.include({ outcome: 'ACCEPTED', ackAt: '2026-05-01T08:02:00Z' });
  });
});
