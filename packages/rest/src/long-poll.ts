// Long-poll: answer at once when something is there, else park the request on the hub until an
// item arrives for this key, the timeout, or the client going away.
import type { Request, Response } from 'express';
import { HttpProblem, type AbortSource } from '../../http/src/index.js';
import type { WaiterHub } from './waiter-hub.js';

export interface LongPollOptions<T> {
  hub: WaiterHub;
  key: string;
  timeoutMs: number;
  signal?: AbortSource;
  /** Reads what the caller has not seen yet. */
  read(): Promise<T[]>;
}

export async function longPoll<T>(options: LongPollOptions<T>): Promise<T[]> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const prepared = options.hub.prepare(options.key);
    const items = await options.read();
    if (items.length > 0) {
      prepared.cancel();
      return items;
    }
    const outcome = await prepared.wait(deadline - Date.now(), options.signal);
    // A wake-up may concern items another request already took: read again, wait again.
    if (outcome !== 'notified' || Date.now() >= deadline) return outcome === 'aborted' ? [] : options.read();
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
