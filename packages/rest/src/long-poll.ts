// Long-poll: answer at once when something is there, else park the request on the hub until an
// item arrives for this key, the timeout, or the client going away.
import type { Request, Response } from 'express';
import { HttpProblem, type AbortSource } from '../../http/src/index.js';
import type { PreparedWait, WaiterHub, WaitOutcome } from './waiter-hub.js';

export interface LongPollOptions<T> {
  hub: WaiterHub;
  key: string;
  timeoutMs: number;
  signal?: AbortSource;
  /** Reads what the caller has not seen yet. */
  read(): Promise<T[]>;
}

/** Told once how a long-poll ended: the items (maybe none), or the error. */
export interface LongPollListener<T> {
  polled(items: T[]): void;
  failed(err: unknown): void;
}

export function longPoll<T>(options: LongPollOptions<T>): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => pollInto(options, { polled: resolve, failed: reject }));
}

/**
 * `longPoll` telling `listener` instead of resolving a promise: a request parked this way holds no
 * promise chain and no suspended async function (issue 14: 10,000 parked per process; each async
 * level — generator, its registers, a promise, its reaction, two await closures, a context — is
 * ≈ 0.5 kB of heap per request). `listener` must not throw.
 */
export function pollInto<T>(options: LongPollOptions<T>, listener: LongPollListener<T>): void {
  new LongPoll(options, listener).round();
}

/**
 * One long-poll: register on the hub, read, and if nothing is there park until woken — then read
 * again (a wake-up may concern items another request already took) until the deadline. Its state
 * is in fields: parked, it is this object and the hub's waiter.
 */
class LongPoll<T> {
  private readonly deadline: number;
  private prepared: PreparedWait | undefined;

  constructor(
    private readonly options: LongPollOptions<T>,
    private readonly listener: LongPollListener<T>,
  ) {
    this.deadline = Date.now() + options.timeoutMs;
  }

  /** Registers interest before reading, so an item stored meanwhile still wakes it (no lost wake-up). */
  round(): void {
    try {
      this.prepared = this.options.hub.prepare(this.options.key);
      this.options.read().then(
        (items) => this.afterRead(items),
        (err: unknown) => this.readFailed(err),
      );
    } catch (err) {
      this.readFailed(err);
    }
  }

  /** A failed read (or a full hub) ends the poll; the interest registered before it is withdrawn. */
  private readFailed(err: unknown): void {
    this.prepared?.cancel();
    this.prepared = undefined;
    this.listener.failed(err);
  }

  private afterRead(items: T[]): void {
    const prepared = this.prepared!;
    if (items.length > 0) {
      prepared.cancel();
      this.listener.polled(items);
    } else prepared.park(this.deadline - Date.now(), this.options.signal, this);
  }

  /** The hub's answer (WaitListener). */
  woken(outcome: WaitOutcome): void {
    this.prepared = undefined;
    if (outcome === 'notified' && Date.now() < this.deadline) this.round();
    else if (outcome === 'aborted') this.listener.polled([]);
    else {
      try {
        this.options.read().then(
          (items) => this.listener.polled(items),
          (err: unknown) => this.listener.failed(err),
        );
      } catch (err) {
        this.listener.failed(err);
      }
    }
  }
}

/** An AbortSignal that fires when the client disconnects. */
export function clientGone(req: Request, res: Response): AbortSignal {
  const controller = new AbortController();
  const abort = () => {
    if (!res.writableEnded) controller.abort();
  };
  req.on('close', abort);
  res.on('close', abort);
  return controller.signal;
}

/** `?timeout=` in seconds, default and maximum from configuration. */
export function waitSeconds(raw: unknown, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return Math.min(fallback, max);
  if (typeof raw !== 'string' || !/^\d{1,5}$/.test(raw)) {
    throw HttpProblem.badRequest('timeout must be a whole number of seconds', [{ field: 'timeout', message: 'not a whole number' }]);
  }
  const n = Number(raw);
  if (n > max) throw HttpProblem.badRequest(`timeout must be at most ${max} seconds`, [{ field: 'timeout', message: `at most ${max}` }]);
  return n;
}

/** `?client=` distinguishes several consumers sharing one token; default 'default'. */
export function clientId(raw: unknown): string {
  if (raw === undefined || raw === '') return 'default';
  if (typeof raw !== 'string' || !/^[\w.-]{1,64}$/.test(raw)) {
    throw HttpProblem.badRequest('client must be 1–64 letters, digits, dot, dash or underscore', [{ field: 'client', message: 'invalid' }]);
  }
  return raw;
}
