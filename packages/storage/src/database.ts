// One way to open the platform's store: PostgreSQL when a URL is given, SQLite otherwise.
// Rows map to plain types in each component's repositories; types never import knex.
import knexFactory, { type Knex } from 'knex';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

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
    client: 'sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    // One connection: SQLite serialises writers anyway, and a single connection makes
    // transactions and ':memory:' databases behave predictably.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { run: (sql: string, cb: (err: Error | null) => void) => void }, done: (err: Error | null, c: unknown) => void) => {
        conn.run('PRAGMA foreign_keys = ON', (e1) => {
          if (e1) return done(e1, conn);
          conn.run('PRAGMA journal_mode = WAL', () => conn.run('PRAGMA busy_timeout = 5000', (e3) => done(e3, conn)));
        });
      },
    },
  });
}
