// The embedded in-process transport (F1, embedded default when AMQP_URL is unset). One
// MemoryBroker holds the queues of every component in the process; each endpoint gets its own
// MemoryTransport "connection" to it. It reproduces the RabbitMQ behaviour the platform relies on
// and is held to the same contract suite: priority order, per-message TTL with dead-lettering to
// the sender, redelivery of unacknowledged messages when a connection closes, prefetch.
import { Topology } from './topology.js';
import type { ConsumeOptions, DeadLetter, DeathReason, Delivery, OutgoingMessage, PublishOutcome, Subscription, Transport } from './transport.js';

interface Entry {
  msg: OutgoingMessage;
  seq: number;
  expiresAt: number | undefined;
  redelivered: boolean;
  deathReason?: DeathReason;
}

interface Consumer {
  owner: MemoryTransport;
  prefetch: number;
  unacked: Set<Entry>;
  deliver(entry: Entry, settle: (how: 'ack' | 'requeue' | 'dead') => void): void;
}

class MemoryQueue {
  readonly entries: Entry[] = [];
  readonly consumers: Consumer[] = [];
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;

  constructor(
    readonly name: string,
    private readonly broker: MemoryBroker,
  ) {}

  push(entry: Entry): void {
    this.entries.push(entry);
    this.schedule();
  }

  /** Dispatch asynchronously, like a broker: publishers never run consumer code on their stack. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    this.expire();
    while (this.entries.length > 0) {
      const consumer = this.pickConsumer();
      if (!consumer) break;
      // Highest priority first, FIFO within a priority (RabbitMQ classic priority queue).
      let best = 0;
      for (let i = 1; i < this.entries.length; i++) {
        const a = this.entries[i]!;
        const b = this.entries[best]!;
        if (a.msg.priority > b.msg.priority || (a.msg.priority === b.msg.priority && a.seq < b.seq)) best = i;
      }
      const [entry] = this.entries.splice(best, 1);
      consumer.unacked.add(entry!);
      let settled = false;
      consumer.deliver(entry!, (how) => {
        if (settled || !consumer.unacked.has(entry!)) return; // double settle, or channel already closed
        settled = true;
        consumer.unacked.delete(entry!);
        if (how === 'requeue') this.requeue([entry!]);
        else if (how === 'dead') this.broker.deadLetter(entry!, 'rejected');
        this.schedule();
      });
    }
    this.armTimer();
  }

  private pickConsumer(): Consumer | undefined {
    for (let i = 0; i < this.consumers.length; i++) {
      const c = this.consumers[(this.next + i) % this.consumers.length]!;
      if (c.unacked.size < c.prefetch) {
        this.next = (this.next + i + 1) % this.consumers.length;
        return c;
      }
    }
    return undefined;
  }

  requeue(entries: Entry[]): void {
    for (const e of entries) {
      e.redelivered = true;
      this.entries.push(e); // keeps its seq, so it goes back to its original place in order
    }
    this.schedule();
  }

  private expire(): void {
    const now = Date.now();
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (e.expiresAt !== undefined && e.expiresAt <= now) {
        this.entries.splice(i, 1);
        this.broker.deadLetter(e, 'expired');
      }
    }
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let soonest = Infinity;
    for (const e of this.entries) if (e.expiresAt !== undefined && e.expiresAt < soonest) soonest = e.expiresAt;
    if (soonest === Infinity) return;
    this.timer = setTimeout(() => this.schedule(), Math.max(0, soonest - Date.now()) + 1);
    this.timer.unref();
  }
}

/** The in-process "broker" shared by every endpoint of an embedded deployment. */
export class MemoryBroker {
  private readonly queues = new Map<string, MemoryQueue>();
  private seq = 0;

  queue(name: string): MemoryQueue {
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = new MemoryQueue(name, this)));
    return q;
  }

  has(name: string): boolean {
    return this.queues.has(name);
  }

  publish(msg: OutgoingMessage): PublishOutcome {
    const name = Topology.inbox(msg.receiver);
    if (!this.queues.has(name)) return 'unroutable';
    // The broker owns its copy: later changes to the caller's buffer must not alter a queued message.
    const copy = { ...msg, body: Buffer.from(msg.body), headers: { ...msg.headers } };
    this.queue(name).push({ msg: copy, seq: this.seq++, expiresAt: msg.expirationMs === undefined ? undefined : Date.now() + msg.expirationMs, redelivered: false });
    return 'confirmed';
  }

  deadLetter(entry: Entry, reason: DeathReason): void {
    const sender = entry.msg.headers[Topology.senderHeader];
    const name = sender === undefined ? undefined : Topology.deadLetters(sender);
    if (name === undefined || !this.queues.has(name)) return; // no binding matches: dropped, as in RabbitMQ
    this.queue(name).push({ msg: entry.msg, seq: this.seq++, expiresAt: undefined, redelivered: false, deathReason: reason });
  }
}

export class MemoryTransport implements Transport {
  private readonly consumers = new Set<{ queue: MemoryQueue; consumer: Consumer }>();
  private closed = false;

  constructor(private readonly broker: MemoryBroker) {}

  async start(): Promise<void> {
    this.closed = false;
  }

  async declareComponent(code: string): Promise<void> {
    this.broker.queue(Topology.inbox(code));
    this.broker.queue(Topology.deadLetters(code));
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<PublishOutcome[]> {
    if (this.closed) throw new Error('memory transport is closed');
    return messages.map((m) => this.broker.publish(m));
  }

  consumeInbox(code: string, onDelivery: (d: Delivery) => void, options: ConsumeOptions): Promise<Subscription> {
    return this.consume(Topology.inbox(code), onDelivery as (d: DeadLetter) => void, options);
  }

  consumeDeadLetters(code: string, onDelivery: (d: DeadLetter) => void, options: ConsumeOptions): Promise<Subscription> {
    return this.consume(Topology.deadLetters(code), onDelivery, options);
  }

  private async consume(name: string, onDelivery: (d: DeadLetter) => void, options: ConsumeOptions): Promise<Subscription> {
    if (this.closed) throw new Error('memory transport is closed');
    const queue = this.broker.queue(name);
    const consumer: Consumer = {
      owner: this,
      prefetch: Math.max(1, options.prefetch),
      unacked: new Set(),
      deliver: (entry, settle) =>
        onDelivery({
          body: entry.msg.body,
          headers: entry.msg.headers,
          messageId: entry.msg.messageId,
          priority: entry.msg.priority,
          redelivered: entry.redelivered,
          deathReason: entry.deathReason ?? 'unknown',
          ack: () => settle('ack'),
          requeue: () => settle('requeue'),
          deadLetter: () => settle('dead'),
        }),
    };
    const handle = { queue, consumer };
    queue.consumers.push(consumer);
    this.consumers.add(handle);
    queue.schedule();
    return { cancel: async () => this.cancel(handle) };
  }

  private cancel(handle: { queue: MemoryQueue; consumer: Consumer }): void {
    if (!this.consumers.delete(handle)) return;
    const { queue, consumer } = handle;
    queue.consumers.splice(queue.consumers.indexOf(consumer), 1);
    // Like a closed AMQP channel: everything unacknowledged goes back for redelivery.
    const unacked = [...consumer.unacked];
    consumer.unacked.clear();
    queue.requeue(unacked);
  }

  async close(): Promise<void> {
    for (const handle of [...this.consumers]) this.cancel(handle);
    this.closed = true;
  }
}
