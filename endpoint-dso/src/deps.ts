// What the DSO facade needs from its host: its store, the messaging layer, the document codec and
// the long-poll wake-up plumbing. Tests pass in-process stand-ins; production passes the real ones.
import type { Logger } from '../../packages/http/src/index.js';
import type { ChangeBroadcast, WaiterHub } from '../../packages/rest/src/index.js';
import type { Messenger } from '../../packages/runtime/src/index.js';
import type { Database } from '../../packages/storage/src/index.js';
import type { DsoDocumentCodec } from './mapping/codec.js';
import { iec62325Codec } from './mapping/iec62325-codec.js';
import { AssetMirrorRepository } from './storage/asset-mirror.repository.js';
import { AssetListPageRepository } from './storage/asset-list-pages.repository.js';
import { ConnectionPointRepository } from './storage/connection-point.repository.js';
import { LimitRepository } from './storage/limit.repository.js';
import { ScheduleRepository } from './storage/schedule.repository.js';
import { SentDocumentRepository } from './storage/sent-document.repository.js';
import { CursorRepository, TokenRepository } from '../../packages/rest/src/index.js';

export interface DsoDeps {
  db: Database;
  messenger: Messenger;
  /** Defaults to packages/iec62325 (tests may wrap it to observe what is built). */
  codec?: DsoDocumentCodec;
  /** EIC of the TPS core: the receiver of every document this endpoint sends (F1). */
  coreParty: string;
  hub: WaiterHub;
  broadcast: ChangeBroadcast;
  logger: Logger;
  longPollMaxSeconds: number;
  longPollDefaultSeconds?: number;
  bodyLimitBytes?: number;
  sseHeartbeatMs?: number;
  /** Injectable for tests; defaults to the system clock. */
  now?: () => Date;
}

/** The repositories, built once per app. */
export interface DsoStores {
  tokens: TokenRepository;
  cursors: CursorRepository;
  sent: SentDocumentRepository;
  points: ConnectionPointRepository;
  assets: AssetMirrorRepository;
  assetListPages: AssetListPageRepository;
  schedules: ScheduleRepository;
  limits: LimitRepository;
}

export interface DsoContext extends DsoDeps {
  codec: DsoDocumentCodec;
  stores: DsoStores;
  now: () => Date;
}

export function dsoContext(deps: DsoDeps): DsoContext {
  return {
    ...deps,
    codec: deps.codec ?? iec62325Codec,
    now: deps.now ?? (() => new Date()),
    stores: {
      tokens: new TokenRepository(deps.db),
      cursors: new CursorRepository(deps.db),
      sent: new SentDocumentRepository(),
      points: new ConnectionPointRepository(),
      assets: new AssetMirrorRepository(),
      assetListPages: new AssetListPageRepository(),
      schedules: new ScheduleRepository(),
      limits: new LimitRepository(),
    },
  };
}

/** Long-poll wake-up keys: one per DSO and stream, so one DSO's news never wakes another. */
export const wakeKey = (dso: string, stream: 'assets' | 'schedules'): string => `dso:${dso}:${stream}`;
