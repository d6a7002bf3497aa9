// The DSO endpoint's own tables (its store is private to it: a SQLite file or a PostgreSQL schema).
// Every row carries the DSO party it belongs to: one endpoint may serve several DSOs (NF3).
import type { MigrationSet } from '../../../packages/storage/src/index.js';

export const dsoMigrations: MigrationSet = {
  '0001-sequences': {
    // One counter row per DSO and stream. Taking a number locks the row until commit, so numbers
    // become visible in order and a reader's cursor never skips a late-committing change.
    up: (db) =>
      db.schema.createTable('dso_sequences', (t) => {
        t.string('dso', 16).notNullable();
        t.string('stream', 32).notNullable();
        t.bigInteger('value').notNullable();
        t.primary(['dso', 'stream']);
      }),
  },
  '0002-sent-documents': {
    up: (db) =>
      db.schema.createTable('dso_sent_documents', (t) => {
        t.string('message_id', 100).primary();
        t.string('dso', 16).notNullable();
        t.string('business_type', 40).notNullable();
        t.string('document_mrid', 60).notNullable();
        t.integer('revision').nullable();
        t.string('sent_at', 32).notNullable();
        t.string('ack_state', 16).notNullable();
        t.text('ack_reasons').nullable();
        t.string('acked_at', 32).nullable();
        t.index(['dso', 'document_mrid']);
      }),
  },
  '0003-connection-points': {
    up: (db) =>
      db.schema.createTable('dso_connection_points', (t) => {
        // Globally unique here: a point belongs to one DSO (F4).
        t.string('connection_point', 18).primary();
        t.string('dso', 16).notNullable().index();
        t.string('state', 16).notNullable();
        t.string('document_mrid', 60).notNullable();
        t.text('reasons').nullable();
        t.string('updated_at', 32).notNullable();
      }),
  },
  '0004-asset-mirror': {
    up: async (db) => {
      await db.schema.createTable('dso_assets', (t) => {
        t.string('dso', 16).notNullable();
        t.string('asset_id', 60).notNullable();
        t.string('name', 200).nullable();
        t.string('connection_point', 18).notNullable();
        t.boolean('produces').notNullable();
        t.boolean('consumes').notNullable();
        t.bigInteger('max_production_w').notNullable();
        t.bigInteger('max_consumption_w').notNullable();
        // Removed assets stay as tombstones so get-changes can report the removal (F5b).
        t.boolean('removed').notNullable();
        // seq: last change; first_seq: when it (re)appeared, so a caller learns "new" vs "changed".
        t.bigInteger('seq').notNullable();
        t.bigInteger('first_seq').notNullable();
        t.string('updated_at', 32).notNullable();
        t.primary(['dso', 'asset_id']);
        t.index(['dso', 'seq']);
      });
      await db.schema.createTable('dso_asset_lists', (t) => {
        t.string('dso', 16).primary();
        t.string('document_created', 32).notNullable();
        t.string('received_at', 32).notNullable();
      });
    },
  },
  '0005-schedules': {
    up: (db) =>
      db.schema.createTable('dso_schedules', (t) => {
        t.increments('id').primary();
        t.string('dso', 16).notNullable();
        t.bigInteger('seq').notNullable();
        t.string('document_mrid', 60).notNullable();
        t.integer('revision').notNullable();
        t.string('series_mrid', 60).notNullable();
        t.string('asset_id', 60).notNullable();
        t.boolean('cancelled').notNullable();
        t.string('resolution', 8).nullable();
        t.string('start', 32).nullable();
        t.string('end', 32).nullable();
        t.text('points_w').nullable();
        t.string('received_at', 32).notNullable();
        t.index(['dso', 'seq']);
        t.index(['dso', 'asset_id']);
      }),
  },
  '0006-limits': {
    up: async (db) => {
      await db.schema.createTable('dso_limits', (t) => {
        t.string('dso', 16).notNullable();
        t.string('limit_id', 60).notNullable();
        t.string('kind', 16).notNullable();
        t.integer('revision').notNullable();
        t.string('status', 16).notNullable();
        t.string('created_at', 32).notNullable();
        t.string('updated_at', 32).notNullable();
        t.primary(['dso', 'limit_id']);
      });
      await db.schema.createTable('dso_limit_revisions', (t) => {
        t.string('dso', 16).notNullable();
        t.string('limit_id', 60).notNullable();
        t.integer('revision').notNullable();
        t.string('status', 16).notNullable();
        t.string('message_id', 100).notNullable();
        t.text('body').notNullable();
        t.string('sent_at', 32).notNullable();
        t.primary(['dso', 'limit_id', 'revision']);
      });
      await db.schema.createTable('dso_limit_splits', (t) => {
        t.string('dso', 16).notNullable();
        t.string('limit_id', 60).notNullable();
        t.integer('revision').notNullable();
        t.string('policy', 40).nullable();
        t.text('metrics').nullable();
        t.text('grants').notNullable();
        t.string('received_at', 32).notNullable();
        t.primary(['dso', 'limit_id', 'revision']);
      });
    },
  },
  '0007-asset-list-pages': {
    // Paged asset-list snapshots (issue 14): pages wait here until their snapshot is complete
    // (asset-list-pages.repository.ts); the applied snapshot's mRID tells a repeated page of it.
    up: async (db) => {
      await db.schema.createTable('dso_asset_list_pages', (t) => {
        t.string('dso', 16).notNullable();
        t.string('document_created', 32).notNullable();
        t.string('document_mrid', 60).notNullable();
        t.integer('page').notNullable();
        t.integer('page_count').notNullable();
        // The page's assets as JSON (at most one page, ≈ 1 MB): read back once, when complete.
        t.text('assets').notNullable();
        t.string('received_at', 32).notNullable();
        t.primary(['dso', 'document_created', 'document_mrid', 'page']);
      });
      await db.schema.alterTable('dso_asset_lists', (t) => {
        t.string('document_mrid', 60).nullable();
      });
    },
  },
};
