// Long-poll waiters keyed by what they wait for (a party, a DSO's asset list…). A new item wakes
// its waiters directly: no database polling, O(1) per waiter, bounded in number.
// Memory matters here (10,000 parked requests per process, issue 14): a waiter is one small
// object, and timeouts are kept in coarse deadline buckets swept by one timer per hub instead of
// one Node timer per request.
import type { AbortSource } from '../../http/src/index.js';

export type WaitOutcome = 'notified' | 'timeout' | 'closed' | 'aborted';

/** Told once how a wait ended: a function, or an object (one parked per request: no closure). */
export type WaitListener = ((outcome: WaitOutcome) => void) | { woken(outcome: WaitOutcome): void };

export interface PreparedWait {
  /** Waits until notified, the timeout, the hub closing, or the signal aborting. */
  wait(timeoutMs: number, signal?: AbortSource): Promise<WaitOutcome>;
  /** As `wait`, telling `listener` instead of resolving a promise (long-poll.ts parks this way). */
  park(timeoutMs: number, signal: AbortSource | undefined, listener: WaitListener): void;
  cancel(): void;
}

export class WaiterHubFullError extends Error {
  override readonly name = 'WaiterHubFullError';
}

/** Timeout resolution: a waiter times out at most this much after its deadline. */
const TICK_MS = 50;

const CLOSED: PreparedWait = {
  wait: async () => 'closed',
  park: (_timeoutMs, _signal, listener) => void queueMicrotask(() => tell(listener, 'closed')),
  cancel: () => undefined,
};

function tell(listener: WaitListener, outcome: WaitOutcome): void {
  if (typeof listener === 'function') listener(outcome);
  else listener.woken(outcome);
}

class Waiter implements PreparedWait {
  settled: WaitOutcome | undefined;
  /** Deadline bucket while waiting with a timeout. */
  tick = -1;
  private listener: WaitListener | undefined;
  private signal: AbortSource | undefined;

  constructor(
    private readonly hub: WaiterHub,
    readonly key: string,
  ) {}

  /** The abort listener is the waiter itself (EventTarget's `handleEvent`), not a closure per waiter. */
  handleEvent(): void {
    this.resolve('aborted');
  }

  resolve(o: WaitOutcome): void {
    if (this.settled) return;
    this.settled = o;
    this.hub.forget(this);
    if (this.signal) this.signal.removeEventListener('abort', this);
    this.signal = undefined;
    const listener = this.listener;
    this.listener = undefined;
    if (listener) tell(listener, o);
  }

  cancel(): void {
    this.resolve('aborted');
  }

  wait(timeoutMs: number, signal?: AbortSource): Promise<WaitOutcome> {
    if (this.settled) return Promise.resolve(this.settled);
    return new Promise<WaitOutcome>((resolve) => this.park(timeoutMs, signal, resolve));
  }

  park(timeoutMs: number, signal: AbortSource | undefined, listener: WaitListener): void {
    // Settled before parking (a notify between prepare and park): told at once, as wait() resolves.
    if (this.settled) return void queueMicrotask(() => tell(listener, this.settled!));
    this.listener = listener;
    if (signal) {
      if (signal.aborted) return this.resolve('aborted');
      this.signal = signal;
      signal.addEventListener('abort', this, { once: true });
    }
    if (timeoutMs <= 0) return this.resolve('timeout');
    this.hub.schedule(this, Date.now() + timeoutMs);
  }
}

export class WaiterHub {
  private readonly waiters = new Map<string, Set<Waiter>>();
  /** Bumped by every notify of a key: a read started after a bump has seen what it announced. */
  private readonly generations = new Map<string, number>();
  /** Deadline buckets (Date.now() / TICK_MS, rounded up) → waiters that time out then. */
  private readonly deadlines = new Map<number, Set<Waiter>>();
  private sweeper: NodeJS.Timeout | undefined;
  private sweptTo = 0;
  private count = 0;
  private closed = false;

  constructor(private readonly maxWaiters = 50_000) {}

  get size(): number {
    return this.count;
  }

  /** How many times `key` was notified: reads may be shared only within one generation. */
  generation(key: string): number {
    return this.generations.get(key) ?? 0;
  }

  /**
   * Registers interest before the caller reads its data, so an item that arrives between the
   * read and the wait still wakes it (no lost wake-up).
   */
  prepare(key: string): PreparedWait {
    if (this.closed) return CLOSED;
    if (this.count >= this.maxWaiters) throw new WaiterHubFullError(`too many waiting requests (${this.maxWaiters})`);
    const waiter = new Waiter(this, key);
    let set = this.waiters.get(key);
    if (!set) this.waiters.set(key, (set = new Set()));
    set.add(waiter);
    this.count++;
    return waiter;
  }

  notify(key: string): number {
    this.generations.set(key, this.generation(key) + 1);
    const set = this.waiters.get(key);
    if (!set) return 0;
    const all = [...set];
    for (const w of all) w.resolve('notified');
    return all.length;
  }

  /** Answers every waiter (graceful shutdown): they return what they have, usually nothing. */
  close(): void {
    this.closed = true;
    for (const set of [...this.waiters.values()]) for (const w of [...set]) w.resolve('closed');
    this.stopSweeper();
  }

  /** @internal a waiter starts waiting with a deadline. */
  schedule(waiter: Waiter, deadline: number): void {
    const tick = Math.ceil(deadline / TICK_MS);
    waiter.tick = tick;
    let bucket = this.deadlines.get(tick);
    if (!bucket) this.deadlines.set(tick, (bucket = new Set()));
    bucket.add(waiter);
    if (!this.sweeper) {
      this.sweptTo = Math.floor(Date.now() / TICK_MS) - 1;
      this.sweeper = setInterval(() => this.sweep(), TICK_MS);
      this.sweeper.unref();
    }
  }

  /** @internal a waiter settled: drop it from its key and its deadline bucket. */
  forget(waiter: Waiter): void {
    const set = this.waiters.get(waiter.key);
    if (set?.delete(waiter)) {
      this.count--;
      if (set.size === 0) this.waiters.delete(waiter.key);
    }
    if (waiter.tick >= 0) {
      const bucket = this.deadlines.get(waiter.tick);
      if (bucket?.delete(waiter) && bucket.size === 0) this.deadlines.delete(waiter.tick);
      waiter.tick = -1;
    }
  }

  private sweep(): void {
    const now = Math.floor(Date.now() / TICK_MS);
    for (let t = this.sweptTo + 1; t <= now; t++) {
      const bucket = this.deadlines.get(t);
      if (bucket) for (const w of [...bucket]) w.resolve('timeout');
    }
    this.sweptTo = now;
    if (this.deadlines.size === 0) this.stopSweeper();
  }

  private stopSweeper(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
