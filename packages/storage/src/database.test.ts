import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database.js';

describe('storage: a SQLite file is opened durable (F1)', () => {
  it('F1: WAL, every commit synced (synchronous = FULL), foreign keys enforced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tps-db-'));
    const db = await openDatabase({ sqliteFile: join(dir, 'store.sqlite') });
    try {
      const pragma = async (name: string) => Object.values(((await db.raw(`PRAGMA ${name}`)) as Array<Record<string, unknown>>)[0]!)[0];
      expect(await pragma('journal_mode')).to.equal('wal');
      expect(await pragma('synchronous'), '2 = FULL').to.equal(2);
      expect(await pragma('foreign_keys')).to.equal(1);
      expect(await pragma('busy_timeout')).to.equal(5000);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
