// Prepared statements kept per SQLite connection. knex's better-sqlite3 client prepares every
// query it runs; the platform runs the same few hundred SQL texts over and over (issue 14: ≈ 50
// statements per emergency signal, ≈ 22 per schedule), and SQLite's prepare (parse + plan) was
// the largest single item left in a query's CPU. better-sqlite3 runs a statement to completion
// before returning (knex never iterates one), so a cached statement is never busy when reused;
// SQLite re-prepares it by itself after a schema change.

/** What the cache needs of a better-sqlite3 Database. */
export interface Preparer {
  prepare(sql: string, ...internal: unknown[]): unknown;
}

export interface StatementCacheStats {
  readonly size: number;
  readonly hits: number;
  readonly misses: number;
}

/**
 * Replaces `conn.prepare` with one that answers a statement prepared before for the same SQL
 * text. Bounded: past `max` texts (IN lists of many lengths make many), the least recently used
 * one is dropped. Returns live counters.
 */
export function cachePreparedStatements(conn: Preparer, max = 500): StatementCacheStats {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, unknown>();
  const stats = { hits: 0, misses: 0, get size() { return cache.size; } };
  conn.prepare = (sql: string, ...internal: unknown[]) => {
    // better-sqlite3's own helpers (pragma, …) prepare with extra arguments and may change the
    // statement (pluck): theirs are never shared.
    if (internal.length > 0) return prepare(sql, ...internal);
    const found = cache.get(sql);
    if (found !== undefined) {
      stats.hits++;
      cache.delete(sql); // re-insert: Map order is the recency order
      cache.set(sql, found);
      return found;
    }
    stats.misses++;
    const statement = prepare(sql); // a syntax error throws and caches nothing
    cache.set(sql, statement);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return statement;
  };
  return stats;
}
