// RabbitMQ transport over amqplib (F1). Publishes with publisher confirms and `mandatory`, so a
// resolved publish means the broker holds the message in a durable queue; reconnects on its own
// with exponential backoff and jitter, re-declaring the topology and re-subscribing consumers.
// Deliveries from a lost channel are simply not acknowledged: the broker redelivers them, and the
// inbox de-duplication makes the second delivery harmless.
import amqp from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { MadesError, MadesErrorCode } from '../errors.js';
import { declareComponentQueues, declareShared, type QueueType } from './amqp-topology.js';
import { amqpSocketOptions, type AmqpTlsSource } from './amqp-tls.js';
import { Topology } from './topology.js';
import type { ConsumeOptions, DeadLetter, DeathReason, Delivery, OutgoingMessage, PublishOutcome, Subscription, Transport } from './transport.js';

export interface AmqpTransportOptions {
  /** The broker; with `urls` as well, tried after them. */
  url?: string;
  /**
   * Several brokers of one cluster (failover): every (re)connect tries them in turn, starting
   * with the one that last worked, and takes the first that accepts the connection.
   */
  urls?: string[];
  queueType?: QueueType;
  /** First reconnect delay and its cap; doubled per failed attempt, ±20 % jitter. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  onEvent?: (event: 'connected' | 'disconnected' | 'reconnect-failed', detail?: unknown) => void;
  /** For amqps URLs: the pinned CA and optional client certificate (issue 13). */
  tls?: AmqpTlsSource;
}

interface Sub {
  queue: string;
  prefetch: number;
  dead: boolean;
  onDelivery: (d: DeadLetter) => void;
  channel?: Channel;
}

export class AmqpTransport implements Transport {
  private conn: ChannelModel | undefined;
  private pub: ConfirmChannel | undefined;
  private readonly declared = new Set<string>();
  private readonly subs = new Set<Sub>();
  private readonly returned = new Set<string>();
  /**
   * Publish channels that closed: marked by one 'close' listener per channel, not one per publish
   * call — many concurrent publishes (relay, fast lane, transport acks) would each add a listener
   * (Node's MaxListenersExceededWarning at 11).
   */
  private readonly closedChannels = new WeakSet<ConfirmChannel>();
  private closing = false;
  private connecting: Promise<void> | undefined;
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly urls: string[];
  /** Index in `urls` of the broker that last accepted a connection (tried first next time). */
  private current = 0;

  constructor(private readonly options: AmqpTransportOptions) {
    this.urls = [...(options.urls ?? []), ...(options.url === undefined ? [] : [options.url])];
    if (this.urls.length === 0) throw new MadesError(MadesErrorCode.INVALID_REQUEST, 'AmqpTransport needs url or urls');
  }

  async start(): Promise<void> {
    this.closing = false;
    if (!this.conn) await this.connect();
  }

  private async connect(): Promise<void> {
    this.connecting ??= this.doConnect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Tries every URL once, from the one that last worked; rejects with the last error. */
  private async openConnection(): Promise<ChannelModel> {
    let lastError: unknown;
    for (let i = 0; i < this.urls.length; i++) {
      const index = (this.current + i) % this.urls.length;
      try {
        const url = this.urls[index]!;
        const conn = await amqp.connect(url, amqpSocketOptions(url, this.options.tls));
        this.current = index;
        return conn;
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  }

  private async doConnect(): Promise<void> {
    const conn = await this.openConnection();
    try {
      conn.on('error', () => undefined); // 'close' follows; handled there
      const pub = await conn.createConfirmChannel();
      pub.on('error', () => undefined);
      pub.on('return', (msg: ConsumeMessage) => {
        if (msg.properties.messageId) this.returned.add(String(msg.properties.messageId));
      });
      await declareShared(pub);
      for (const code of this.declared) await declareComponentQueues(pub, code, this.queueType);
      for (const sub of this.subs) await this.subscribe(conn, sub);
      // Only a fully set-up connection counts: losing any channel means reconnecting everything.
      conn.on('close', () => this.lost(conn));
      pub.on('close', () => {
        this.closedChannels.add(pub);
        this.lost(conn);
      });
      this.conn = conn;
      this.pub = pub;
      this.attempt = 0;
      for (const w of this.waiters.splice(0)) w.resolve();
      this.options.onEvent?.('connected');
    } catch (err) {
      await conn.close().catch(() => undefined);
      throw err;
    }
  }

  private get queueType(): QueueType {
    return this.options.queueType ?? 'classic';
  }

  private lost(conn: ChannelModel): void {
    if (this.conn !== conn) return;
    this.conn = undefined;
    this.pub = undefined;
    for (const sub of this.subs) sub.channel = undefined;
    void conn.close().catch(() => undefined);
    if (this.closing) return;
    this.options.onEvent?.('disconnected');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    const initial = this.options.reconnectInitialMs ?? 100;
    const max = this.options.reconnectMaxMs ?? 5_000;
    const delay = Math.min(max, initial * 2 ** this.attempt++) * (0.8 + Math.random() * 0.4);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch((err) => {
        this.options.onEvent?.('reconnect-failed', err);
        this.scheduleReconnect();
      });
    }, delay);
  }

  /** Waits until connected (or rejects once closed). */
  private ready(): Promise<void> {
    if (this.closing) return Promise.reject(new MadesError(MadesErrorCode.TRANSPORT_CLOSED, 'transport closed'));
    if (this.conn && this.pub) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  async declareComponent(code: string): Promise<void> {
    if (this.declared.has(code)) return;
    await this.ready();
    // A separate channel: a declaration refused by the broker (406) must not kill the publish channel.
    const ch = await this.conn!.createChannel();
    ch.on('error', () => undefined);
    try {
      await declareComponentQueues(ch, code, this.queueType);
      this.declared.add(code);
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<PublishOutcome[]> {
    await this.ready();
    const ch = this.pub!;
    const closed = () => this.closedChannels.has(ch);
    const pending: Promise<PublishOutcome>[] = [];
    for (const m of messages) {
      let ok = true;
      pending.push(
        new Promise<PublishOutcome>((resolve, reject) => {
          ok = ch.publish(Topology.exchange, m.receiver, m.body, publishOptions(m), (err) => {
            if (closed()) return reject(new MadesError(MadesErrorCode.TRANSPORT_CLOSED, 'channel closed before the broker confirmed', { cause: err }));
            // basic.return precedes the confirm of the same message, so the set is filled by now.
            if (this.returned.delete(m.messageId)) return resolve('unroutable');
            resolve(err ? 'rejected' : 'confirmed');
          });
        }),
      );
      // Back-pressure: wait for the socket to drain rather than buffering without bound.
      if (!ok && !closed()) await new Promise<void>((r) => {
        const done = () => { ch.off('drain', done); ch.off('close', done); r(); };
        ch.on('drain', done);
        ch.on('close', done);
      });
    }
    return Promise.all(pending);
  }

  consumeInbox(code: string, onDelivery: (d: Delivery) => void, options: ConsumeOptions): Promise<Subscription> {
    return this.consume({ queue: Topology.inbox(code), prefetch: options.prefetch, dead: false, onDelivery });
  }

  consumeDeadLetters(code: string, onDelivery: (d: DeadLetter) => void, options: ConsumeOptions): Promise<Subscription> {
    return this.consume({ queue: Topology.deadLetters(code), prefetch: options.prefetch, dead: true, onDelivery });
  }

  private async consume(sub: Sub): Promise<Subscription> {
    await this.ready();
    this.subs.add(sub);
    await this.subscribe(this.conn!, sub);
    return {
      cancel: async () => {
        this.subs.delete(sub);
        await sub.channel?.close().catch(() => undefined);
        sub.channel = undefined;
      },
    };
  }

  private async subscribe(conn: ChannelModel, sub: Sub): Promise<void> {
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    ch.on('close', () => {
      if (this.subs.has(sub)) this.lost(conn); // a cancelled subscription's close is expected
    });
    await ch.prefetch(sub.prefetch);
    let open = true;
    ch.on('close', () => (open = false));
    await ch.consume(sub.queue, (msg) => {
      if (!msg) return; // consumer cancelled by the broker (queue deleted): the close handler reconnects
      const settle = (fn: () => void) => () => {
        if (open) fn(); // a lost channel's deliveries come back by redelivery
      };
      sub.onDelivery({
        body: msg.content,
        headers: (msg.properties.headers ?? {}) as Record<string, unknown>,
        messageId: msg.properties.messageId === undefined ? undefined : String(msg.properties.messageId),
        priority: Number(msg.properties.priority ?? 0),
        redelivered: msg.fields.redelivered,
        deathReason: sub.dead ? deathReason(msg) : 'unknown',
        ack: settle(() => ch.ack(msg)),
        requeue: settle(() => ch.nack(msg, false, true)),
        deadLetter: settle(() => ch.nack(msg, false, false)),
      });
    });
    sub.channel = ch;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    for (const w of this.waiters.splice(0)) w.reject(new MadesError(MadesErrorCode.TRANSPORT_CLOSED, 'transport closed'));
    await this.connecting?.catch(() => undefined);
    const conn = this.conn;
    this.conn = undefined;
    this.pub = undefined;
    await conn?.close().catch(() => undefined);
  }
}

function publishOptions(m: OutgoingMessage): amqp.Options.Publish {
  return {
    persistent: true,
    mandatory: true,
    messageId: m.messageId,
    priority: m.priority,
    headers: m.headers,
    contentType: 'application/octet-stream',
    ...(m.expirationMs === undefined ? {} : { expiration: String(Math.max(1, Math.floor(m.expirationMs))) }),
  };
}

function deathReason(msg: ConsumeMessage): DeathReason {
  const headers = msg.properties.headers ?? {};
  const first = headers['x-first-death-reason'] ?? (headers['x-death'] as { reason?: string }[] | undefined)?.[0]?.reason;
  const r = String(first ?? 'unknown');
  return r === 'expired' || r === 'rejected' || r === 'maxlen' || r === 'delivery_limit' ? r : 'unknown';
}
