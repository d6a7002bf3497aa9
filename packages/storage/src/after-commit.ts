// "After the commit" means after the OUTERMOST transaction commits. A handler often runs in a
// savepoint (the messaging layer gives each message one); the savepoint's own promise resolves at
// RELEASE SAVEPOINT, before anything is durable or visible to other connections. Waking a reader
// or publishing a message then is a bug on PostgreSQL (the reader sees nothing yet) that SQLite's
// single connection hides.
import type { Knex } from 'knex';

/** Resolves once the outermost transaction around `trx` committed; rejects if it rolled back. */
export function whenCommitted(trx: Knex.Transaction): Promise<unknown> {
  let root = trx;
  while (root.parentTransaction) root = root.parentTransaction;
  return (root.executionPromise as Promise<unknown> | undefined) ?? Promise.resolve();
}

/** Runs `fn` after the outermost transaction commits; never on rollback. A throw from `fn` is swallowed. */
export function afterCommit(trx: Knex.Transaction, fn: () => void): void {
  const safe = () => {
    try {
      fn();
    } catch {
      // A listener's failure must not surface as the transaction's (or the messaging layer's) error.
    }
  };
  whenCommitted(trx).then(safe, () => undefined);
}
