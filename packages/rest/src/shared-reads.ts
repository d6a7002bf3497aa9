// One database read for many long-poll waiters. When a wake-up releases hundreds of waiters of
// one key (a party's limits) that all stand at the same cursor position, the first of them reads
// and the others take the same answer: one read per (key, position) instead of one per waiter
// (issue 14: 10,000 waiters were 10,000 serialised queries and 45 s to answer them all).
//
// A read is shared only within one hub generation of its key. A caller registers on the hub
// before it reads; anything committed after a shared read started is announced by a notify,
// which bumps the generation and wakes the caller again — so joining a read already in flight
// never hides an item (no lost wake-up).
import type { WaiterHub } from './waiter-hub.js';

export class SharedReads<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(private readonly hub: WaiterHub) {}

  /** `read` runs unless an identical one (same key, generation and position) is in flight. */
  read(key: string, position: number, read: () => Promise<T>): Promise<T> {
    const id = `${this.hub.generation(key)}|${position}|${key}`;
    let shared = this.inFlight.get(id);
    if (!shared) {
      shared = read().finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, shared);
    }
    return shared;
  }
}
