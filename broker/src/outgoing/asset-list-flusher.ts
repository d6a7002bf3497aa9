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
import type { Knex } from 'knex';
import type { Messenger } from '../../../packages/runtime/src/index.js';
import { repositories } from '../storage/repositories.js';
import type { OutgoingRef } from '../storage/audit.repository.js';
import { pushAssetList, type AssetListContext } from './asset-list.js';

export interface AssetListFlusherOptions {
  /** Least time between two flushes (ms); default 500. 0 flushes after every kick. */
  quietMs?: number;
  now: () => Date;
  /** Assets per asset-list page (default ASSET_LIST_PAGE_SIZE); all pages go out in one transaction. */
  pageSize?: number;
  /** A DSO's push failed; it stays pending and is retried with backoff. */
  onError?: (err: unknown, dso: string) => void;
}

export const DEFAULT_ASSET_LIST_QUIET_MS = 500;
const MAX_RETRY_MS = 60_000;

export class AssetListFlusher {
  private readonly quietMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private kickedWhileRunning = false;
  private nextAllowedAt = 0;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly db: Knex,
    private readonly messenger: Messenger,
    private readonly options: AssetListFlusherOptions,
  ) {
    this.quietMs = options.quietMs ?? DEFAULT_ASSET_LIST_QUIET_MS;
  }

  /** Something may be pending: flush now if the last flush is a quiet period old, else at its end. */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.kickedWhileRunning = true;
      return;
    }
    this.schedule(Math.max(0, this.nextAllowedAt - Date.now()));
  }

  /**
   * Flushes every pending DSO now (after a flush already running), ignoring the quiet period.
   * For shutdown and tests; returns the number of lists sent by this call.
   */
  async flush(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    this.clearTimer();
    return this.run();
  }

  /** Stops timers; a flush in progress finishes. Pending marks stay for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.closed) return;
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

  private async run(): Promise<number> {
    const started = Date.now();
    const work = this.flushEach();
    this.running = work;
    let outcome = { sent: 0, failed: true };
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
    if (this.kickedWhileRunning) {
      this.kickedWhileRunning = false;
      this.kick();
    }
    return outcome.sent;
  }

  private async flushEach(): Promise<{ sent: number; failed: boolean }> {
    const dsos = await repositories(this.db).registry.pendingAssetLists();
    let sent = 0;
    let failed = false;
    // One transaction per DSO: a DSO whose push fails (e.g. its component is not yet in the
    // directory) keeps its mark without holding back the others.
    for (const dso of dsos) {
      if (this.closed) break;
      try {
        if (await this.db.transaction((trx) => this.pushOne(trx, dso))) sent++;
      } catch (err) {
        failed = true;
        this.options.onError?.(err, dso);
      }
    }
    return { sent, failed };
  }

  private async pushOne(trx: Knex.Transaction, dso: string): Promise<boolean> {
    const repos = repositories(trx);
    if (!(await repos.registry.claimAssetListPending(dso))) return false;
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
    return true;
  }
}
