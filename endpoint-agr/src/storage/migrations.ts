// The AGR/BRP endpoint's own tables. Every row carries the party it belongs to: one endpoint may
// serve several parties and every query filters by the token's party (NF3).
import type { MigrationSet } from '../../../packages/storage/src/index.js';

export const agrMigrations: MigrationSet = {
  '0001-sent-messages': {
    // Documents this endpoint sent for a party, with the core's business acknowledgement.
    up: (db) =>
      db.schema.createTable('agr_messages', (t) => {
        t.string('message_id', 100).primary();
        t.string('party', 16).notNullable();
        t.string('business_type', 40).notNullable();
        t.string('document_id', 60).notNullable();
        t.integer('revision').notNullable();
        t.string('sent_at', 32).notNullable();
        t.string('ack_outcome', 10).notNullable();
        t.text('ack_reasons').notNullable();
        t.string('ack_at', 32).nullable();
        t.index(['document_id', 'revision']);
        t.index(['party']);
      }),
  },
  '0002-assets': {
    // The last registration each asset of a party was sent with, and that document's outcome (F4b).
    up: (db) =>
      db.schema.createTable('agr_assets', (t) => {
        t.string('party', 16).notNullable();
        t.string('asset_id', 16).notNullable();
        t.string('connection_point_id', 18).notNullable();
        t.boolean('produces').notNullable();
        t.boolean('consumes').notNullable();
        t.bigInteger('max_production_w').notNullable();
        t.bigInteger('max_consumption_w').notNullable();
        t.string('name', 200).notNullable();
        t.string('operation', 10).notNullable();
        t.string('outcome', 10).notNullable();
        t.text('reasons').notNullable();
        t.string('message_id', 100).notNullable();
        t.string('document_id', 60).notNullable();
        t.string('updated_at', 32).notNullable();
        t.primary(['party', 'asset_id']);
        t.index(['document_id']);
      }),
  },
  '0003-schedules': {
    // F8b: one row per schedule document; `revision` only moves forward (conditional update).
    up: (db) =>
      db.schema.createTable('agr_schedules', (t) => {
        t.string('schedule_id', 60).primary();
        t.string('party', 16).notNullable().index();
        t.integer('revision').notNullable();
        t.string('status', 10).notNullable();
        t.string('period_start', 32).notNullable();
        t.string('period_end', 32).notNullable();
        t.text('assets').notNullable();
        t.string('message_id', 100).notNullable();
        t.string('outcome', 10).notNullable();
        t.text('reasons').notNullable();
        t.string('updated_at', 32).notNullable();
      }),
  },
  '0004-limits': {
    // F7a: every received limit revision, numbered by `seq` so cursors and SSE ids can follow it.
    up: (db) =>
      db.schema.createTable('agr_limits', (t) => {
        t.bigIncrements('seq').primary();
        t.string('party', 16).notNullable();
        t.string('limit_id', 60).notNullable();
        t.integer('revision').notNullable();
        t.string('kind', 12).notNullable();
        t.string('status', 10).notNullable();
        t.string('expires_at', 32).notNullable();
        t.string('received_at', 32).notNullable();
        t.text('body').notNullable();
        t.unique(['party', 'limit_id', 'revision']);
        t.index(['party', 'seq']);
        t.index(['party', 'received_at']);
      }),
  },
};
