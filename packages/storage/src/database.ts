// One way to open the platform's store: PostgreSQL when a URL is given, SQLite otherwise.
// Rows map to plain types in each component's repositories; types never import knex.
import knexFactory, { type Knex } from 'knex';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { cachePreparedStatements, type Preparer } from './statement-cache.js';

export type Database = Knex;

export interface DatabaseOptions {
  /** postgres://… ; when absent, SQLite at sqliteFile. */
  url?: string | undefined;
  /** SQLite file path, or ':memory:'. */
  sqliteFile?: string;
  /** PostgreSQL schema so several components can share one database without name clashes. */
  schema?: string;
  poolMax?: number;
}

export function isPostgres(db: Database): boolean {
  return db.client.config.client === 'pg';
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const db = knexFactory({
      client: 'pg',
      connection: options.url,
      pool: { min: 0, max: options.poolMax ?? 10 },
      searchPath: options.schema ? [options.schema, 'public'] : undefined,
    });
    if (options.schema) await db.raw(`CREATE SCHEMA IF NOT EXISTS ??`, [options.schema]);
    return db;
  }
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return knexFactory({
    // better-sqlite3, not node-sqlite3: its statements run on the calling thread, without a
    // thread-pool round trip and event-loop turn per statement. Measured (docs/PERFORMANCE.md,
    // round 7): a 10-statement transaction costs 2.0 instead of 6.4 ms CPU, and under a busy event
    // loop finishes in 1.7 instead of 47 ms. Still one native module, as before.
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    // One connection: SQLite serialises writers anyway, and a single connection makes
    // transactions and ':memory:' databases behave predictably.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: Preparer & { pragma: (sql: string) => unknown }, done: (err: Error | null, c: unknown) => void) => {
        try {
          conn.pragma('foreign_keys = ON');
          conn.pragma('journal_mode = WAL');
          // FULL syncs the log at every commit (F1: nothing acknowledged is lost on power failure).
          // Set, not left to the build's default, which a driver may compile as NORMAL.
          conn.pragma('synchronous = FULL');
          conn.pragma('busy_timeout = 5000');
          cachePreparedStatements(conn);
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  });
}
