// The outbox relay (F1): publishes committed outbox rows — documents and transport
// acknowledgements — in batches with publisher confirms, and marks them only after the broker
// confirmed. A crash between publish and mark republishes: the receiver's de-duplication absorbs
// it. After a broker outage it resumes where it stopped, because "where" is the table itself.
import type { Knex } from 'knex';
import type { ComponentIdentity } from '../../../trust/src/index.js';
import { isPostgres } from '../../../storage/src/index.js';
import { FailedReason } from '../errors.js';
import { toHeaders } from '../envelope/headers.js';
import { signEnvelope } from '../envelope/signer.js';
import { applyTransitions, type StatusChange, type Transition } from '../tracking/status.js';
import { markDelivered } from './mark-delivered.js';
import { encodeAcks, TRANSPORT_ACK_BUSINESS_TYPE, type AckItem } from '../tracking/transport-ack.js';
import type { OutgoingMessage, PublishOutcome, Transport } from '../transport/transport.js';

export interface RelayOptions {
  db: Knex;
  transport: Transport;
  identity: ComponentIdentity;
  batchSize: number;
  pollIntervalMs: number;
  ackTtlMs: number;
  onChanges(changes: StatusChange[]): void;
  onError(err: unknown): void;
  /**
   * Resolves when the component's emergency inbox lane is idle; awaited (at most
   * MAX_GIVE_WAY_MS) before each database step of the batch loop and of the fast lane's marking,
   * so an emergency batch gets the database connection before them (see InboxConsumer.whenNoUrgent).
   */
  yieldTo?: () => Promise<void>;
}

/** Longest the relay gives way per step: a stream of emergency signals must not starve it. */
const MAX_GIVE_WAY_MS = 250;

export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  /**
   * What the next pass looks at: outbox rows and/or transport acknowledgements. A wake-up names
   * what was committed, so a pass does not select the other table in vain (issue 14: one empty
   * select per inbox batch or per send); the poll looks at both, as does a pass after an error.
   */
  private messagesDue = true;
  private acksDue = true;
  private readonly declared = new Set<string>();
  /** Emergency messages being published by the fast lane: the batch loop leaves their rows alone. */
  private readonly fastLane = new Set<string>();

  constructor(private readonly o: RelayOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** New rows were committed (outbox rows by default, or transport acknowledgements): look now instead of at the next poll. */
  wake(what: 'messages' | 'acks' = 'messages'): void {
    if (what === 'messages') this.messagesDue = true;
    else this.acksDue = true;
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * The emergency fast lane: an urgent message (priority ≥ 9) whose outbox row just committed is
   * published at once from memory, without waiting for the batch loop — which may be waiting for
   * the database connection behind a transaction of normal documents, or for the broker to
   * confirm a large batch (benchmark 2 measured up to 100–200 ms there). The row is marked
   * afterwards like any other. If anything fails the row simply stays unpublished and the batch
   * loop publishes it: the fast lane adds speed, never a way to lose a message. A replica's relay
   * on the same PostgreSQL table may publish the row a second time before it is marked; the
   * receiver's de-duplication absorbs that (same ID, same digest: "already received").
   */
  publishNow(message: OutgoingMessage): void {
    if (!this.running || this.fastLane.has(message.messageId)) return this.wake();
    this.fastLane.add(message.messageId);
    void this.fastPublish(message)
      .catch((err: unknown) => {
        this.o.onError(err);
        return false;
      })
      .then((settled) => {
        this.fastLane.delete(message.messageId);
        // Whatever the fast lane did not settle, the batch loop does. A settled row needs no pass:
        // waking the loop anyway cost two empty selects per emergency message (issue 14).
        if (!settled) this.wake();
      });
  }

  /** True when the row is settled (marked here, or found marked already); false leaves it to the batch loop. */
  private async fastPublish(message: OutgoingMessage): Promise<boolean> {
    await this.declare([message.receiver]);
    const [outcome] = await this.o.transport.publish([message]);
    if (outcome === 'rejected' || outcome === undefined) return false; // stays unpublished: retried by the loop
    await this.giveWay();
    const at = new Date().toISOString();
    if (outcome === 'confirmed') {
      // One statement instead of a transaction of four (mark-delivered.ts).
      this.o.onChanges(await markDelivered(this.o.db, [message.messageId], at));
      return true;
    }
    const transition: Transition = { messageId: message.messageId, status: 'FAILED', reason: FailedReason.UNROUTABLE, detail: 'no queue bound for the receiver', at };
    const changes = await this.o.db.transaction(async (trx) => {
      const marked = await trx('mades_sent').update({ published: true, payload: null }).where({ message_id: message.messageId, published: false });
      return marked > 0 ? applyTransitions(trx, [transition]) : [];
    });
    this.o.onChanges(changes);
    return true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.woken = false;
        const [messages, acks] = [this.messagesDue, this.acksDue];
        this.messagesDue = this.acksDue = false;
        const moreMessages = messages && (await this.relayMessages());
        const moreAcks = acks && (await this.relayAcks());
        failures = 0;
        // Only a full batch (or a refused publish) may have left rows behind: look again at once.
        // Anything committed since this pass began has called wake(), and sleep() then returns at
        // once; the old rule — look again after any work — cost two empty selects per pass (issue 14).
        if (moreMessages) this.messagesDue = true;
        if (moreAcks) this.acksDue = true;
        if (moreMessages || moreAcks) continue;
        if (!(await this.sleep(this.o.pollIntervalMs))) this.messagesDue = this.acksDue = true; // the poll
      } catch (err) {
        if (!this.running) break;
        this.messagesDue = this.acksDue = true;
        this.o.onError(err);
        // Broker or database away: back off (capped), then resume from the table.
        await this.sleep(Math.min(5_000, 100 * 2 ** failures++));
      }
    }
  }

  /** Lets an emergency batch of this component's inbox have the database first (RelayOptions.yieldTo). */
  private async giveWay(): Promise<void> {
    if (!this.o.yieldTo) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.o.yieldTo(), new Promise<void>((resolve) => (timer = setTimeout(resolve, MAX_GIVE_WAY_MS)))]);
    clearTimeout(timer);
  }

  /** True when woken, false when the time ran out. */
  private sleep(ms: number): Promise<boolean> {
    if (this.woken || !this.running) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), ms);
      const self = this;
      function done(woken = true) {
        clearTimeout(timer);
        self.wakeUp = undefined;
        resolve(woken);
      }
      this.wakeUp = done;
    });
  }

  private async declare(codes: Iterable<string>): Promise<void> {
    for (const code of codes) {
      if (this.declared.has(code)) continue;
      await this.o.transport.declareComponent(code);
      this.declared.add(code);
    }
  }

  /** One batch of documents; true when rows may be left behind it (a full batch, a refused publish). */
  private async relayMessages(): Promise<boolean> {
    const { db } = this.o;
    await this.giveWay(); // before a PostgreSQL transaction opens: no connection held while waiting
    // PostgreSQL: several relay replicas share the table; SKIP LOCKED gives each its own rows.
    // SQLite: one process per file, and a long write transaction would block the application.
    if (isPostgres(db)) return db.transaction((trx) => this.relayBatch(trx, true));
    return this.relayBatch(db, false);
  }

  private async relayBatch(db: Knex, lock: boolean): Promise<boolean> {
    // Emergency signals (priority 9) leave before a backlog of normal documents; FIFO within a priority.
    let q = db('mades_sent').select('seq', 'message_id', 'receiver', 'priority', 'created_at', 'ttl_ms', 'headers', 'payload').where('published', false).orderBy([{ column: 'priority', order: 'desc' }, { column: 'seq', order: 'asc' }]).limit(this.o.batchSize);
    // Rows the fast lane is publishing right now are its own (see publishNow); not even locked here.
    if (this.fastLane.size > 0) q = q.whereNotIn('message_id', [...this.fastLane]);
    if (lock) q = q.forUpdate().skipLocked();
    const rows = await q;
    if (rows.length === 0) return false;
    const now = Date.now();
    const at = new Date(now).toISOString();
    const expired: Transition[] = [];
    const done: number[] = [];
    const live: { seq: number; msg: OutgoingMessage }[] = [];
    for (const r of rows) {
      const left = Date.parse(r.created_at) + Number(r.ttl_ms) - now;
      if (left <= 0) {
        expired.push({ messageId: r.message_id, status: 'FAILED', reason: FailedReason.TTL_EXPIRED, detail: 'expired before it could be published', at });
        done.push(r.seq);
        continue;
      }
      live.push({
        seq: r.seq,
        msg: { receiver: r.receiver, messageId: r.message_id, body: r.payload, headers: JSON.parse(r.headers), priority: Number(r.priority), expirationMs: left },
      });
    }
    await this.declare(new Set(live.map((l) => l.msg.receiver)));
    const outcomes: PublishOutcome[] = live.length ? await this.o.transport.publish(live.map((l) => l.msg)) : [];
    const transitions: Transition[] = [...expired];
    live.forEach((l, i) => {
      if (outcomes[i] !== 'rejected') done.push(l.seq);
      if (outcomes[i] === 'confirmed') transitions.push({ messageId: l.msg.messageId, status: 'DELIVERED', at });
      else if (outcomes[i] === 'unroutable') transitions.push({ messageId: l.msg.messageId, status: 'FAILED', reason: FailedReason.UNROUTABLE, detail: 'no queue bound for the receiver', at });
      // 'rejected' (broker nack): stays unpublished and is retried with the next batch.
    });
    const mark = async (trx: Knex) => {
      for (let i = 0; i < done.length; i += 500) await trx('mades_sent').update({ published: true, payload: null }).whereIn('seq', done.slice(i, i + 500));
      return applyTransitions(trx, transitions);
    };
    if (!lock) await this.giveWay(); // PostgreSQL: still inside the transaction that locked the rows
    // The usual case — every row confirmed — is one statement per 500 rows (mark-delivered.ts);
    // expired, unroutable or refused rows take the general path.
    const allConfirmed = expired.length === 0 && outcomes.every((x) => x === 'confirmed');
    const changes = allConfirmed ? await markDelivered(db, live.map((l) => l.msg.messageId), at) : lock ? await mark(db) : await db.transaction(mark);
    this.o.onChanges(changes);
    return rows.length === this.o.batchSize || outcomes.includes('rejected');
  }

  /** Pending transport acknowledgements, one signed envelope per receiving component; true when a full batch was sent. */
  private async relayAcks(): Promise<boolean> {
    const { db, identity } = this.o;
    await this.giveWay();
    const rows = await db('mades_ack_out').select('*').orderBy('seq').limit(this.o.batchSize * 4);
    if (rows.length === 0) return false;
    const byReceiver = new Map<string, AckItem[]>();
    for (const r of rows) {
      const list = byReceiver.get(r.to_code) ?? [];
      list.push({ id: r.message_id, status: r.status, ...(r.reason ? { reason: r.reason } : {}), ...(r.detail ? { detail: String(r.detail).slice(0, 1000) } : {}), at: r.at });
      byReceiver.set(r.to_code, list);
    }
    await this.declare(byReceiver.keys());
    const messages: OutgoingMessage[] = [...byReceiver].map(([receiver, acks]) => {
      const body = encodeAcks(acks);
      const env = signEnvelope(identity, { kind: 'ACK', receiver, businessType: TRANSPORT_ACK_BUSINESS_TYPE, senderParty: '', ttlMs: this.o.ackTtlMs }, body);
      return { receiver, messageId: env.messageId, body, headers: toHeaders(env), priority: 0, expirationMs: this.o.ackTtlMs };
    });
    const outcomes = await this.o.transport.publish(messages);
    // Acks nobody can take (sender gone from the broker) are dropped rather than retried forever.
    if (outcomes.some((x) => x === 'rejected')) throw new Error('broker refused a transport acknowledgement; retrying');
    const seqs = rows.map((r) => r.seq as number);
    await this.giveWay();
    for (let i = 0; i < seqs.length; i += 500) await db('mades_ack_out').whereIn('seq', seqs.slice(i, i + 500)).delete();
    return rows.length === this.o.batchSize * 4;
  }
}
