// The TPS core as an object: migrates its store, registers its one document handler with the
// Messenger (F1: the core is an endpoint) and offers its read side. No HTTP here, so component
// tests drive it without ports.
import { EventEmitter } from 'node:events';
import type { Knex } from 'knex';
import type { Messenger, ReceivedDocument } from '../../packages/runtime/src/index.js';
import { afterCommit, migrate } from '../../packages/storage/src/index.js';
import { DEFAULT_POLICY, isPolicyName } from '../../packages/fairness/src/index.js';
import { coreMigrations } from './storage/migrations.js';
import { dispatchDocument } from './handlers/dispatch.js';
import type { CoreOptions } from './handlers/context.js';
import { CoreViews } from './admin/views.js';
import { AssetListFlusher } from './outgoing/asset-list-flusher.js';
import type { AssetListPacingOptions } from './outgoing/asset-list-pacing.js';

export interface Core {
  /** Handles one received, verified document inside the messaging layer's transaction. */
  handle(doc: ReceivedDocument, trx: Knex.Transaction): Promise<void>;
  views: CoreViews;
  options: CoreOptions;
  /** Emits 'change' (CoreChange) once the transaction that handled a received document has committed (F3 GUI live updates). */
  events: EventEmitter;
  /** Sends every pending asset list now, ignoring the quiet period (tests, shutdown); resolves to the number sent. */
  flushAssetLists(): Promise<number>;
  /** Stops the asset-list flusher's timers (pending lists stay marked for the next start). */
  close(): Promise<void>;
}

/** createCore's options beyond CoreOptions. */
export interface CoreStartOptions extends CoreOptions {
  /** Least time between two asset-list flushes (ms, default 500): a DSO gets at most one list per period. */
  assetListQuietMs: number;
  /** Per-DSO pacing of asset-list pushes (one in flight, hold while a bulk load lasts; outgoing/asset-list-pacing.ts). */
  assetListPacing: AssetListPacingOptions;
  /** A background asset-list push failed (it is retried); default: one line on stderr. */
  onBackgroundError: (err: unknown, dso: string) => void;
}

// Registrations mark DSO lists pending; only these kinds can.
const MARKS_ASSET_LISTS = new Set(['asset-registration', 'connection-point-registration']);

/** What the core handled: enough for a listener to know what to re-read (admin/GUI only). */
export interface CoreChange {
  businessType: string;
  party: string;
  messageId: string;
}

export async function createCore(db: Knex, messenger: Messenger, options: Partial<CoreStartOptions> = {}): Promise<Core> {
  const policy = options.fairnessPolicy ?? DEFAULT_POLICY;
  if (!isPolicyName(policy)) throw new Error(`unknown fairness policy ${policy}`);
  await migrate(db, 'core', coreMigrations);
  const resolved: CoreOptions = {
    fairnessPolicy: policy,
    now: options.now ?? (() => new Date()),
    ...(options.assetListPageSize !== undefined ? { assetListPageSize: options.assetListPageSize } : {}),
  };
  const events = new EventEmitter();
  const flusher = new AssetListFlusher(db, messenger, {
    now: resolved.now,
    ...(options.assetListQuietMs !== undefined ? { quietMs: options.assetListQuietMs } : {}),
    ...(options.assetListPageSize !== undefined ? { pageSize: options.assetListPageSize } : {}),
    ...(options.assetListPacing !== undefined ? { pacing: options.assetListPacing } : {}),
    onError: options.onBackgroundError ?? ((err, dso) => console.error(`core: asset-list push to ${dso} failed, will retry: ${String(err)}`)),
  });
  const handle = async (doc: ReceivedDocument, trx: Knex.Transaction) => {
    await dispatchDocument(messenger, resolved, doc, trx);
    afterCommit(trx, () => {
      if (MARKS_ASSET_LISTS.has(doc.businessType)) flusher.kick();
      events.emit('change', { businessType: doc.businessType, party: doc.senderParty, messageId: doc.messageId } satisfies CoreChange);
    });
  };
  messenger.onDocument(handle);
  // Lists marked before a stop or crash are still owed.
  flusher.kick();
  return { handle, views: new CoreViews(db), options: resolved, events, flushAssetLists: () => flusher.flush(), close: () => flusher.close() };
}
