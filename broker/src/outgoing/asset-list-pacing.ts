// F5a pushes, paced per DSO (issue 14, benchmark 5). The flusher coalesces registrations into one
// complete list per DSO per quiet period, but during a bulk load every new list is larger than the
// last, and the DSO endpoint spends ≈ 4× the core's build time on each one (parse, stage, full
// diff): the core produced lists faster than the DSO could consume them, so their total cost grew
// with the registry size times the number of lists. This pacer bounds both:
//
// - at most one list in flight per DSO: no new list is built while the DSO has not acknowledged
//   (mades RECEIVED or FAILED) the last page of the previous one — a backlog of stale snapshots
//   in the DSO's inbox is never built;
// - while registrations keep arriving, a DSO's next list waits `holdFactor` × the previous list's
//   round trip (build → sent → the DSO's acknowledgement, i.e. what the list cost both sides,
//   queueing included), so list work stays a bounded share of the load and the number of lists
//   grows with the logarithm of the load's length, not linearly;
// - once registrations stop (no kick for a quiet period) the hold is dropped: the final state goes
//   out as soon as the DSO has acknowledged the list in flight. A mirror may lag during a bulk
//   load; it never stays stale, because the DSO's durable pending mark is only removed by a push.
//
// The state is in memory: after a restart every DSO may be pushed at once (as before pacing).
import type { TrackingStatus } from '../../../packages/runtime/src/index.js';

export interface AssetListPacingOptions {
  /** A DSO's next list waits this many times the previous list's round trip while load lasts (default 2). */
  holdFactor?: number;
  /** A list unacknowledged this long no longer holds back the next one, and no hold lasts longer (ms; default 300,000): a lost acknowledgement must not stop pushes. */
  maxInFlightMs?: number;
}

export const DEFAULT_ASSET_LIST_HOLD_FACTOR = 2;
export const DEFAULT_ASSET_LIST_MAX_IN_FLIGHT_MS = 300_000;

/** Push now, or ask again in `retryInMs`. */
export type PaceDecision = { push: true } | { push: false; retryInMs: number; why: 'in-flight' | 'hold' };

interface LastPush {
  /** Message id of the list's last page: pages are consumed in order, so its acknowledgement ends the list. */
  messageId: string;
  startedAt: number;
  committedAt: number;
  /** When observe() first saw the acknowledgement (or gave up waiting for it). */
  ackSeenAt?: number;
  /** No acknowledgement within maxInFlightMs: no hold follows. */
  timedOut?: boolean;
}

const FINAL: ReadonlySet<TrackingStatus['state']> = new Set(['RECEIVED', 'FAILED']);

export class AssetListPacer {
  private readonly last = new Map<string, LastPush>();
  private readonly holdFactor: number;
  private readonly maxInFlightMs: number;

  constructor(
    private readonly status: (messageId: string) => Promise<TrackingStatus | undefined>,
    options: AssetListPacingOptions = {},
  ) {
    this.holdFactor = options.holdFactor ?? DEFAULT_ASSET_LIST_HOLD_FACTOR;
    this.maxInFlightMs = options.maxInFlightMs ?? DEFAULT_ASSET_LIST_MAX_IN_FLIGHT_MS;
    if (!(this.holdFactor >= 0) || !(this.maxInFlightMs >= 0)) throw new Error('asset-list pacing: holdFactor and maxInFlightMs must be ≥ 0');
  }

  /**
   * Looks up the acknowledgement of every list still in flight, whether or not its DSO is owed a
   * new one; the flusher calls it on each run and runs again soon while it returns true, so an
   * acknowledgement is seen within about one poll interval and the round trip (push start →
   * acknowledgement seen: build, transport, the DSO's parse and diff, queueing) is timed by this
   * clock, not the DSO's.
   */
  async observe(now: number): Promise<boolean> {
    let inFlight = false;
    for (const last of this.last.values()) {
      if (last.ackSeenAt !== undefined) continue;
      const st = await this.status(last.messageId);
      // Unknown to tracking (not a tracked message): nothing to wait for.
      if (st === undefined || FINAL.has(st.state)) last.ackSeenAt = now;
      else if (now - last.committedAt >= this.maxInFlightMs) Object.assign(last, { ackSeenAt: now, timedOut: true });
      else inFlight = true;
    }
    return inFlight;
  }

  /**
   * May the DSO get a new list now (after observe())? `loadActive`: registrations arrived within
   * the last quiet period (the hold only applies then; the in-flight rule always does). `pollMs`:
   * how soon to look again for an acknowledgement.
   */
  decide(dso: string, now: number, loadActive: boolean, pollMs: number): PaceDecision {
    const last = this.last.get(dso);
    if (!last) return { push: true };
    if (last.ackSeenAt === undefined) return { push: false, retryInMs: pollMs, why: 'in-flight' };
    if (last.timedOut || !loadActive) return { push: true };
    const holdUntil = last.ackSeenAt + Math.min(this.maxInFlightMs, this.holdFactor * (last.ackSeenAt - last.startedAt));
    return now >= holdUntil ? { push: true } : { push: false, retryInMs: holdUntil - now, why: 'hold' };
  }

  /** The DSO's list committed to the outbox; `lastMessageId` is its last page's message id. */
  pushed(dso: string, lastMessageId: string, startedAt: number, committedAt: number): void {
    this.last.set(dso, { messageId: lastMessageId, startedAt, committedAt });
  }
}
