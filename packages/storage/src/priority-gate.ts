// Urgent work takes the database connection next (issue 14, benchmark 2; F6 unforeseen limits).
// knex's pool (tarn) hands connections out first come, first served. On SQLite a component has one
// connection, so under schedule load an emergency signal's transaction queued behind every schedule
// request's statements already waiting (17 at the AGR endpoint at 25 schedules/s) and behind the
// running batch. This gate sits in front of the pool: at most `max` acquisitions are handed to the
// pool at a time (its own size, so PostgreSQL's pool is not serialised), the rest wait here in two
// queues, and a released connection goes to the oldest urgent waiter first. What is urgent is
// decided by the caller's async context (`urgentWork`), so every statement an urgent handler
// issues — its transaction, a read outside it — is urgent without passing a flag down.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';

const urgentScope = new AsyncLocalStorage<true>();

/** Runs `fn` (and everything it awaits) as urgent work: its database acquisitions go first. */
export function urgentWork<T>(fn: () => T): T {
  return urgentScope.run(true, fn);
}

/** True inside urgentWork. */
export function isUrgentWork(): boolean {
  return urgentScope.getStore() === true;
}

interface Gate {
  inFlight: number;
  readonly max: number;
  readonly urgent: (() => void)[];
  readonly normal: (() => void)[];
}

interface GatedClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void>;
  config: { pool?: { max?: number } };
}

const gates = new WeakMap<object, Gate>();

/** True when an urgent acquisition is waiting for this database's connection (a batch may yield to it). */
export function urgentWaiting(db: Knex): boolean {
  return (gates.get(db.client as object)?.urgent.length ?? 0) > 0;
}

/** Puts the gate in front of the pool of `db` (once; openDatabase does it for every database). */
export function installPriorityGate(db: Knex): Knex {
  const client = db.client as unknown as GatedClient;
  if (gates.has(client)) return db;
  const gate: Gate = { inFlight: 0, max: Math.max(1, client.config.pool?.max ?? 1), urgent: [], normal: [] };
  gates.set(client, gate);
  const acquire = client.acquireConnection.bind(client);
  const release = client.releaseConnection.bind(client);

  const next = () => {
    while (gate.inFlight < gate.max) {
      const admit = gate.urgent.shift() ?? gate.normal.shift();
      if (!admit) return;
      gate.inFlight++;
      admit();
    }
  };
  client.acquireConnection = () => {
    const queue = isUrgentWork() ? gate.urgent : gate.normal;
    const admitted =
      gate.inFlight < gate.max && gate.urgent.length === 0 && gate.normal.length === 0
        ? (gate.inFlight++, Promise.resolve())
        : new Promise<void>((resolve) => queue.push(resolve));
    return admitted.then(() =>
      acquire().catch((err: unknown) => {
        // Not acquired (pool timeout, destroyed): the slot is free again.
        gate.inFlight--;
        next();
        throw err;
      }),
    );
  };
  client.releaseConnection = (connection) => {
    const done = release(connection);
    gate.inFlight--;
    next();
    return done;
  };
  return db;
}
