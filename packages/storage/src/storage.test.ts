import { expect } from 'chai';
import { migrate, fromJson, toJson, toSafeInt, type Database, type MigrationSet } from './index.js';
import { describeEachDatabase } from '../../testing/src/index.js';

const migrations: MigrationSet = {
  '0001-items': {
    up: (db) =>
      db.schema.createTable('items', (t) => {
        t.string('id').primary();
        t.bigInteger('watts').notNullable();
        t.text('payload').notNullable();
      }),
  },
  '0002-index': { up: (db) => db.schema.alterTable('items', (t) => t.index(['watts'])) },
};

describeEachDatabase('storage: migrations, transactions, exact integers (foundation)', (dut) => {
  let db: Database;
  beforeEach(async () => {
    db = await dut.open();
    await migrate(db, 'test', migrations);
  });
  afterEach(() => db.destroy());

  it('applies migrations once and is idempotent on re-run', async () => {
    await migrate(db, 'test', migrations);
    const rows = await db('migrations_test').select('name').orderBy('name');
    expect(rows.map((r) => r.name)).to.deep.equal(['0001-items', '0002-index']);
  });

  it('keeps watt values beyond 2^31 exact', async () => {
    await db('items').insert({ id: 'a', watts: 10_000_000_000_123, payload: toJson({ x: 1 }) });
    const row = await db('items').where({ id: 'a' }).first();
    expect(toSafeInt(row.watts)).to.equal(10_000_000_000_123);
    expect(fromJson<{ x: number }>(row.payload)).to.deep.equal({ x: 1 });
  });

  it('rolls back a failed transaction completely', async () => {
    await db('items').insert({ id: 'keep', watts: 1, payload: '{}' });
    try {
      await db.transaction(async (trx) => {
        await trx('items').insert({ id: 'new', watts: 2, payload: '{}' });
        await trx('items').insert({ id: 'keep', watts: 3, payload: '{}' }); // primary key clash
      });
      expect.fail('the transaction should have failed');
    } catch (err) {
      expect(String(err)).to.match(/UNIQUE|duplicate key/i);
    }
    const ids = (await db('items').select('id')).map((r) => r.id);
    expect(ids).to.deep.equal(['keep']);
  });
});
