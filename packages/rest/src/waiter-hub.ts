// Long-poll waiters keyed by what they wait for (a party, a DSO's asset list…). A new item wakes
// its waiters directly: no database polling, O(1) per waiter, bounded in number.
export type WaitOutcome = 'notified' | 'timeout' | 'closed' | 'aborted';

interface Waiter {
  resolve(outcome: WaitOutcome): void;
}

export interface PreparedWait {
  /** Waits until notified, the timeout, the hub closing, or the signal aborting. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome>;
  cancel(): void;
}

export class WaiterHubFullError extends Error {
  override readonly name = 'WaiterHubFullError';
}

export class WaiterHub {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private count = 0;
  private closed = false;

  constructor(private readonly maxWaiters = 50_000) {}

  get size(): number {
    return this.count;
  }

  /**
   * Registers interest before the caller reads its data, so an item that arrives between the
   * read and the wait still wakes it (no lost wake-up).
   */
  prepare(key: string): PreparedWait {
    if (this.closed) return { wait: async () => 'closed', cancel: () => undefined };
    if (this.count >= this.maxWaiters) throw new WaiterHubFullError(`too many waiting requests (${this.maxWaiters})`);
    let settled: WaitOutcome | undefined;
    let resolveFn: ((o: WaitOutcome) => void) | undefined;
    const waiter: Waiter = {
      resolve: (o) => {
        if (settled) return;
        settled = o;
        this.remove(key, waiter);
        resolveFn?.(o);
      },
    };
    let set = this.waiters.get(key);
    if (!set) this.waiters.set(key, (set = new Set()));
    set.add(waiter);
    this.count++;
    return {
      cancel: () => waiter.resolve('aborted'),
      wait: (timeoutMs, signal) => {
        if (settled) return Promise.resolve(settled);
        return new Promise<WaitOutcome>((resolve) => {
          const timer = setTimeout(() => waiter.resolve('timeout'), Math.max(0, timeoutMs));
          const onAbort = () => waiter.resolve('aborted');
          signal?.addEventListener('abort', onAbort, { once: true });
          resolveFn = (o) => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            resolve(o);
          };
          if (signal?.aborted) onAbort();
        });
      },
    };
  }

  notify(key: string): number {
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
  }

  private remove(key: string, waiter: Waiter): void {
    const set = this.waiters.get(key);
    if (set?.delete(waiter)) {
      this.count--;
      if (set.size === 0) this.waiters.delete(key);
    }
  }
}
