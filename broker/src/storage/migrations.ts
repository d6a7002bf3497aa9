// The TPS core's own tables (F4a registry with history, F8a schedules, F6a limits and splits,
// forwarded-document bookkeeping, audit). Integer watts in bigint columns; times as ISO UTC text
// so SQLite and PostgreSQL order them the same way.
import type { Knex } from 'knex';
import type { MigrationSet } from '../../../packages/storage/src/index.js';

export const coreMigrations: MigrationSet = {
  '0001-registry': {
    up: async (db: Knex) => {
      await db.schema.createTable('core_connection_points', (t) => {
        t.string('connection_point', 18).primary();
        t.string('dso', 16).notNullable().index();
        t.string('registered_at', 24).notNullable();
      });
      await db.schema.createTable('core_connection_point_history', (t) => {
        t.increments('id').primary();
        t.string('connection_point', 18).notNullable().index();
        t.string('dso', 16).notNullable();
        t.string('action', 16).notNullable();
        t.string('at', 24).notNullable();
        t.string('message_id', 200).notNullable();
      });
      await db.schema.createTable('core_assets', (t) => {
        t.string('asset_id', 16).primary();
        t.string('operator', 16).notNullable().index();
        t.string('connection_point', 18).notNullable().index();
        t.string('name', 200).nullable();
        t.boolean('produces').notNullable();
        t.boolean('consumes').notNullable();
        t.bigInteger('max_production_w').notNullable();
        t.bigInteger('max_consumption_w').notNullable();
        t.string('updated_at', 24).notNullable();
      });
      // F4a: validity history — connected (registered/updated), disconnected (removed), reassigned.
      await db.schema.createTable('core_asset_history', (t) => {
        t.increments('id').primary();
        t.string('asset_id', 16).notNullable().index();
        t.string('operator', 16).notNullable();
        t.string('connection_point', 18).nullable();
        t.string('validity', 16).notNullable();
        t.text('detail').notNullable();
        t.string('at', 24).notNullable();
        t.string('message_id', 200).notNullable();
      });
      // Per-DSO asset-list snapshot counter: each pushed list gets the next number (F5a).
      await db.schema.createTable('core_asset_list_versions', (t) => {
        t.string('dso', 16).primary();
        t.integer('version').notNullable();
      });
    },
  },
  '0002-documents': {
    up: async (db: Knex) => {
      // Revisions only move forward, per (sender, kind, mRID).
      await db.schema.createTable('core_received_documents', (t) => {
        t.string('sender', 16).notNullable();
        t.string('kind', 40).notNullable();
        t.string('mrid', 60).notNullable();
        t.integer('revision').notNullable();
        t.string('content_hash', 64).notNullable();
        t.string('message_id', 200).notNullable();
        t.string('received_at', 24).notNullable();
        t.primary(['sender', 'kind', 'mrid']);
      });
      // F8a/F9a: the current schedule series, one row per (operator, document, series).
      await db.schema.createTable('core_schedule_series', (t) => {
        t.string('operator', 16).notNullable();
        t.string('document_mrid', 60).notNullable();
        t.string('series_mrid', 60).notNullable();
        t.string('asset_id', 16).notNullable().index();
        t.string('resolution', 8).notNullable();
        t.string('start', 24).notNullable();
        t.string('end', 24).notNullable();
        t.text('points_w').notNullable();
        t.integer('revision').notNullable();
        t.string('updated_at', 24).notNullable();
        t.primary(['operator', 'document_mrid', 'series_mrid']);
      });
      // F6a: the current revision of each limit a DSO sent (parsed document as JSON).
      await db.schema.createTable('core_limits', (t) => {
        t.string('dso', 16).notNullable();
        t.string('mrid', 60).notNullable();
        t.integer('revision').notNullable();
        t.string('limit_type', 16).notNullable();
        t.string('status', 16).notNullable();
        t.string('period_start', 24).notNullable();
        t.string('period_end', 24).notNullable();
        t.text('document').notNullable();
        t.string('received_at', 24).notNullable();
        t.primary(['dso', 'mrid']);
      });
      // F6a: every split, with policy, grants, per-operator totals, trace and metrics.
      await db.schema.createTable('core_splits', (t) => {
        t.increments('id').primary();
        t.string('dso', 16).notNullable().index();
        t.string('limit_mrid', 60).notNullable();
        t.integer('revision').notNullable();
        t.string('series_mrid', 60).notNullable();
        t.string('direction', 16).notNullable();
        t.string('policy', 40).notNullable();
        t.text('decision').notNullable();
        t.string('created_at', 24).notNullable();
      });
      // What the core sent on behalf of one origin document to one receiver (updates, cancellations).
      await db.schema.createTable('core_forwards', (t) => {
        t.string('origin_kind', 40).notNullable();
        t.string('origin_sender', 16).notNullable();
        t.string('origin_mrid', 60).notNullable();
        t.string('receiver', 16).notNullable();
        t.string('out_mrid', 60).notNullable();
        t.integer('revision').notNullable();
        t.text('content').notNullable();
        t.boolean('cancelled').notNullable();
        t.string('updated_at', 24).notNullable();
        t.primary(['origin_kind', 'origin_sender', 'origin_mrid', 'receiver']);
      });
    },
  },
  '0003-audit': {
    up: (db: Knex) =>
      db.schema.createTable('core_audit', (t) => {
        t.increments('id').primary();
        t.string('at', 24).notNullable().index();
        t.string('decision', 24).notNullable();
        t.string('business_type', 40).notNullable();
        t.string('party', 16).notNullable().index();
        t.string('message_id', 200).nullable();
        t.string('document_mrid', 60).nullable();
        t.integer('revision').nullable();
        t.string('reason_code', 8).nullable();
        t.text('reason_text').nullable();
        t.text('outgoing').notNullable();
        t.text('detail').notNullable();
      }),
  },
  // F5a pushes coalesced: a registration marks its DSOs' lists pending in its own transaction
  // (durable across a restart); the flusher (outgoing/asset-list-flusher.ts) sends each pending
  // DSO one complete list and deletes the row in the transaction that writes the outbox message.
  '0004-asset-list-pending': {
    up: (db: Knex) =>
      db.schema.createTable('core_asset_list_pending', (t) => {
        t.string('dso', 16).primary();
        t.string('since', 24).notNullable();
      }),
  },
};
