// The directory's tables. Times are ISO-8601 UTC strings so SQLite and PostgreSQL sort and
// compare them the same way.
import type { MigrationSet } from '../../../packages/storage/src/index.js';

export const directoryMigrations: MigrationSet = {
  '0001-directory': {
    async up(db) {
      await db.schema.createTable('dir_ca', (t) => {
        t.string('id').primary(); // 'root': one CA per directory
        t.text('certificate_pem').notNullable();
        // The CA key is kept in the directory's own database; see docs/directory.md (not done: HSM / encryption at rest).
        t.text('private_key_pem').notNullable();
        t.string('created_at').notNullable();
      });
      await db.schema.createTable('dir_components', (t) => {
        t.string('code', 16).primary();
        t.string('type').notNullable();
        t.string('organisation').notNullable();
        t.text('contact').notNullable();
        t.string('inbox').notNullable();
        t.string('status').notNullable();
        t.string('token_hash', 64).notNullable();
        t.text('signing_csr').notNullable();
        t.text('authentication_csr').notNullable();
        t.string('created_at').notNullable();
        t.string('updated_at').notNullable();
        t.string('approved_at');
        t.string('revoked_at');
      });
      await db.schema.createTable('dir_parties', (t) => {
        t.string('component_code', 16).notNullable().references('code').inTable('dir_components');
        t.string('party', 16).notNullable();
        t.string('role').notNullable();
        t.primary(['component_code', 'party']);
        t.index(['party']);
      });
      await db.schema.createTable('dir_certificates', (t) => {
        t.string('serial', 64).primary();
        t.string('component_code', 16).notNullable().references('code').inTable('dir_components');
        t.string('usage').notNullable();
        t.text('pem').notNullable();
        t.string('not_before').notNullable();
        t.string('not_after').notNullable();
        t.bigInteger('seq').notNullable(); // issue order: "newest" even within one second
        t.string('revoked_at');
        t.index(['component_code']);
      });
      await db.schema.createTable('dir_paths', (t) => {
        t.increments('id');
        t.string('receiver_code', 16).notNullable().references('code').inTable('dir_components');
        t.string('sender', 16).notNullable();
        t.string('business_type', 64).notNullable();
        t.string('valid_from');
        t.string('valid_until');
        t.index(['receiver_code']);
      });
    },
  },
  // Payload encryption (F1/NF3): the latest encryption CSR, like the other two. Nullable, because
  // components registered before have none until they submit one (POST …/encryption-key).
  '0002-encryption-csr': {
    async up(db) {
      await db.schema.alterTable('dir_components', (t) => {
        t.text('encryption_csr').nullable();
      });
    },
  },
};
