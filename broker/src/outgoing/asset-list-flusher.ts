// F5a pushes, coalesced. Pushing every affected DSO its complete list inside each registration
// made a bulk load quadratic (benchmark 5: every call of 1,000 assets re-sent lists that grow with
// the registry). Registrations now only mark the DSO pending in their own transaction
// (core_asset_list_pending); this flusher sends each pending DSO one complete, current list in a
// transaction that deletes the mark and writes the outbox message, so a crash between
// registration and push still ends in a push after restart (the mark is durable), and a failed
// push leaves the mark for the next attempt.
//
// Timing: a kick after an idle spell flushes at once; further kicks within the quiet period wait
// for its end, so a DSO gets at most one list per quiet period however many registrations touch
// it. The period stretches to the duration of the last flush, so building lists never takes more
// than about half of the flusher's wall time, whatever the registry size (the number of lists
// then shrinks as they grow: total list work stays linear in the registration time).
// That bounds the core's side only; each DSO is further paced (asset-list-pacing.ts): one list in
// flight until the DSO acknowledges it, and while registrations last a hold proportional to the
// previous list's round trip, so the DSO endpoint's share (parse, stage, diff) is bounded too.
import type { Knex } from 'knex';
import type { Messenger } from '../../../packages/runtime/src/index.js';
import { repositories } from '../storage/repositories.js';
import type { OutgoingRef } from '../storage/audit.repository.js';
import { pushAssetList, type AssetListContext } from './asset-list.js';
import { AssetListPacer, type AssetListPacingOptions } from './asset-list-pacing.js';

export interface AssetListFlusherOptions {
  /** Least time between two flushes (ms); default 500. 0 flushes after every kick. */
  quietMs?: number;
  now: () => Date;
  /** Assets per asset-list page (default ASSET_LIST_PAGE_SIZE); all pages go out in one transaction. */
  pageSize?: number;
  /** A DSO's push failed; it stays pending and is retried with backoff. */
  onError?: (err: unknown, dso: string) => void;
  /** Per-DSO pacing (asset-list-pacing.ts); flush() ignores it. */
  pacing?: AssetListPacingOptions;
}

export const DEFAULT_ASSET_LIST_QUIET_MS = 500;

interface FlushOutcome {
  sent: number;
  failed: boolean;
  /** Some DSOs were held back by pacing; the soonest may go after this many ms. */
  retryInMs?: number;
}
const MAX_RETRY_MS = 60_000;

export class AssetListFlusher {
  private readonly quietMs: number;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;
  private running: Promise<unknown> | undefined;
  private kickedWhileRunning = false;
  private nextAllowedAt = 0;
  private failures = 0;
  private closed = false;
  private lastKickAt = 0;
  private readonly pacer: AssetListPacer;

  constructor(
    private readonly db: Knex,
    private readonly messenger: Messenger,
    private readonly options: AssetListFlusherOptions,
  ) {
    this.quietMs = options.quietMs ?? DEFAULT_ASSET_LIST_QUIET_MS;
    this.pacer = new AssetListPacer((id) => this.messenger.status(id), options.pacing);
  }

  /** Something may be pending: flush now if the last flush is a quiet period old, else at its end. */
  kick(): void {
    if (this.closed) return;
    this.lastKickAt = Date.now();
    if (this.running) {
      this.kickedWhileRunning = true;
      return;
    }
    this.schedule(Math.max(0, this.nextAllowedAt - Date.now()));
  }

  /**
   * Flushes every pending DSO now (after a flush already running), ignoring the quiet period and
   * the per-DSO pacing. For shutdown and tests; returns the number of lists sent by this call.
   */
  async flush(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    this.clearTimer();
    return this.run(true);
  }

  /** Stops timers; a flush in progress finishes. Pending marks stay for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    await this.running?.catch(() => undefined);
  }

  /** Runs after `delayMs`, or earlier if a run is already scheduled sooner (the earliest wins: a paced DSO's long wait must not delay another DSO's push). */
  private schedule(delayMs: number): void {
    if (this.closed) return;
    const at = Date.now() + delayMs;
    if (this.timer) {
      if (this.timerAt <= at) return;
      clearTimeout(this.timer);
    }
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run().catch(() => undefined);
    }, delayMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(force = false): Promise<number> {
    const started = Date.now();
    const work = this.flushEach(force);
    this.running = work;
    let outcome: FlushOutcome = { sent: 0, failed: true };
    try {
      outcome = await work;
    } catch (err) {
      // Reading the pending marks failed (database down): retried like a failed push.
      this.options.onError?.(err, '(pending marks)');
    } finally {
      this.running = undefined;
    }
    this.nextAllowedAt = Date.now() + Math.max(this.quietMs, Date.now() - started);
    if (outcome.failed) {
      this.failures++;
      this.schedule(Math.min(MAX_RETRY_MS, Math.max(this.quietMs, 1_000) * 2 ** (this.failures - 1)));
    } else {
      this.failures = 0;
    }
    // Paced DSOs keep their marks: look again when the first of them may go (not before the quiet period).
    if (outcome.retryInMs !== undefined) this.schedule(Math.max(outcome.retryInMs, this.nextAllowedAt - Date.now()));
    if (this.kickedWhileRunning) {
      this.kickedWhileRunning = false;
      this.kick();
    }
    return outcome.sent;
  }

  private async flushEach(force: boolean): Promise<FlushOutcome> {
    const dsos = await repositories(this.db).registry.pendingAssetLists();
    let sent = 0;
    let failed = false;
    let retryInMs: number | undefined;
    const loadActive = Date.now() - this.lastKickAt < this.quietMs;
    const pollMs = Math.max(this.quietMs, 50);
    // Acknowledgements are looked for on every run; while a list is in flight, run again soon.
    if (!force && (await this.pacer.observe(Date.now()))) retryInMs = pollMs;
    // One transaction per DSO: a DSO whose push fails (e.g. its component is not yet in the
    // directory) keeps its mark without holding back the others.
    for (const dso of dsos) {
      if (this.closed) break;
      try {
        if (!force) {
          const pace = this.pacer.decide(dso, Date.now(), loadActive, pollMs);
          if (!pace.push) {
            // A hold lasts only while registrations do: look again when the load may have ended.
            const wait = pace.why === 'hold' ? Math.min(pace.retryInMs, Math.max(1, this.lastKickAt + this.quietMs - Date.now())) : pace.retryInMs;
            retryInMs = Math.min(retryInMs ?? Infinity, wait);
            continue;
          }
        }
        const startedAt = Date.now();
        const lastMessageId = await this.db.transaction((trx) => this.pushOne(trx, dso));
        if (lastMessageId !== undefined) {
          sent++;
          this.pacer.pushed(dso, lastMessageId, startedAt, Date.now());
        }
      } catch (err) {
        failed = true;
        this.options.onError?.(err, dso);
      }
    }
    return { sent, failed, ...(retryInMs !== undefined ? { retryInMs } : {}) };
  }

  /** Sends the DSO's list if it is still owed; returns the message id of its last page, or undefined. */
  private async pushOne(trx: Knex.Transaction, dso: string): Promise<string | undefined> {
    const repos = repositories(trx);
    if (!(await repos.registry.claimAssetListPending(dso))) return undefined;
    const tpsParty = this.messenger.parties[0];
    if (!tpsParty) throw new Error('the messenger speaks for no party; the TPS core needs its party code');
    const now = this.options.now().toISOString().slice(0, 19) + 'Z';
    const outgoing: OutgoingRef[] = [];
    const ctx: AssetListContext = {
      repos,
      tpsParty,
      now,
      send: async (receiver, businessType, payload, opts) => {
        const messageId = await this.messenger.sendToParty(trx, receiver, { businessType, payload, senderParty: tpsParty, baMessageId: opts.mrid, priority: 'normal' });
        outgoing.push({ receiver, businessType, messageId, mrid: opts.mrid });
        return messageId;
      },
    };
    const assets = await pushAssetList(ctx, dso, this.options.pageSize);
    // The audit trail names every document the core sent; a coalesced push has no incoming document.
    await repos.audit.append({
      at: now,
      decision: 'recorded',
      businessType: 'asset-list',
      party: dso,
      messageId: null,
      documentMrid: outgoing[0]?.mrid ?? null,
      revision: null,
      reasonCode: null,
      reasonText: null,
      outgoing,
      detail: { push: 'coalesced', assets },
    });
    const last = outgoing.at(-1);
    if (!last) throw new Error(`asset list for ${dso} produced no document`);
    return last.messageId;
  }
}
