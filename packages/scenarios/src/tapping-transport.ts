// Records every message exactly as it is handed to the broker (body bytes + signed headers), in
// publish order, across every component of the process: `tps demo --out` writes these files and
// the end-to-end tests check them (F1 schemas, NF3 privacy). A decorator: it changes nothing it
// forwards, and only messages the broker confirmed are kept. Document bodies travel encrypted for
// their receiver (F1/NF3): the tap keeps the wire bytes and opens them only with keys it is given.
import type { KeyObject } from 'node:crypto';
import { decryptPayload, Header, parseHeaders, type ConsumeOptions, type DeadLetter, type Delivery, type OutgoingMessage, type PublishOutcome, type Subscription, type Transport } from '../../mades/src/index.js';

/** One message that crossed the broker. */
export interface TappedMessage {
  /** Publish order over the whole platform, from 1. */
  seq: number;
  /** Messaging component that published it (core, agr, dso). */
  component: string;
  kind: 'DOC' | 'ACK';
  messageId: string;
  businessType: string;
  senderComponent: string;
  receiverComponent: string;
  senderParty: string;
  priority: number;
  headers: Readonly<Record<string, string>>;
  /** The bytes on the broker: ciphertext when `encrypted`. */
  body: Buffer;
  /** True when the body is encrypted for the receiving component (`tps-enc` header). */
  encrypted: boolean;
  publishedAt: number;
}

/** A transport acknowledgement seen on the wire (ACK envelope body), per acknowledged message. */
export interface TappedAck {
  messageId: string;
  status: 'RECEIVED' | 'FAILED';
  reason?: string;
  at: string;
}

type Listener = (m: TappedMessage) => void;

/** The shared record of one platform run. */
export class BrokerTap {
  private readonly messages: TappedMessage[] = [];
  private readonly seen = new Set<string>();
  private readonly listeners = new Set<Listener>();
  private readonly decryptionKeys = new Map<string, KeyObject[]>();
  private next = 1;

  /**
   * Lets the tap read what a receiving component reads: its private encryption keys (current and
   * those kept for renewal overlap). Only a test or the demo, holding every keystore, can do this.
   */
  addDecryptionKeys(componentCode: string, keys: KeyObject[]): void {
    this.decryptionKeys.set(componentCode, [...(this.decryptionKeys.get(componentCode) ?? []), ...keys]);
  }

  /** The document as its receiver reads it: decrypted with the receiver's key, or the body when sent in clear. */
  plaintext(m: TappedMessage): Buffer {
    if (!m.encrypted) return m.body;
    const parsed = parseHeaders(m.headers);
    if (!('envelope' in parsed) || !parsed.envelope.encryption) throw new Error(`message ${m.messageId}: malformed encryption headers`);
    const e = parsed.envelope;
    for (const key of this.decryptionKeys.get(m.receiverComponent) ?? []) {
      try {
        return decryptPayload(m.body, e.encryption!, e, key);
      } catch {
        // another key of the same receiver (renewal overlap) may fit
      }
    }
    throw new Error(`message ${m.messageId}: no decryption key of ${m.receiverComponent} opens it`);
  }

  /** Wraps one component's transport; give it to `startPlatform({ transportDecorator })`. */
  wrap(transport: Transport, component: string): Transport {
    return new TappingTransport(transport, component, this);
  }

  /** @internal */
  record(component: string, msg: OutgoingMessage, outcome: PublishOutcome, order: number): void {
    // The relay republishes after a crash or a negative confirm: one entry per message ID.
    if (outcome !== 'confirmed' || this.seen.has(msg.messageId)) return;
    this.seen.add(msg.messageId);
    const h = msg.headers;
    const entry: TappedMessage = {
      seq: order,
      component,
      kind: h[Header.kind] === 'ACK' ? 'ACK' : 'DOC',
      messageId: msg.messageId,
      businessType: h[Header.businessType] ?? '',
      senderComponent: h[Header.sender] ?? '',
      receiverComponent: msg.receiver,
      senderParty: h[Header.senderParty] ?? '',
      priority: msg.priority,
      headers: { ...h },
      body: Buffer.from(msg.body),
      encrypted: h[Header.enc] !== undefined,
      publishedAt: Date.now(),
    };
    this.messages.push(entry);
    this.messages.sort((a, b) => a.seq - b.seq);
    for (const l of this.listeners) l(entry);
  }

  /** @internal */
  reserve(count: number): number {
    const first = this.next;
    this.next += count;
    return first;
  }

  /** Every confirmed message so far, in publish order. */
  all(): TappedMessage[] {
    return [...this.messages];
  }

  /** Business documents only, renumbered 1..n in publish order. */
  documents(): TappedMessage[] {
    return this.messages.filter((m) => m.kind === 'DOC');
  }

  /** The transport acknowledgements carried by ACK envelopes, in order (last one per message wins). */
  acks(): TappedAck[] {
    const out: TappedAck[] = [];
    for (const m of this.messages) {
      if (m.kind !== 'ACK') continue;
      try {
        const parsed = JSON.parse(m.body.toString('utf8')) as { acks?: Array<{ id: string; status: 'RECEIVED' | 'FAILED'; reason?: string; at: string }> };
        for (const a of parsed.acks ?? []) out.push({ messageId: a.id, status: a.status, ...(a.reason ? { reason: a.reason } : {}), at: a.at });
      } catch {
        // A malformed ACK body would be a messaging-layer bug; the message then shows no final status.
      }
    }
    return out;
  }

  /** Final transport status of a message as seen on the wire: RECEIVED/FAILED, or DELIVERED (published, not yet acknowledged). */
  statusOf(messageId: string): 'DELIVERED' | 'RECEIVED' | 'FAILED' | undefined {
    let status: 'DELIVERED' | 'RECEIVED' | 'FAILED' | undefined = this.seen.has(messageId) ? 'DELIVERED' : undefined;
    for (const a of this.acks()) if (a.messageId === messageId) status = a.status;
    return status;
  }

  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

class TappingTransport implements Transport {
  constructor(
    private readonly inner: Transport,
    private readonly component: string,
    private readonly tap: BrokerTap,
  ) {}

  start(): Promise<void> {
    return this.inner.start();
  }

  declareComponent(code: string): Promise<void> {
    return this.inner.declareComponent(code);
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<PublishOutcome[]> {
    // The order is taken when the batch is handed over, not when its confirms come back.
    const first = this.tap.reserve(messages.length);
    const outcomes = await this.inner.publish(messages);
    messages.forEach((m, i) => this.tap.record(this.component, m, outcomes[i] ?? 'rejected', first + i));
    return outcomes;
  }

  consumeInbox(code: string, onDelivery: (d: Delivery) => void, options: ConsumeOptions): Promise<Subscription> {
    return this.inner.consumeInbox(code, onDelivery, options);
  }

  consumeDeadLetters(code: string, onDelivery: (d: DeadLetter) => void, options: ConsumeOptions): Promise<Subscription> {
    return this.inner.consumeDeadLetters(code, onDelivery, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
