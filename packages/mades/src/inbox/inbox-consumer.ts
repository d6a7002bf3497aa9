// The receiving half of "no loss, no double effect" (F1). Deliveries are verified, then handled
// in batches: one database transaction per batch, one savepoint per message around the
// application's handler (or, for a retry-safe handler, none unless one throws), the
// de-duplication row and the transport acknowledgement row written in the same transaction as
// the effect. Only after the commit are the deliveries acknowledged to
// the broker, so a crash at any point leads to redelivery, and redelivery to "already received".
// An encrypted payload is decrypted after the signature and digest verified and before any
// handler runs (F1, NF3): handlers see the plaintext; a payload that cannot be decrypted, or a
// plaintext one the encryption policy forbids, is refused like a failed verification.
import type { Knex } from 'knex';
import { setImmediate as turn } from 'node:timers/promises';
import type { ComponentIdentity, DirectoryView } from '../../../trust/src/index.js';
import { FailedReason, MessageRejectedError } from '../errors.js';
import type { EncryptionPolicy } from '../envelope/encryption.policy.js';
import type { Envelope } from '../envelope/headers.js';
import { openPayload } from '../envelope/open-payload.js';
import { verifyEnvelope, type VerifyResult } from '../envelope/verifier.js';
import { applyTransitions, type StatusChange, type Transition } from '../tracking/status.js';
import { URGENT_PRIORITY } from '../priority.js';
import { decodeAcks } from '../tracking/transport-ack.js';
import type { Delivery, Subscription, Transport } from '../transport/transport.js';

export interface ReceivedMessage {
  envelope: Envelope;
  /**
   * The document bytes exactly as the sender's application gave them (decrypted when the
   * envelope was encrypted); the messaging layer never parses them.
   */
  payload: Buffer;
}

/** Runs inside the receiving transaction; throw MessageRejectedError to end the message FAILED. */
export type MessageHandler = (message: ReceivedMessage, trx: Knex.Transaction) => Promise<void>;

export interface InboxOptions {
  db: Knex;
  transport: Transport;
  identity: ComponentIdentity;
  directory: DirectoryView;
  maxPayloadBytes: number;
  encryption: EncryptionPolicy;
  prefetch: number;
  batchSize: number;
  /** Handler failures before a message ends FAILED (HANDLER_ERROR) instead of being retried. */
  maxAttempts: number;
  /**
   * True when the handlers have no effect outside the transaction before it commits (everything
   * else waits for whenCommitted/afterCommit): a batch then runs them without a savepoint per
   * message, and only if one throws is the whole batch rolled back and run again with savepoints
   * (issue 14: two statements fewer per message). False keeps one savepoint per message always.
   */
  handlersRetrySafe(): boolean;
  handler(): MessageHandler | undefined;
  onChanges(changes: StatusChange[]): void;
  onAcksQueued(): void;
  log(level: 'warn' | 'error' | 'info', msg: string, extra?: object): void;
}


/** Verdicts a newer directory view may change: decided only after one refresh. */
const REFRESHABLE: ReadonlySet<FailedReason> = new Set([FailedReason.SIGNER_UNKNOWN, FailedReason.PATH_NOT_ALLOWED]);

/** A handler threw while the batch ran without savepoints: roll it back and run it with them. */
class RunWithSavepoints extends Error {
  override name = 'RunWithSavepoints';
}

interface Verified {
  d: Delivery;
  e: Envelope;
  /** Plaintext: the body, or what it decrypted to. */
  payload: Buffer;
}

interface AckRow {
  to_code: string;
  message_id: string;
  status: 'RECEIVED' | 'FAILED';
  reason: string | null;
  detail: string | null;
  at: string;
}

export class InboxConsumer {
  private sub: Subscription | undefined;
  private buffer: Delivery[] = [];
  /** After a failed commit or a failing handler: nothing is handled before this time (backoff). */
  private pausedUntil = 0;
  private commitFailures = 0;
  /** The emergency lane: always emptied before `buffer`. */
  private urgent: Delivery[] = [];
  /** An emergency batch is being handled (its deliveries are no longer in `urgent`). */
  private urgentRunning = false;
  /** Callers of whenNoUrgent(), released once the emergency lane is empty and idle. */
  private urgentWaiters: (() => void)[] = [];
  private flushing: Promise<void> | undefined;
  /** The batch loop is running (processing or waiting out a pause). */
  private pumping = false;
  private scheduled = false;
  private readonly attempts = new Map<string, number>();
  /** Deliveries already verified once more after a directory refresh: their next verdict is final. */
  private readonly refreshed = new WeakSet<Delivery>();
  /** Deliveries waiting for the directory refresh (unacked, so a crash redelivers them). */
  private readonly waiting = new Map<Promise<void>, Delivery[]>();
  private stopped = false;

  constructor(private readonly o: InboxOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.sub = await this.o.transport.consumeInbox(this.o.identity.code, (d) => this.enqueue(d), { prefetch: this.o.prefetch });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.clear(); // unacked: the broker gives them back when the subscription closes
    await this.sub?.cancel();
    this.sub = undefined;
    await this.flushing;
    // Unacknowledged: the broker redelivers them to the next subscription.
    this.buffer = [];
    this.urgent = [];
    this.releaseUrgentWaiters();
  }

  /**
   * Resolves once no emergency delivery waits or is being handled (at once when none is). The
   * relay of the same component awaits it before each of its database steps: on SQLite the
   * component has one connection, handed out first come first served, and under schedule load the
   * relay's statements (a batch select with payloads, marking, transport acknowledgements) were
   * what an emergency batch most often queued behind (benchmark 2, docs/PERFORMANCE.md).
   */
  whenNoUrgent(): Promise<void> {
    if (!this.urgentPending()) return Promise.resolve();
    return new Promise((resolve) => this.urgentWaiters.push(resolve));
  }

  private urgentPending(): boolean {
    return !this.stopped && (this.urgent.length > 0 || this.urgentRunning);
  }

  private releaseUrgentWaiters(): void {
    if (this.urgentPending()) return;
    for (const release of this.urgentWaiters.splice(0)) release();
  }

  private enqueue(d: Delivery): void {
    (d.priority >= URGENT_PRIORITY ? this.urgent : this.buffer).push(d);
    if (this.scheduled) return;
    this.scheduled = true;
    // Let the deliveries that arrived in the same I/O turn join the batch.
    setImmediate(() => void this.pump());
  }

  private async pump(): Promise<void> {
    this.scheduled = false;
    // One loop at a time, also while it waits out a backoff: a second loop started by a delivery
    // during the pause would run batches beside the first and commit later documents before the
    // retried ones (order-under-failure.test.ts).
    if (this.pumping) return; // the running loop picks the rest up
    this.pumping = true;
    try {
      while (!this.stopped && (this.urgent.length > 0 || this.buffer.length > 0)) {
        const wait = this.pausedUntil - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (this.stopped) break;
        const urgent = this.urgent.length > 0;
        const batch = (urgent ? this.urgent : this.buffer).splice(0, this.o.batchSize);
        this.urgentRunning = urgent;
        this.flushing = this.processBatch(batch, urgent).catch((err) => this.o.log('error', 'inbox batch failed', { err: String(err) }));
        await this.flushing;
        this.flushing = undefined;
        this.urgentRunning = false;
        this.releaseUrgentWaiters();
      }
    } finally {
      this.pumping = false;
    }
  }

  private async processBatch(batch: Delivery[], urgent = false): Promise<void> {
    const o = this.o;
    const now = new Date();
    const at = now.toISOString();
    const ackRows: AckRow[] = [];
    const docs: Verified[] = [];
    const acks: Verified[] = [];
    const settleAfterCommit: Delivery[] = [];

    for (const d of batch) {
      const v = this.verifyAndOpen(d, now);
      if (v.ok) {
        (v.verified.e.kind === 'ACK' ? acks : docs).push(v.verified);
        continue;
      }
      if (REFRESHABLE.has(v.reason) && o.directory.refresh && !this.refreshed.has(d)) {
        // F1 (ECP): a peer registered or a path opened after our last sync. Refresh the view once
        // (rate-limited by the directory client), then verify again; that second verdict is final.
        this.waitForRefresh(d);
        continue;
      }
      o.log('warn', 'message FAILED verification', { reason: v.reason, detail: v.detail, messageId: v.partial.messageId, sender: v.partial.sender });
      const { sender, messageId } = v.partial;
      // Nobody to tell, or an acknowledgement about an acknowledgement: refuse it for good.
      if (!sender || !messageId || v.envelope?.kind === 'ACK' || !o.directory.component(sender)) {
        d.deadLetter();
        continue;
      }
      // Not recorded for de-duplication: an unverified message must not occupy a message ID.
      ackRows.push({ to_code: sender, message_id: messageId, status: 'FAILED', reason: v.reason, detail: v.detail, at });
      settleAfterCommit.push(d);
    }

    // Documents not handled in this transaction — from a handler that failed (to be retried) up to
    // the end of the batch, or the rest of a normal batch yielding to the emergency lane. They go
    // back to the FRONT of the in-memory queue, unacknowledged and unrecorded, so they are retried
    // in their arrival order: requeueing them to the broker would let later deliveries already held
    // here overtake them, and a later revision of a document would then make the earlier one
    // "not moving forward" (found by `tps chaos`). A crash redelivers them as before.
    const lane = urgent ? this.urgent : this.buffer;
    let outcome: { deferred: Delivery[]; handlerFailed: boolean; changes: StatusChange[]; ackRows: AckRow[] };
    try {
      try {
        outcome = await this.commitBatch(docs, acks, ackRows, at, urgent, !o.handlersRetrySafe());
      } catch (err) {
        if (!(err instanceof RunWithSavepoints)) throw err;
        // Nothing of the first run was committed: run the batch again, one savepoint per message.
        outcome = await this.commitBatch(docs, acks, ackRows, at, urgent, true);
      }
    } catch (err) {
      // The database is away: nothing was committed. Keep the whole batch, in order, in front of
      // what arrived since, and try again after a backoff (0.5 s doubling to 8 s).
      this.commitFailures++;
      const backoff = Math.min(8_000, 500 * 2 ** Math.min(4, this.commitFailures - 1));
      o.log('error', 'inbox commit failed; retrying the batch in order', { err: String(err), backoffMs: backoff });
      const held = new Set<Delivery>([...docs, ...acks].map((x) => x.d).concat(settleAfterCommit));
      lane.unshift(...batch.filter((d) => held.has(d)));
      this.pausedUntil = Date.now() + backoff;
      return;
    }
    const { deferred, handlerFailed, changes } = outcome;
    this.commitFailures = 0;
    const notDone = new Set(deferred);
    for (const { d } of [...docs, ...acks]) if (!notDone.has(d)) d.ack();
    if (deferred.length) lane.unshift(...deferred);
    if (handlerFailed) this.pausedUntil = Date.now() + 200;
    settleAfterCommit.forEach((d) => d.ack());
    if (outcome.ackRows.length) o.onAcksQueued();
    if (changes.length) o.onChanges(changes);
  }

  /**
   * One transaction: the documents' effects, the acknowledgements received, and the transport
   * acknowledgements to send (`ackRows` plus the ones the documents add; the caller's array is not
   * changed, so a second run starts from the same rows).
   */
  private async commitBatch(docs: Verified[], acks: Verified[], ackRows: readonly AckRow[], at: string, urgent: boolean, savepoints: boolean) {
    const rows = [...ackRows];
    const deferred: Delivery[] = [];
    let changes: StatusChange[] = [];
    let handlerFailed = false;
    if (docs.length === 0 && rows.length === 0 && acks.length === 1) {
      // One transport acknowledgement alone: its UPDATE (forward-only, so a redelivery re-applies it
      // harmlessly) needs no BEGIN/COMMIT around it (issue 14: two statements fewer per ack, ≈ 3
      // acks per emergency signal). Several acks keep one transaction: one commit, not one each.
      changes = await this.applyAcks(this.o.db, acks);
      return { deferred, handlerFailed, changes, ackRows: rows };
    }
    await this.o.db.transaction(async (trx) => {
      handlerFailed = await this.handleDocs(trx, docs, rows, deferred, at, !urgent, savepoints);
      changes = await this.applyAcks(trx, acks);
      for (let i = 0; i < rows.length; i += 100) await trx('mades_ack_out').insert(rows.slice(i, i + 100));
    });
    return { deferred, handlerFailed, changes, ackRows: rows };
  }

  /** Signature, digest and directory checks first; only a verified envelope is decrypted. */
  private verifyAndOpen(d: Delivery, now: Date): { ok: true; verified: Verified } | Exclude<VerifyResult, { ok: true }> {
    const o = this.o;
    const v = verifyEnvelope(d.headers, d.body, { directory: o.directory, self: o.identity.code, maxPayloadBytes: o.maxPayloadBytes, now });
    if (!v.ok) return v;
    const opened = openPayload(v.envelope, d.body, o.identity, o.encryption);
    if (!opened.ok) return { ok: false, reason: opened.reason, detail: opened.detail, envelope: v.envelope, partial: v.envelope };
    return { ok: true, verified: { d, e: v.envelope, payload: opened.payload } };
  }

  private waitForRefresh(d: Delivery): void {
    this.refreshed.add(d);
    // Asked per delivery: the directory client coalesces the calls and guarantees a download that
    // started after each call, so a sender registered just before this delivery is seen.
    const refresh = this.o.directory.refresh!();
    const group = this.waiting.get(refresh);
    if (group) return void group.push(d);
    this.waiting.set(refresh, [d]);
    void refresh
      .catch((err: unknown) => this.o.log('warn', 'directory refresh failed', { err: String(err) }))
      .then(() => {
        const again = this.waiting.get(refresh) ?? [];
        this.waiting.delete(refresh);
        if (!this.stopped) for (const w of again) this.enqueue(w);
      });
  }

  /** Returns true when a handler failed and the rest of the batch was deferred for a retry. */
  private async handleDocs(trx: Knex.Transaction, docs: Verified[], ackRows: AckRow[], deferred: Delivery[], at: string, yieldToUrgent: boolean, savepoints: boolean): Promise<boolean> {
    if (docs.length === 0) return false;
    const known = new Map<string, string>(); // sender|messageId → digest
    for (let i = 0; i < docs.length; i += 400) {
      const ids = docs.slice(i, i + 400).map((x) => x.e.messageId);
      for (const r of await trx('mades_received').select('sender', 'message_id', 'digest').whereIn('message_id', ids)) known.set(`${r.sender}|${r.message_id}`, r.digest);
    }
    const received: Record<string, unknown>[] = [];
    const handler = this.o.handler();
    for (const [i, { d, e, payload }] of docs.entries()) {
      // The driver answers SQLite statements on this thread, so without a pause a whole batch
      // would run as one task: an emergency delivery could not even be read off its socket before
      // the batch committed. One event-loop turn per document lets it in (issue 14, benchmark 2).
      if (yieldToUrgent && i > 0) {
        await turn();
        if (this.urgent.length > 0) {
          // Yield to the emergency lane: commit what is done, leave the rest for the next batch.
          for (const rest of docs.slice(i)) deferred.push(rest.d);
          break;
        }
      }
      const key = `${e.sender}|${e.messageId}`;
      const seen = known.get(key);
      if (seen !== undefined) {
        // F1: same ID + same digest = already received (ack, no effect); other digest = duplicate identifier.
        if (seen !== e.digest) ackRows.push({ to_code: e.sender, message_id: e.messageId, status: 'FAILED', reason: FailedReason.DUPLICATE_MESSAGE_ID, detail: 'message ID already used with another payload', at });
        continue;
      }
      let status: 'RECEIVED' | 'FAILED' = 'RECEIVED';
      let reason: FailedReason | null = null;
      let detail: string | null = null;
      try {
        if (!handler) throw new Error('no message handler registered');
        if (savepoints) await trx.transaction((sp) => handler({ envelope: e, payload }, sp));
        else await handler({ envelope: e, payload }, trx);
        this.attempts.delete(key);
      } catch (err) {
        // Without a savepoint the handler's partial writes cannot be undone alone: start over.
        if (!savepoints) throw new RunWithSavepoints(String(err));
        if (err instanceof MessageRejectedError) {
          [status, reason, detail] = ['FAILED', err.reason, err.message];
        } else {
          const n = (this.attempts.get(key) ?? 0) + 1;
          this.attempts.set(key, n);
          this.o.log('warn', 'message handler failed', { messageId: e.messageId, attempt: n, err: String(err) });
          if (n < this.o.maxAttempts) {
            // Retried before anything that arrived after it (order kept, see processBatch).
            for (const rest of docs.slice(i)) deferred.push(rest.d);
            for (let j = 0; j < received.length; j += 100) await trx('mades_received').insert(received.slice(j, j + 100));
            return true;
          }
          this.attempts.delete(key);
          [status, reason, detail] = ['FAILED', FailedReason.HANDLER_ERROR, String(err).slice(0, 1000)];
        }
      }
      known.set(key, e.digest);
      received.push({ sender: e.sender, message_id: e.messageId, digest: e.digest, business_type: e.businessType, ba_message_id: e.baMessageId, status, reason, received_at: at });
      ackRows.push({ to_code: e.sender, message_id: e.messageId, status, reason, detail, at });
    }
    for (let i = 0; i < received.length; i += 100) await trx('mades_received').insert(received.slice(i, i + 100));
    return false;
  }

  private async applyAcks(trx: Knex, acks: Verified[]): Promise<StatusChange[]> {
    const changes: StatusChange[] = [];
    for (const { e, payload } of acks) {
      const items = decodeAcks(payload);
      if (!items) {
        this.o.log('warn', 'malformed transport acknowledgement ignored', { sender: e.sender, messageId: e.messageId });
        continue;
      }
      const transitions: Transition[] = items.map((a) => ({ messageId: a.id, status: a.status, reason: a.reason, detail: a.detail, at: a.at }));
      // Only the receiver of a message may acknowledge it.
      changes.push(...(await applyTransitions(trx, transitions, e.sender)));
    }
    return changes;
  }
}
