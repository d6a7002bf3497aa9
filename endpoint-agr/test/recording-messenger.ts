// A SEAM FOR COMPONENT TESTS, not a transport: it stands in for the real Messenger (packages/mades
// over RabbitMQ) so the endpoint's HTTP behaviour can be tested in-process. End-to-end tests over
// RabbitMQ with the TPS core come later. What it keeps of the real contract:
//  - sendToCore writes an outbox row inside the caller's transaction and a document counts as
//    sent only once that transaction commits (a rollback sends nothing);
//  - deliver() runs the endpoint's handler inside a real knex transaction, like the inbox does.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Database } from '../../packages/storage/src/index.js';
import type { Messenger, OutgoingDocument, ReceivedDocument, TrackingStatus } from '../../packages/runtime/src/index.js';

export interface SentRecord extends OutgoingDocument {
  messageId: string;
  payloadText: string;
}

type Handler = (doc: ReceivedDocument, trx: Knex.Transaction) => Promise<void>;

export class RecordingMessenger implements Messenger {
  /** Documents whose transaction committed, in order. */
  readonly sent: SentRecord[] = [];
  private handler: Handler | undefined;
  private readonly statuses = new Map<string, TrackingStatus>();
  /** Set to make the next sendToCore throw (e.g. the outbox insert failing). */
  failNextSend: Error | undefined;

  private constructor(
    private readonly db: Database,
    readonly parties: readonly string[],
    private readonly coreParty: string,
  ) {}

  static async create(db: Database, parties: readonly string[], coreParty: string): Promise<RecordingMessenger> {
    if (!(await db.schema.hasTable('recording_outbox'))) {
      await db.schema.createTable('recording_outbox', (t) => {
        t.string('message_id', 100).primary();
        t.string('business_type', 40).notNullable();
        t.string('sender_party', 16).notNullable();
        t.text('payload').notNullable();
      });
    }
    return new RecordingMessenger(db, parties, coreParty);
  }

  async sendToCore(trx: Knex.Transaction, doc: OutgoingDocument): Promise<string> {
    if (this.failNextSend) {
      const err = this.failNextSend;
      this.failNextSend = undefined;
      throw err;
    }
    if (!this.parties.includes(doc.senderParty)) throw new Error(`messenger does not represent ${doc.senderParty}`);
    const messageId = `msg-${randomUUID()}`;
    const payloadText = typeof doc.payload === 'string' ? doc.payload : Buffer.from(doc.payload).toString('utf8');
    await trx('recording_outbox').insert({ message_id: messageId, business_type: doc.businessType, sender_party: doc.senderParty, payload: payloadText });
    trx.executionPromise.then(
      () => {
        this.sent.push({ ...doc, messageId, payloadText });
        this.statuses.set(messageId, { messageId, state: 'ACCEPTED', history: [{ state: 'ACCEPTED', at: new Date().toISOString() }] });
      },
      () => undefined,
    );
    return messageId;
  }

  async sendToParty(): Promise<string> {
    throw new Error('an AGR/BRP endpoint sends to the TPS core only');
  }

  onDocument(handler: Handler): void {
    this.handler = handler;
  }

  async status(messageId: string): Promise<TrackingStatus | undefined> {
    return this.statuses.get(messageId);
  }

  /** Moves a sent message along ACCEPTED → DELIVERED → RECEIVED (or FAILED), as transport acks would. */
  track(messageId: string, state: TrackingStatus['state'], reason?: string): void {
    const s = this.statuses.get(messageId);
    if (!s) throw new Error(`unknown message ${messageId}`);
    s.state = state;
    if (reason) s.reason = reason;
    s.history.push({ state, at: new Date().toISOString(), ...(reason ? { reason } : {}) });
  }

  /** Delivers a document from the core (or from `senderParty`) into the endpoint's handler. */
  async deliver(payload: string, businessType: ReceivedDocument['businessType'], senderParty = this.coreParty): Promise<void> {
    if (!this.handler) throw new Error('no handler registered');
    const doc: ReceivedDocument = {
      messageId: `in-${randomUUID()}`,
      businessType,
      payload: new TextEncoder().encode(payload),
      senderParty,
      senderComponent: 'core',
      baMessageId: '',
      receivedAt: new Date().toISOString(),
    };
    const handler = this.handler;
    await this.db.transaction((trx) => handler(doc, trx));
  }

  /** The last committed document of a business type. */
  last(businessType: OutgoingDocument['businessType']): SentRecord {
    const found = [...this.sent].reverse().find((s) => s.businessType === businessType);
    if (!found) throw new Error(`nothing of type ${businessType} was sent`);
    return found;
  }
}
