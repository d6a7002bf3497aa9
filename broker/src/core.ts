// The TPS core as an object: migrates its store, registers its one document handler with the
// Messenger (F1: the core is an endpoint) and offers its read side. No HTTP here, so component
// tests drive it without ports.
import type { Knex } from 'knex';
import type { Messenger, ReceivedDocument } from '../../packages/runtime/src/index.js';
import { migrate } from '../../packages/storage/src/index.js';
import { DEFAULT_POLICY, isPolicyName } from '../../packages/fairness/src/index.js';
import { coreMigrations } from './storage/migrations.js';
import { dispatchDocument } from './handlers/dispatch.js';
import type { CoreOptions } from './handlers/context.js';
import { CoreViews } from './admin/views.js';

export interface Core {
  /** Handles one received, verified document inside the messaging layer's transaction. */
  handle(doc: ReceivedDocument, trx: Knex.Transaction): Promise<void>;
  views: CoreViews;
  options: CoreOptions;
}

export async function createCore(db: Knex, messenger: Messenger, options: Partial<CoreOptions> = {}): Promise<Core> {
  const policy = options.fairnessPolicy ?? DEFAULT_POLICY;
  if (!isPolicyName(policy)) throw new Error(`unknown fairness policy ${policy}`);
  await migrate(db, 'core', coreMigrations);
  const resolved: CoreOptions = { fairnessPolicy: policy, now: options.now ?? (() => new Date()) };
  const handle = (doc: ReceivedDocument, trx: Knex.Transaction) => dispatchDocument(messenger, resolved, doc, trx);
  messenger.onDocument(handle);
  return { handle, views: new CoreViews(db), options: resolved };
}
