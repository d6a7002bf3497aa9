// TEST SEAM for component tests of the TPS core — not the messaging layer. It implements the
// Messenger contract just enough to drive the core in-process: sendToParty writes a row in the
// caller's transaction (so, like the real transactional outbox, only committed sends are seen and
// a rolled-back handler sends nothing), and deliver() hands a document to the core's handler in a
// real knex transaction. End-to-end tests over RabbitMQ use the real Messenger instead.
import type { Knex } from 'knex';
import type { BusinessType, Messenger, OutgoingDocument, ReceivedDocument, TrackingStatus } from '../../packages/runtime/src/index.js';

export interface SentDocument {
  seq: number;
  messageId: string;
  receiver: string;
  businessType: BusinessType;
  senderParty: string;
  baMessageId: string | null;
  priority: 'normal' | 'emergency';
  payload: string;
}

const TABLE = 'test_recorded_outbox';

export class RecordingMessenger implements Messenger {
  private handler: ((doc: ReceivedDocument, trx: Knex.Transaction) => Promise<void>) | undefined;
  private delivered = 0;

  constructor(
    private readonly db: Knex,
    readonly parties: readonly string[],
  ) {}

  async install(): Promise<this> {
    if (!(await this.db.schema.hasTable(TABLE))) {
      await this.db.schema.createTable(TABLE, (t) => {
        t.increments('seq').primary();
        t.string('message_id').notNullable();
        t.string('receiver').notNullable();
        t.string('business_type').notNullable();
        t.string('sender_party').notNullable();
        t.string('ba_message_id').nullable();
        t.string('priority').notNullable();
        t.text('payload').notNullable();
      });
    }
    return this;
  }

  async sendToCore(): Promise<string> {
    throw new Error('the TPS core never sends to itself');
  }

  async sendToParty(trx: Knex.Transaction, receiverParty: string, doc: OutgoingDocument): Promise<string> {
    const messageId = `out-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const payload = typeof doc.payload === 'string' ? doc.payload : Buffer.from(doc.payload).toString('utf8');
    await trx(TABLE).insert({
      message_id: messageId,
      receiver: receiverParty,
      business_type: doc.businessType,
      sender_party: doc.senderParty,
      ba_message_id: doc.baMessageId ?? null,
      priority: doc.priority ?? 'normal',
      payload,
    });
    return messageId;
  }

  onDocument(handler: (doc: ReceivedDocument, trx: Knex.Transaction) => Promise<void>): void {
    this.handler = handler;
  }

  async status(_messageId: string): Promise<TrackingStatus | undefined> {
    return undefined;
  }

  /** All committed sends, oldest first. */
  async sent(): Promise<SentDocument[]> {
    const rows = await this.db(TABLE).orderBy('seq');
    return rows.map((r) => ({
      seq: Number(r.seq),
      messageId: r.message_id,
      receiver: r.receiver,
      businessType: r.business_type,
      senderParty: r.sender_party,
      baMessageId: r.ba_message_id,
      priority: r.priority,
      payload: r.payload,
    }));
  }

  /** Delivers a document as if it arrived verified from `senderParty`; returns what that delivery sent. */
  async deliver(input: { senderParty: string; businessType: BusinessType; payload: string | Uint8Array; baMessageId?: string; messageId?: string }): Promise<SentDocument[]> {
    if (!this.handler) throw new Error('no handler registered: create the core first');
    const before = (await this.sent()).length;
    this.delivered++;
    const doc: ReceivedDocument = {
      messageId: input.messageId ?? `in-${this.delivered}-${Math.random().toString(36).slice(2, 8)}`,
      businessType: input.businessType,
      payload: typeof input.payload === 'string' ? new TextEncoder().encode(input.payload) : input.payload,
      senderParty: input.senderParty,
      senderComponent: `component-of-${input.senderParty}`,
      baMessageId: input.baMessageId ?? 'ba-id',
      receivedAt: new Date().toISOString(),
    };
    const handler = this.handler;
    await this.db.transaction((trx) => handler(doc, trx));
    return (await this.sent()).slice(before);
  }
}
