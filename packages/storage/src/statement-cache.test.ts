import { expect } from 'chai';
import BetterSqlite3 from 'better-sqlite3';
import { cachePreparedStatements } from './statement-cache.js';
import { openDatabase } from './database.js';

describe('storage: prepared statements cached per SQLite connection (issue 14)', () => {
  it('prepares each SQL text once, and a reused statement reads the current rows', () => {
    const conn = new BetterSqlite3(':memory:');
    const stats = cachePreparedStatements(conn, 10);
    conn.prepare('create table t (id integer primary key, v text)').run();
    const insert = conn.prepare('insert into t (v) values (?)');
    expect(conn.prepare('insert into t (v) values (?)')).to.equal(insert);
    insert.run('a');
    const count = () => (conn.prepare('select count(*) as n from t').get() as { n: number }).n;
    expect(count()).to.equal(1);
    insert.run('b');
    expect(count()).to.equal(2);
    expect(stats).to.include({ size: 3, misses: 3, hits: 2 });
    conn.close();
  });

  it('stays within its bound (least recently used dropped) and still answers right after eviction', () => {
    const conn = new BetterSqlite3(':memory:');
    const stats = cachePreparedStatements(conn, 5);
    const pick = (k: number) => (conn.prepare(`select ${k} as k`).get() as { k: number }).k;
    for (let k = 0; k < 20; k++) expect(pick(k)).to.equal(k);
    expect(stats.size).to.equal(5);
    expect(pick(19)).to.equal(19); // still cached: a hit
    expect(pick(0)).to.equal(0); // dropped long ago: prepared again
    expect(stats).to.include({ hits: 1, misses: 21 });
    conn.close();
  });

  it('keeps better-sqlite3\'s own helpers apart: a pragma does not leave a plucking statement behind', () => {
    const conn = new BetterSqlite3(':memory:');
    cachePreparedStatements(conn);
    expect(conn.pragma('user_version', { simple: true })).to.equal(0);
    expect(conn.prepare('PRAGMA user_version').all()).to.deep.equal([{ user_version: 0 }]);
    conn.close();
  });

  it('a statement whose table changed shape is prepared again by SQLite, through knex', async () => {
    const db = await openDatabase({});
    try {
      await db.schema.createTable('s', (t) => t.integer('a'));
      await db('s').insert({ a: 1 });
      expect(await db('s').select('*')).to.deep.equal([{ a: 1 }]);
      await db.schema.alterTable('s', (t) => t.integer('b'));
      expect(await db('s').select('*')).to.deep.equal([{ a: 1, b: null }]);
      // A syntax error is reported and caches nothing: the next query still works.
      await db.raw('selec 1').then(() => expect.fail('no error'), (err: Error) => expect(err.message).to.match(/syntax/));
      expect(await db('s').count({ n: '*' })).to.deep.equal([{ n: 1 }]);
    } finally {
      await db.destroy();
    }
  });
});
