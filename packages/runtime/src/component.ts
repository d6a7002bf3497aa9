// What every component receives when it starts and what it hands back, so the embedded default
// (`tps start`, all in one process) and one-per-process (`tps serve X`) share one code path.
import type { PlatformConfig } from '../../config/src/index.js';
import type { Logger } from '../../http/src/index.js';
import type { Database } from '../../storage/src/index.js';

export type ComponentName = 'directory' | 'core' | 'agr' | 'dso';

export interface ComponentContext {
  config: PlatformConfig;
  logger: Logger;
  db: Database;
  host: string;
  port: number;
}

export interface ComponentHandle {
  name: ComponentName;
  url: string;
  /** Stops accepting work, answers waiters, closes connections. */
  close(): Promise<void>;
}
