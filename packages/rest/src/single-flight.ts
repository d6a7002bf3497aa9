// One query for many identical concurrent lookups (issue 14: 10,000 long-poll arrivals carried
// only 20 distinct tokens, yet each ran its own token query on the one SQLite connection).
//
// Only a lookup still in flight is shared; it is forgotten the moment it settles, so nothing is
// cached: a caller joining it gets the answer of a read that started at most one query earlier —
// as if it had arrived that much earlier — and the next lookup after it settles reads again.
// A failure rejects every caller that joined it and is not kept either.
import { setImmediate as turn } from 'node:timers/promises';

export class SingleFlight<K, V> {
  private readonly inFlight = new Map<K, Promise<V>>();

  /** `load` runs unless a lookup of the same key is in flight; then its promise is shared. */
  run(key: K, load: () => Promise<V>): Promise<V> {
    let shared = this.inFlight.get(key);
    if (!shared) {
      // Started one event-loop turn later: with a driver that answers on this thread (SQLite), a
      // lookup started at once settled before the next request of the same turn was even parsed,
      // and 10,000 arriving long-polls were 10,000 token queries again (issue 14, round 7).
      shared = turn()
        .then(load)
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, shared);
    }
    return shared;
  }

  /** Lookups in flight now (tests). */
  get size(): number {
    return this.inFlight.size;
  }
}
