// Runs a repository suite against both stores the platform supports: SQLite and PostgreSQL.
import { openDatabase, type Database } from '../../storage/src/index.js';
import { sharedPostgresDatabase } from './postgres.js';

export interface DatabaseUnderTest {
  kind: 'sqlite' | 'postgres';
  /** A fresh, empty database for each call. */
  open(): Promise<Database>;
}

export const databasesUnderTest: DatabaseUnderTest[] = [
  { kind: 'sqlite', open: () => openDatabase({ sqliteFile: ':memory:' }) },
  { kind: 'postgres', open: async () => openDatabase({ url: await sharedPostgresDatabase('repo') }) },
];

/** describe() the same suite once per store. */
export function describeEachDatabase(title: string, suite: (dut: DatabaseUnderTest) => void): void {
  for (const dut of databasesUnderTest) {
    describe(`${title} [${dut.kind}]`, function () {
      this.timeout(60_000);
      suite(dut);
    });
  }
}
