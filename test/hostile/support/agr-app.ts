// The AGR/BRP facade in-process on a free loopback port (SQLite in memory, the endpoint's own
// recording messenger as the labelled seam): for tests of the HTTP plumbing (rate limits, slow
// clients, logs) that need their own settings.
import type { Logger } from 'pino';
import { createAgrApp } from '../../../endpoint-agr/src/app.js';
import { RecordingMessenger } from '../../../endpoint-agr/test/recording-messenger.js';
import { listen, type RunningServer } from '../../../packages/http/src/index.js';
import { TokenRepository } from '../../../packages/rest/src/index.js';
import { openDatabase } from '../../../packages/storage/src/index.js';
import { DEMO_PARTIES } from '../../../packages/config/src/platform-config.js';

export interface SmallAgr {
  url: string;
  server: RunningServer;
  tokens: string[];
  close(): Promise<void>;
}

export async function startSmallAgr(o: { logger: Logger; rateLimitPerMinute?: number; requestTimeoutMs?: number }): Promise<SmallAgr> {
  const db = await openDatabase({ sqliteFile: ':memory:' });
  const parties = [...DEMO_PARTIES.agr];
  const messenger = await RecordingMessenger.create(db, parties, DEMO_PARTIES.tps);
  const agr = await createAgrApp({ db, messenger, logger: o.logger, coreParty: DEMO_PARTIES.tps, ...(o.rateLimitPerMinute ? { rateLimitPerMinute: o.rateLimitPerMinute } : {}) });
  const repo = new TokenRepository(db);
  const tokens: string[] = [];
  for (const party of parties) tokens.push((await repo.issue(party, 'AGR', 'test')).token);
  const server = await listen(agr.app, 0, '127.0.0.1', o.requestTimeoutMs ? { requestTimeoutMs: o.requestTimeoutMs } : {});
  return {
    url: server.url,
    server,
    tokens,
    close: async () => {
      await agr.close();
      await server.close();
      await db.destroy();
    },
  };
}
