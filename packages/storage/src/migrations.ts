// Versioned migrations per component, each component with its own bookkeeping table so that
// components sharing one database (embedded default) migrate independently.
import type { Knex } from 'knex';

export interface Migration {
  up(db: Knex): Promise<void>;
  down?(db: Knex): Promise<void>;
}

/** Migrations keyed by a sortable name, e.g. '0001-components'. */
export type MigrationSet = Record<string, Migration>;

export async function migrate(db: Knex, component: string, migrations: MigrationSet): Promise<void> {
  const names = Object.keys(migrations).sort();
  await db.migrate.latest({
    tableName: `migrations_${component.replace(/[^a-z0-9_]/gi, '_')}`,
    migrationSource: {
      getMigrations: async () => names,
      getMigrationName: (name: string) => name,
      getMigration: async (name: string) => {
        const m = migrations[name]!;
        return { up: (k: Knex) => m.up(k), down: (k: Knex) => (m.down ? m.down(k) : Promise.resolve()) };
      },
    },
  });
}
