import { expect } from 'chai';
import { describeEachDatabase } from '../../testing/src/index.js';
import { migrate, type Database } from '../../storage/src/index.js';
import { BufferedCursors, CursorRepository, restMigrations } from './index.js';

describeEachDatabase('REST kit: read cursors written in batches (F7a, F9b wait-for-new; issue 14)', (dut) => {
  let db: Database;
  beforeEach(async () => {
    db = await dut.open();
    await migrate(db, 'rest', restMigrations);
  });
  afterEach(() => db.destroy());

  it('F7a: many cursor moves become one write, visible at once in memory and durable after it', async () => {
    const cursors = new BufferedCursors(db);
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', onQuery);
    for (let i = 0; i < 1_200; i++) cursors.advance(i + 1, `c${i}`, 'limits', 100 + i);
    // Not written yet, but this process already answers from memory.
    expect(await cursors.position(7, 'c6', 'limits')).to.equal(106);
    await cursors.flush();
    db.off('query', onQuery);
    const upserts = statements.filter((s) => /^insert into .read_cursors./i.test(s));
    expect(upserts, 'one statement per 500 cursors').to.have.length(3);
    // A fresh reader (another replica, a restart) sees the stored positions.
    const stored = new CursorRepository(db);
    expect(await stored.position(1, 'c0', 'limits')).to.equal(100);
    expect(await stored.position(1_200, 'c1199', 'limits')).to.equal(1_299);
    expect((await db('read_cursors').count({ n: '*' }).first())!.n).to.satisfy((n: unknown) => Number(n) === 1_200);
  });

  it('F7a: a cursor never moves back, whether the older position is queued or stored', async () => {
    const cursors = new BufferedCursors(db);
    cursors.advance(1, 'default', 'limits', 9);
    cursors.advance(1, 'default', 'limits', 4); // queued after a newer one
    await cursors.flush();
    expect(await new CursorRepository(db).position(1, 'default', 'limits')).to.equal(9);
    const late = new BufferedCursors(db); // e.g. another replica with a stale answer
    late.advance(1, 'default', 'limits', 5);
    await late.flush();
    expect(await new CursorRepository(db).position(1, 'default', 'limits')).to.equal(9);
    cursors.advance(1, 'default', 'limits', 12);
    await cursors.flush();
    expect(await late.position(1, 'default', 'limits')).to.equal(12);
  });

  it('F7a: a failed write keeps the moves and stores them on the retry', async () => {
    const errors: unknown[] = [];
    const cursors = new BufferedCursors(db, (err) => errors.push(err));
    await db.schema.renameTable('read_cursors', 'read_cursors_away');
    cursors.advance(3, 'default', 'limits', 42);
    await cursors.flush();
    expect(errors).to.have.length(1);
    expect(await cursors.position(3, 'default', 'limits').catch(() => 'store away')).to.equal('store away');
    await db.schema.renameTable('read_cursors_away', 'read_cursors');
    expect(await cursors.position(3, 'default', 'limits')).to.equal(42); // still authoritative in memory
    await cursors.flush();
    expect(await new CursorRepository(db).position(3, 'default', 'limits')).to.equal(42);
    await cursors.close();
  });

  it('F7a: positions asked for in one turn are one query per token, each caller gets its own row', async () => {
    const cursors = new BufferedCursors(db);
    cursors.advance(1, 'a', 'limits', 5);
    cursors.advance(1, 'b', 'limits', 6);
    cursors.advance(2, 'a', 'limits', 7);
    cursors.advance(1, 'a', 'events', 8);
    await cursors.flush();
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', onQuery);
    const asked = await Promise.all([
      cursors.position(1, 'a', 'limits'),
      cursors.position(1, 'b', 'limits'),
      cursors.position(1, 'a', 'limits'), // the same cursor twice
      cursors.position(1, 'none', 'limits'),
      cursors.position(2, 'a', 'limits'),
      cursors.position(1, 'a', 'events'),
      cursors.position(3, 'a', 'limits'),
    ]);
    db.off('query', onQuery);
    expect(asked).to.deep.equal([5, 6, 5, 0, 7, 8, 0]);
    expect(statements.filter((s) => /^select .* from .read_cursors./i.test(s)), 'one per token and stream').to.have.length(4);
  });

  it('F7a: a large turn is read in chunks that stay under the parameter limits', async () => {
    const cursors = new BufferedCursors(db);
    for (let i = 0; i < 1_200; i += 2) cursors.advance(4, `c${i}`, 'limits', 1_000 + i);
    await cursors.flush();
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', onQuery);
    const asked = await Promise.all(Array.from({ length: 1_200 }, (_, i) => cursors.position(4, `c${i}`, 'limits')));
    db.off('query', onQuery);
    expect(asked).to.deep.equal(Array.from({ length: 1_200 }, (_, i) => (i % 2 === 0 ? 1_000 + i : 0)));
    expect(statements.filter((s) => /^select .* from .read_cursors./i.test(s)), '500 clients per query').to.have.length(3);
  });

  it('F7a: a batched read still sees a move queued or being written but not yet stored (read-your-writes)', async () => {
    const cursors = new BufferedCursors(db);
    cursors.advance(5, 'default', 'limits', 3);
    await cursors.flush();
    cursors.advance(5, 'default', 'limits', 9); // queued, not written
    const queued = cursors.position(5, 'default', 'limits');
    const other = cursors.position(5, 'other', 'limits');
    expect(await queued).to.equal(9);
    expect(await other).to.equal(0);
    cursors.advance(5, 'default', 'limits', 11);
    const writing = cursors.flush(); // the write is in flight while the read runs
    expect(await cursors.position(5, 'default', 'limits')).to.equal(11);
    await writing;
    expect(await new CursorRepository(db).position(5, 'default', 'limits')).to.equal(11);
  });

  it('F7a: a failed batched read rejects its callers only; the next turn reads again', async () => {
    const cursors = new BufferedCursors(db);
    cursors.advance(6, 'default', 'limits', 4);
    await cursors.flush();
    await db.schema.renameTable('read_cursors', 'read_cursors_away');
    const failed = await Promise.allSettled([cursors.position(6, 'default', 'limits'), cursors.position(6, 'x', 'limits'), cursors.position(7, 'default', 'limits')]);
    expect(failed.map((o) => o.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    await db.schema.renameTable('read_cursors_away', 'read_cursors');
    expect(await cursors.position(6, 'default', 'limits')).to.equal(4);
  });
});
