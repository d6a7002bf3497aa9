// The messaging layer talks to a broker only through this interface (STYLE "Transport behind an
// interface"): RabbitMQ (amqp-transport.ts) and the embedded in-process transport
// (memory-transport.ts) implement it and pass the same contract suite (transport.contract.ts).
// Semantics follow AMQP 0-9-1 as RabbitMQ implements it, because that is what the platform runs on.

export interface OutgoingMessage {
  /** Component code of the receiver: the routing key. */
  receiver: string;
  messageId: string;
  body: Buffer;
  headers: Record<string, string>;
  /** 0 … 9; honoured by priority-capable (classic) queues. */
  priority: number;
  /** Per-message TTL: after this the broker dead-letters the message (reason 'expired'). */
  expirationMs?: number;
}

/**
 * 'confirmed': the broker holds the message in the receiver's durable queue.
 * 'unroutable': no queue is bound for the receiver (mandatory publish returned it).
 * 'rejected': the broker refused it (negative confirm).
 */
export type PublishOutcome = 'confirmed' | 'unroutable' | 'rejected';

export interface Delivery {
  readonly body: Buffer;
  readonly headers: Record<string, unknown>;
  readonly messageId: string | undefined;
  readonly priority: number;
  /** True when the broker delivered this message before without an ack. */
  readonly redelivered: boolean;
  /** Done: remove from the queue. No-op if the channel it came from is gone (it will be redelivered). */
  ack(): void;
  /** Give it back for redelivery. */
  requeue(): void;
  /** Refuse it for good: the broker dead-letters it (poison message; never an endless loop). */
  deadLetter(): void;
}

export type DeathReason = 'expired' | 'rejected' | 'maxlen' | 'delivery_limit' | 'unknown';

export interface DeadLetter extends Delivery {
  readonly deathReason: DeathReason;
}

export interface Subscription {
  cancel(): Promise<void>;
}

export interface ConsumeOptions {
  /** Unacknowledged deliveries in flight; > 1 so verification and commits can be batched. */
  prefetch: number;
}

export interface Transport {
  /** Connects and declares the shared topology; idempotent. */
  start(): Promise<void>;
  /**
   * Declares (idempotently) a component's inbox and dead-letter queues and their bindings. A
   * sender declares its receiver too, so nothing is lost when the receiver has not started yet.
   */
  declareComponent(code: string): Promise<void>;
  /** Publishes durably; resolves per message once the broker has taken responsibility (or refused). */
  publish(messages: readonly OutgoingMessage[]): Promise<PublishOutcome[]>;
  /** Consumes a component's inbox. Survives reconnects: the subscription is re-established. */
  consumeInbox(code: string, onDelivery: (d: Delivery) => void, options: ConsumeOptions): Promise<Subscription>;
  /** Consumes the dead letters of messages this component sent (routed by the tps-sender header). */
  consumeDeadLetters(code: string, onDelivery: (d: DeadLetter) => void, options: ConsumeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
