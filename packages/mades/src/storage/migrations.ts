// Tables of the messaging layer (F1): what was sent (outbox + tracking in one row), what was
// received (de-duplication), and transport acknowledgements waiting to go back to their senders.
import type { MigrationSet } from '../../../storage/src/index.js';

export const madesMigrations: MigrationSet = {
  '0001-mades': {
    async up(db) {
      await db.schema.createTable('mades_sent', (t) => {
        t.increments('seq').primary();
        t.string('message_id', 36).notNullable().unique();
        t.string('receiver', 64).notNullable();
        t.string('business_type', 64).notNullable();
        t.string('ba_message_id', 150).notNullable();
        t.string('sender_party', 64).notNullable();
        t.integer('priority').notNullable();
        t.bigInteger('ttl_ms').notNullable();
        t.string('created_at', 24).notNullable();
        // The signed headers and the untouched payload: the relay publishes them as they are.
        t.text('headers').notNullable();
        t.binary('payload').nullable();
        t.boolean('published').notNullable().defaultTo(false);
        t.string('status', 12).notNullable();
        t.string('accepted_at', 24).notNullable();
        t.string('delivered_at', 24).nullable();
        t.string('received_at', 24).nullable();
        t.string('failed_at', 24).nullable();
        t.string('reason', 40).nullable();
        t.text('detail').nullable();
        t.index(['published', 'seq'], 'mades_sent_pending');
      });
      await db.schema.createTable('mades_received', (t) => {
        t.string('sender', 64).notNullable();
        t.string('message_id', 36).notNullable();
        t.string('digest', 43).notNullable();
        t.string('business_type', 64).notNullable();
        t.string('ba_message_id', 150).notNullable();
        t.string('status', 12).notNullable();
        t.string('reason', 40).nullable();
        t.string('received_at', 24).notNullable();
        t.primary(['sender', 'message_id']);
      });
      await db.schema.createTable('mades_ack_out', (t) => {
        t.increments('seq').primary();
        t.string('to_code', 64).notNullable();
        t.string('message_id', 36).notNullable();
        t.string('status', 12).notNullable();
        t.string('reason', 40).nullable();
        t.text('detail').nullable();
        t.string('at', 24).notNullable();
      });
    },
    async down(db) {
      await db.schema.dropTable('mades_ack_out');
      await db.schema.dropTable('mades_received');
      await db.schema.dropTable('mades_sent');
    },
  },
  // The business-application channel (tps.<code>.outbox): which sent messages came through it
  // (their status changes go to tps.<code>.send.event, also after a restart), and the AMQP
  // message-id the application gave, so a redelivered outbox message is not sent twice.
  '0002-business-channel': {
    async up(db) {
      await db.schema.createTable('mades_channel_sent', (t) => {
        t.string('message_id', 36).primary();
        t.string('app_message_id', 150).nullable().unique();
        t.string('correlation_id', 150).notNullable();
        t.string('accepted_at', 24).notNullable();
      });
    },
    async down(db) {
      await db.schema.dropTable('mades_channel_sent');
    },
  },
};
