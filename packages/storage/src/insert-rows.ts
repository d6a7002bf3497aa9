// Many rows in few statements: one multi-row INSERT per chunk instead of one statement per row.
// Each statement's main-thread cost (knex building the SQL, the driver's completion callback) is
// paid per statement, so a 4-series schedule costs one round trip instead of four.
import type { Knex } from 'knex';

/**
 * Bound parameters per statement: SQLite builds before 3.32 allow 999 (later ones 32,766,
 * PostgreSQL 65,535); the smallest keeps every driver and build within its limit.
 */
export const MAX_BOUND_PARAMETERS = 999;

/** Inserts `rows` (all with the same columns) into `table` in as few statements as the limit allows. */
export async function insertRows(db: Knex | Knex.Transaction, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / Math.max(1, columns)));
  for (let i = 0; i < rows.length; i += perStatement) await db(table).insert(rows.slice(i, i + perStatement));
}
