// Tables every REST facade shares: API tokens bound to a party, and read cursors for
// "what arrived since this caller last asked" (F7a wait-for-new, F5b get-changes, F9b).
import type { MigrationSet } from '../../storage/src/index.js';

export const restMigrations: MigrationSet = {
  '0001-api-tokens': {
    up: (db) =>
      db.schema.createTable('api_tokens', (t) => {
        t.increments('id').primary();
        t.string('party', 16).notNullable().index();
        t.string('role', 8).notNullable();
        t.string('hash', 64).notNullable().unique();
        t.string('label', 200).notNullable().defaultTo('');
        t.string('created_at', 32).notNullable();
        t.string('revoked_at', 32).nullable();
      }),
  },
  '0002-read-cursors': {
    up: (db) =>
      db.schema.createTable('read_cursors', (t) => {
        t.integer('token_id').notNullable();
        t.string('client', 64).notNullable();
        t.string('stream', 32).notNullable();
        t.bigInteger('position').notNullable();
        t.primary(['token_id', 'client', 'stream']);
      }),
  },
};
