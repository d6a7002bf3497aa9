import { join } from 'node:path';
import type { PlatformConfig } from '../../config/src/index.js';
import { openDatabase, type Database } from '../../storage/src/index.js';
import type { ComponentName } from './component.js';

/**
 * Each component owns its store: a PostgreSQL schema named after it when DATABASE_URL is set,
 * else its own SQLite file under the data folder. Components never read each other's tables.
 */
export function openComponentDatabase(config: PlatformConfig, component: ComponentName): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ url: config.databaseUrl, schema: `tps_${component}` });
  return openDatabase({ sqliteFile: join(config.dataDir, `${component}.sqlite`) });
}
