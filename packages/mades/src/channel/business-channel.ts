// The business-application channel (F1, as ECP's ecp.endpoint.outbox / inbox / send.event): an
// application that speaks AMQP but knows nothing of envelopes or signatures publishes a document
// to tps.<code>.outbox, receives documents on tps.<code>.inbox and follows what it sent on
// tps.<code>.send.event. These queues are apart from the platform's transport queues
// (mades.inbox.<code>, mades.dead.<code>): the application never sees a signed envelope, and the
// endpoint signs, sends, verifies and tracks exactly as for its own documents. RabbitMQ only —
// the in-process transport has no such channel.
import amqp from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { DirectoryView } from '../../../trust/src/index.js';
import { MadesError, MadesErrorCode } from '../errors.js';
import type { MessagingEndpoint } from '../endpoint.js';
import type { MessageHandler } from '../inbox/inbox-consumer.js';
import { MessageStatus, type StatusChange } from '../tracking/status.js';
import { amqpSocketOptions, type AmqpTlsSource } from '../transport/amqp-tls.js';
import { readChannelInput, type ChannelInput, type ChannelReason } from './channel-input.js';

export const BusinessQueues = {
  /** Documents the application sends: headers receiverCode, messageType, baMessageID?, senderParty?. */
  outbox: (code: string) => `tps.${code}.outbox`,
  /** Documents received for the application (verified; body = the document bytes). */
  inbox: (code: string) => `tps.${code}.inbox`,
  /** Status of what the application sent: ACCEPTED, DELIVERED, RECEIVED, FAILED (+ reason). */
  sendEvent: (code: string) => `tps.${code}.send.event`,
} as const;

export interface BusinessChannelOptions {
  endpoint: MessagingEndpoint;
  directory: DirectoryView;
  amqpUrl: string;
  /** For an amqps URL: the pinned CA and optional client certificate (issue 13). */
  tls?: AmqpTlsSource;
  /** Parties this component speaks for; the `senderParty` header must be one of them. */
  parties: readonly string[];
  /** Business types the application may send; default: any syntactically valid one. */
  businessTypes?: readonly string[];
  /** Which received documents go to tps.<code>.inbox; default: all. */
  deliver?: (businessType: string) => boolean;
  /** Largest document accepted from the application; default 8 MiB. */
  maxPayloadBytes?: number;
  /** Outbox messages in flight; default 16 (they are handled one after another). */
  prefetch?: number;
  reconnectMaxMs?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, extra?: object) => void;
}

/** The JSON body of a send.event message (its headers repeat messageID, baMessageID and status). */
export interface SendEvent {
  messageID: string;
  baMessageID: string;
  status: MessageStatus;
  reason?: string;
  detail?: string;
  receiverCode: string;
  messageType: string;
  at: string;
}

const FINAL: ReadonlySet<string> = new Set([MessageStatus.RECEIVED, MessageStatus.FAILED]);

export class BusinessChannel {
  private conn: ChannelModel | undefined;
  private pub: ConfirmChannel | undefined;
  private consumer: Channel | undefined;
  private closing = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Outbox messages are handled one after another (ordered, one database writer). */
  private chain: Promise<void> = Promise.resolve();
  /** Channel messages whose final status is still to be reported → their correlation id. */
  private readonly open = new Map<string, string>();
  /** Events leave in the order they happened. */
  private events: Promise<void> = Promise.resolve();
  private readonly code: string;
  private readonly log: NonNullable<BusinessChannelOptions['log']>;
  private readonly onStatus = (c: StatusChange) => void this.statusChanged(c);

  constructor(private readonly o: BusinessChannelOptions) {
    this.code = o.endpoint.code;
    this.log = o.log ?? (() => undefined);
    o.endpoint.tap(this.receive);
  }

  get queues(): { outbox: string; inbox: string; sendEvent: string } {
    return { outbox: BusinessQueues.outbox(this.code), inbox: BusinessQueues.inbox(this.code), sendEvent: BusinessQueues.sendEvent(this.code) };
  }

  /** Call after the endpoint started (its tables exist). Declares the three queues and consumes the outbox. */
  async start(): Promise<void> {
    this.closing = false;
    const db = this.o.endpoint.db;
    // Channel messages sent before a restart whose final status is still due.
    const pending = await db('mades_channel_sent as c').join('mades_sent as s', 's.message_id', 'c.message_id').whereNotIn('s.status', [...FINAL]).select('c.message_id', 'c.correlation_id');
    for (const r of pending) this.open.set(String(r.message_id), String(r.correlation_id));
    this.o.endpoint.on('status', this.onStatus);
    await this.connect();
  }

  async stop(): Promise<void> {
    this.closing = true;
    this.o.endpoint.off('status', this.onStatus);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.consumer?.close().catch(() => undefined);
    await this.chain;
    const conn = this.conn;
    this.conn = this.pub = this.consumer = undefined;
    await conn?.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const conn = await amqp.connect(this.o.amqpUrl, amqpSocketOptions(this.o.amqpUrl, this.o.tls));
    try {
      conn.on('error', () => undefined);
      const pub = await conn.createConfirmChannel();
      pub.on('error', () => undefined);
      // Plain durable classic queues, so an application may declare them too (same arguments).
      for (const q of Object.values(this.queues)) await pub.assertQueue(q, { durable: true });
      const consumer = await conn.createChannel();
      consumer.on('error', () => undefined);
      await consumer.prefetch(this.o.prefetch ?? 16);
      await consumer.consume(this.queues.outbox, (msg) => {
        if (!msg) return;
        this.chain = this.chain.then(() => this.handleOutbox(consumer, msg)).catch((err) => this.log('error', 'business channel: outbox message not handled', { err: String(err) }));
      });
      conn.on('close', () => this.lost(conn));
      this.conn = conn;
      this.pub = pub;
      this.consumer = consumer;
      this.attempt = 0;
      this.log('info', 'business channel connected', { queues: this.queues });
    } catch (err) {
      await conn.close().catch(() => undefined);
      throw err;
    }
  }

  private lost(conn: ChannelModel): void {
    if (this.conn !== conn) return;
    this.conn = this.pub = this.consumer = undefined;
    if (this.closing) return;
    this.log('warn', 'business channel lost its broker connection; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    const delay = Math.min(this.o.reconnectMaxMs ?? 5_000, 100 * 2 ** this.attempt++) * (0.8 + Math.random() * 0.4);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch(() => this.scheduleReconnect());
    }, delay);
  }

  /** One application document: validate, send through the endpoint's outbox, report, then ack. */
  private async handleOutbox(ch: Channel, msg: ConsumeMessage): Promise<void> {
    const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
    const appMessageId = typeof msg.properties.messageId === 'string' && msg.properties.messageId !== '' ? msg.properties.messageId.slice(0, 150) : undefined;
    const db = this.o.endpoint.db;
    if (appMessageId && (await db('mades_channel_sent').where('app_message_id', appMessageId).first())) {
      this.log('info', 'business channel: outbox message already sent (redelivery)', { appMessageId });
      return ch.ack(msg);
    }
    let input = this.read(headers, msg.content);
    if (!input.ok && input.reason === 'UNKNOWN_RECEIVER' && this.o.directory.refresh) {
      // F1 (ECP): the receiver may have registered after our last sync — refresh once, then decide.
      await this.o.directory.refresh();
      input = this.read(headers, msg.content);
    }
    const correlationId = appMessageId ?? headerOrEmpty(headers.baMessageID);
    const messageType = headerOrEmpty(headers.messageType);
    const receiverCode = headerOrEmpty(headers.receiverCode);
    if (!input.ok) {
      this.log('warn', 'business channel: outbox message refused', { reason: input.reason, detail: input.detail, appMessageId });
      await this.emitEvent({ messageID: '', baMessageID: input.baMessageID ?? '', status: 'FAILED', reason: input.reason, detail: input.detail, receiverCode, messageType, at: new Date().toISOString() }, correlationId);
      return ch.ack(msg);
    }
    let messageId: string;
    try {
      const req = input.request;
      messageId = await db.transaction(async (trx) => {
        const id = await this.o.endpoint.send(req, trx);
        await trx('mades_channel_sent').insert({ message_id: id, app_message_id: appMessageId ?? null, correlation_id: correlationId, accepted_at: new Date().toISOString() });
        return id;
      });
    } catch (err) {
      if (err instanceof MadesError && err.code === MadesErrorCode.INVALID_REQUEST) {
        await this.emitEvent({ messageID: '', baMessageID: input.request.baMessageID ?? '', status: 'FAILED', reason: 'INVALID_PROPERTIES' satisfies ChannelReason, detail: err.message, receiverCode, messageType, at: new Date().toISOString() }, correlationId);
        return ch.ack(msg);
      }
      // Database away: nothing committed; the broker keeps the message and offers it again.
      this.log('error', 'business channel: could not write the outbox; requeueing', { err: String(err) });
      await new Promise((r) => setTimeout(r, 500));
      return ch.nack(msg, false, true);
    }
    this.open.set(messageId, correlationId);
    await this.emitEvent({ messageID: messageId, baMessageID: input.request.baMessageID ?? '', status: 'ACCEPTED', receiverCode, messageType, at: new Date().toISOString() }, correlationId);
    ch.ack(msg);
  }

  private read(headers: Record<string, unknown>, body: Buffer): ChannelInput {
    return readChannelInput(headers, body, {
      parties: this.o.parties,
      businessTypes: this.o.businessTypes,
      maxPayloadBytes: this.o.maxPayloadBytes ?? 8 * 1024 * 1024,
      directory: this.o.directory,
    });
  }

  private statusChanged(c: StatusChange): Promise<void> {
    const correlationId = this.open.get(c.messageId);
    if (correlationId === undefined) return Promise.resolve(); // not sent through this channel
    if (FINAL.has(c.status)) this.open.delete(c.messageId);
    return this.emitEvent(
      { messageID: c.messageId, baMessageID: c.baMessageId, status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.detail ? { detail: c.detail } : {}), receiverCode: c.receiver, messageType: c.businessType, at: c.at },
      correlationId,
    );
  }

  private emitEvent(e: SendEvent, correlationId: string): Promise<void> {
    this.events = this.events.then(() => this.publishEvent(e, correlationId));
    return this.events;
  }

  /** Best effort: a status event that cannot be published is logged (the status itself is stored). */
  private async publishEvent(e: SendEvent, correlationId: string): Promise<void> {
    const pub = this.pub;
    if (!pub) return this.log('warn', 'business channel: status event not published (no broker connection)', { ...e });
    const headers: Record<string, string> = { messageID: e.messageID, baMessageID: e.baMessageID, status: e.status, receiverCode: e.receiverCode, messageType: e.messageType };
    if (e.reason) headers.reason = e.reason;
    await new Promise<void>((resolve) => {
      pub.sendToQueue(this.queues.sendEvent, Buffer.from(JSON.stringify(e), 'utf8'), { persistent: true, contentType: 'application/json', headers, ...(correlationId ? { correlationId } : {}) }, (err) => {
        if (err) this.log('warn', 'business channel: status event refused by the broker', { ...e });
        resolve();
      });
    }).catch((err) => this.log('warn', 'business channel: status event not published', { err: String(err) }));
  }

  /**
   * Endpoint tap: a verified document goes to tps.<code>.inbox inside the receiving transaction.
   * The publish is confirmed before the transaction commits, so the document is never lost; a
   * crash between confirm and commit delivers it twice (the application de-duplicates on the
   * messageID header, as with ECP).
   */
  private readonly receive: MessageHandler = async ({ envelope: e, payload }) => {
    if (e.kind !== 'DOC' || (this.o.deliver && !this.o.deliver(e.businessType))) return;
    const pub = this.pub;
    if (!pub) throw new MadesError(MadesErrorCode.TRANSPORT_CLOSED, 'business channel not connected; the document will be retried');
    await new Promise<void>((resolve, reject) => {
      pub.sendToQueue(
        this.queues.inbox,
        payload,
        {
          persistent: true,
          messageId: e.messageId,
          contentType: 'application/octet-stream',
          headers: { messageID: e.messageId, baMessageID: e.baMessageId, messageType: e.businessType, senderCode: e.sender, senderParty: e.senderParty, receiverCode: e.receiver, created: e.created },
        },
        (err) => (err ? reject(new MadesError(MadesErrorCode.PUBLISH_FAILED, 'broker refused the document for the application inbox', { cause: err })) : resolve()),
      );
    });
  };
}

function headerOrEmpty(v: unknown): string {
  if (typeof v === 'string') return v.slice(0, 150);
  if (Buffer.isBuffer(v)) return v.toString('utf8').slice(0, 150);
  return '';
}
