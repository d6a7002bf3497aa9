// SEAM FOR COMPONENT TESTS — not the messaging layer. Implements the Messenger contract in memory:
// records every document whose transaction committed (a rolled-back send is never recorded, as
// with the transactional outbox), and lets a test deliver documents from "the core" into the
// endpoint's handler inside a real knex transaction. End-to-end tests over RabbitMQ come later.
import type { Knex } from 'knex';
import type { Database } from '../../packages/storage/src/index.js';
import { buildDocument, parseDocument, type DocumentOf, type ParsedDocument } from '../../packages/iec62325/src/index.js';
import type { Messenger, OutgoingDocument, ReceivedDocument, TrackingStatus } from '../../packages/runtime/src/index.js';

export interface RecordedSend extends OutgoingDocument {
  messageId: string;
  /** The payload read back with the real parser (schema-validated). */
  parsed: ParsedDocument;
}

export class RecordingMessenger implements Messenger {
  readonly sent: RecordedSend[] = [];
  readonly tracking = new Map<string, TrackingStatus>();
  private handler: ((doc: ReceivedDocument, trx: Knex.Transaction) => Promise<void>) | undefined;
  private counter = 0;

  constructor(
    private readonly db: Database,
    readonly parties: readonly string[],
    private readonly coreParty: string,
  ) {}

  async sendToCore(trx: Knex.Transaction, doc: OutgoingDocument): Promise<string> {
    const messageId = `msg-${++this.counter}`;
    const parsed = parseDocument(doc.payload);
    void trx.executionPromise.then(
      () => {
        this.sent.push({ ...doc, messageId, parsed });
        this.tracking.set(messageId, { messageId, state: 'ACCEPTED', history: [{ state: 'ACCEPTED', at: new Date().toISOString() }] });
      },
      () => undefined,
    );
    return messageId;
  }

  async sendToParty(): Promise<string> {
    throw new Error('the DSO endpoint only ever sends to the core (F1)');
  }

  onDocument(handler: (doc: ReceivedDocument, trx: Knex.Transaction) => Promise<void>): void {
    this.handler = handler;
  }

  async status(messageId: string): Promise<TrackingStatus | undefined> {
    return this.tracking.get(messageId);
  }

  /** Delivers a document as if the core had sent it; resolves after the handler's commit. */
  async deliver(doc: ParsedDocument, options: { senderParty?: string; payload?: Uint8Array } = {}): Promise<void> {
    if (!this.handler) throw new Error('no document handler registered');
    const handler = this.handler;
    const received: ReceivedDocument = {
      messageId: `in-${++this.counter}`,
      businessType: doc.kind,
      payload: options.payload ?? new TextEncoder().encode(buildDocument(doc)),
      senderParty: options.senderParty ?? this.coreParty,
      senderComponent: 'core',
      baMessageId: doc.document.mRID,
      receivedAt: new Date().toISOString(),
    };
    await this.db.transaction((trx) => handler(received, trx));
  }

  /** The documents sent so far of one kind, typed. */
  sentOfKind<K extends ParsedDocument['kind']>(kind: K): Array<DocumentOf<K>> {
    return this.sent.filter((s) => s.parsed.kind === kind).map((s) => s.parsed.document as unknown as DocumentOf<K>);
  }
}
