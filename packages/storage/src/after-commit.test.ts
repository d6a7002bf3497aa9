// "After the commit" is after the OUTERMOST commit (F1: a message or a wake-up never leaves for a
// write that may still roll back; F5/F6: a woken reader finds what woke it). A handler runs in a
// savepoint; its release is not a commit.
import { expect } from 'chai';
import { afterCommit, whenCommitted, type Database } from './index.js';
import { describeEachDatabase } from '../../testing/src/index.js';

describeEachDatabase('storage: afterCommit waits for the outermost commit (F1, F5, F6)', (dut) => {
  let db: Database;
  beforeEach(async () => {
    db = await dut.open();
    await db.schema.dropTableIfExists('after_commit_items');
    await db.schema.createTable('after_commit_items', (t) => t.string('id').primary());
  });
  afterEach(async () => {
    await db.schema.dropTableIfExists('after_commit_items');
    await db.destroy();
  });

  it('F1: a callback registered inside a savepoint runs only after the outer transaction committed, and then sees the row', async () => {
    const events: string[] = [];
    let seen: unknown;
    await db.transaction(async (outer) => {
      await outer.transaction(async (sp) => {
        await sp('after_commit_items').insert({ id: 'a' });
        afterCommit(sp, () => {
          events.push('callback');
          // On PostgreSQL this is another connection: it sees the row only once it is committed.
          void db('after_commit_items').where({ id: 'a' }).first().then((r) => (seen = r));
        });
      });
      events.push('savepoint released');
      await new Promise((r) => setTimeout(r, 30));
      events.push('outer still open');
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(events).to.deep.equal(['savepoint released', 'outer still open', 'callback']);
    expect(seen).to.deep.include({ id: 'a' });
  });

  it('F1: no callback when the outer transaction rolls back after the savepoint was released; whenCommitted rejects', async () => {
    let called = false;
    let committed: Promise<unknown> | undefined;
    await db
      .transaction(async (outer) => {
        await outer.transaction(async (sp) => {
          await sp('after_commit_items').insert({ id: 'b' });
          afterCommit(sp, () => (called = true));
          committed = whenCommitted(sp);
          committed.catch(() => undefined);
        });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 30));
    expect(called).to.equal(false);
    let rejected = false;
    await committed!.catch(() => (rejected = true));
    expect(rejected).to.equal(true);
    expect(await db('after_commit_items').where({ id: 'b' }).first()).to.equal(undefined);
  });
});
