// The facade a component uses (F1): send documents through the transactional outbox, receive
// verified documents inside a transaction, follow each sent message's status. It owns the relay,
// the inbox consumer and the dead-letter consumer; the transport and the database are given.
import { EventEmitter } from 'node:events';
import type { Knex } from 'knex';
import type { ComponentIdentity, DirectoryView } from '../../trust/src/index.js';
import { migrate, whenCommitted } from '../../storage/src/index.js';
import { DEFAULT_ENCRYPTION_POLICY, type EncryptionPolicy } from './envelope/encryption.policy.js';
import { MadesError, MadesErrorCode } from './errors.js';
import { InboxConsumer, type MessageHandler } from './inbox/inbox-consumer.js';
import { writeOutbox, type SendRequest } from './outbox/outbox-writer.js';
import { OutboxRelay } from './outbox/relay.js';
import { madesMigrations } from './storage/migrations.js';
import { DeadLetterConsumer } from './tracking/dead-letter-consumer.js';
import { readStatus, type StatusChange, type TrackedMessage } from './tracking/status.js';
import type { Transport } from './transport/transport.js';

export const DEFAULT_TTL_MS = 14 * 24 * 3600 * 1000;

export interface EndpointOptions {
  identity: ComponentIdentity;
  directory: DirectoryView;
  transport: Transport;
  db: Knex;
  /** Default 14 days (F1); per business type below. */
  defaultTtlMs?: number;
  ttlByBusinessType?: Record<string, number>;
  /** Largest accepted payload; default 8 MiB. */
  maxPayloadBytes?: number;
  /**
   * Payload encryption per business type (F1, NF3); default: required for every business type,
   * none exempted. The sender encrypts what it requires; the receiver refuses plaintext it requires.
   */
  encryption?: EncryptionPolicy;
  /** Unacknowledged deliveries in flight; default 256. */
  prefetch?: number;
  /** Messages per inbox transaction; default 128. */
  inboxBatchSize?: number;
  /** Outbox rows per relay round; default 256. */
  relayBatchSize?: number;
  /** How often the relay looks when nobody wakes it; default 250 ms. */
  pollIntervalMs?: number;
  /** Handler failures before a message ends FAILED (HANDLER_ERROR); default 5. */
  maxAttempts?: number;
  /**
   * Set when the message handler has no effect outside its transaction before the commit (it
   * defers wake-ups, publishes and events to whenCommitted/afterCommit) and may therefore run a
   * second time after a rollback. The inbox then runs a batch without one savepoint per message
   * and, only when a handler throws, rolls the batch back and runs it again with savepoints
   * (issue 14: two statements fewer per received message). Ignored while a tap is registered (the
   * business channel publishes inside the transaction). Default false: a savepoint per message.
   */
  retrySafeHandler?: boolean;
  log?: (level: 'info' | 'warn' | 'error', msg: string, extra?: object) => void;
}

export interface MessagingEndpointEvents {
  status: [StatusChange];
  error: [unknown];
}

export class MessagingEndpoint extends EventEmitter<MessagingEndpointEvents> {
  private handler: MessageHandler | undefined;
  private readonly taps: MessageHandler[] = [];
  private readonly relay: OutboxRelay;
  private readonly inbox: InboxConsumer;
  private readonly dead: DeadLetterConsumer;
  private started = false;
  private readonly maxPayloadBytes: number;
  private readonly encryption: EncryptionPolicy;

  constructor(private readonly o: EndpointOptions) {
    super();
    const log = o.log ?? (() => undefined);
    const onChanges = (changes: StatusChange[]) => changes.forEach((c) => this.emit('status', c));
    this.maxPayloadBytes = o.maxPayloadBytes ?? 8 * 1024 * 1024;
    this.encryption = o.encryption ?? DEFAULT_ENCRYPTION_POLICY;
    this.relay = new OutboxRelay({
      db: o.db,
      transport: o.transport,
      identity: o.identity,
      batchSize: o.relayBatchSize ?? 256,
      pollIntervalMs: o.pollIntervalMs ?? 250,
      ackTtlMs: o.defaultTtlMs ?? DEFAULT_TTL_MS,
      onChanges,
      onError: (err) => log('warn', 'outbox relay: will retry', { err: String(err) }),
      yieldTo: () => this.inbox.whenNoUrgent(),
    });
    this.inbox = new InboxConsumer({
      db: o.db,
      transport: o.transport,
      identity: o.identity,
      directory: o.directory,
      maxPayloadBytes: this.maxPayloadBytes,
      encryption: this.encryption,
      prefetch: o.prefetch ?? 256,
      batchSize: o.inboxBatchSize ?? 128,
      maxAttempts: o.maxAttempts ?? 5,
      handler: () => this.composedHandler(),
      handlersRetrySafe: () => (o.retrySafeHandler ?? false) && this.taps.length === 0,
      onChanges,
      onAcksQueued: () => this.relay.wake('acks'),
      log,
    });
    this.dead = new DeadLetterConsumer({ db: o.db, transport: o.transport, identity: o.identity, onChanges, log });
  }

  get code(): string {
    return this.o.identity.code;
  }

  /** Migrates the mades tables, declares this component's queues and starts relaying and consuming. */
  async start(): Promise<void> {
    if (this.started) return;
    await migrate(this.o.db, 'mades', madesMigrations);
    await this.o.transport.start();
    await this.o.transport.declareComponent(this.code);
    await this.inbox.start();
    await this.dead.start();
    this.relay.start();
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.inbox.stop();
    await this.dead.stop();
    await this.relay.stop();
  }

  /**
   * Registers the one receiving handler. It runs inside a transaction (a savepoint per message,
   * unless `retrySafeHandler`); the de-duplication row and the acknowledgement are committed
   * with its effect. Deliveries that arrive before a handler is registered are retried, then
   * FAILED (HANDLER_ERROR).
   */
  onMessage(handler: MessageHandler): void {
    this.handler = handler;
  }

  /**
   * Adds a receiver that also sees every verified document, after the main handler and in the
   * same savepoint (e.g. the business-application channel delivering to `tps.<code>.inbox`). A
   * throw from it is handled like a throw from the main handler.
   */
  tap(handler: MessageHandler): void {
    this.taps.push(handler);
  }

  get db(): Knex {
    return this.o.db;
  }

  private composedHandler(): MessageHandler | undefined {
    if (this.taps.length === 0) return this.handler;
    const all = [...(this.handler ? [this.handler] : []), ...this.taps];
    return async (message, trx) => {
      for (const h of all) await h(message, trx);
    };
  }

  /**
   * Writes the signed message to the outbox inside `trx` when given (so it commits with the
   * caller's own writes), else in its own transaction. Returns the message ID once written; the
   * message leaves when the transaction commits.
   */
  async send(request: SendRequest, trx?: Knex.Transaction): Promise<string> {
    const options = { identity: this.o.identity, directory: this.o.directory, maxPayloadBytes: this.maxPayloadBytes, encryption: this.encryption, ttlFor: (bt: string) => this.ttlFor(bt) };
    const result = trx ? await writeOutbox(trx, options, request) : await this.o.db.transaction((own) => writeOutbox(own, options, request));
    // The outermost commit: `trx` may be a savepoint (a handler answering a received message).
    const committed = trx ? whenCommitted(trx) : Promise.resolve();
    committed.then(
      () => {
        if (result.failed) return void this.emit('status', result.failed);
        if (result.urgent) return this.relay.publishNow(result.urgent);
        this.relay.wake();
      },
      () => undefined, // rolled back: the message never existed
    );
    return result.messageId;
  }

  async status(messageId: string): Promise<TrackedMessage | undefined> {
    return readStatus(this.o.db, messageId);
  }

  private ttlFor(businessType: string): number {
    return this.o.ttlByBusinessType?.[businessType] ?? this.o.defaultTtlMs ?? DEFAULT_TTL_MS;
  }

  /** For callers that must fail fast when used before start(). */
  assertStarted(): void {
    if (!this.started) throw new MadesError(MadesErrorCode.NOT_STARTED, 'messaging endpoint not started');
  }
}
