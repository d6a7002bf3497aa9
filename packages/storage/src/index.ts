export { openDatabase, isPostgres, type Database, type DatabaseOptions } from './database.js';
export { migrate, type Migration, type MigrationSet } from './migrations.js';
export { toJson, fromJson, toSafeInt } from './json-column.js';
export { insertRows, MAX_BOUND_PARAMETERS } from './insert-rows.js';
export { afterCommit, whenCommitted } from './after-commit.js';
