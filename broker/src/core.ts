// The TPS core as an object: migrates its store, registers its one document handler with the
// Messenger (F1: the core is an endpoint) and offers its read side. No HTTP here, so component
// tests drive it without ports.
import { EventEmitter } from 'node:events';
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
  /** Emits 'change' (CoreChange) once the transaction that handled a received document has committed (F3 GUI live updates). */
  events: EventEmitter;
}

/** What the core handled: enough for a listener to know what to re-read (admin/GUI only). */
export interface CoreChange {
  businessType: string;
  party: string;
  messageId: string;
}

export async function createCore(db: Knex, messenger: Messenger, options: Partial<CoreOptions> = {}): Promise<Core> {
  const policy = options.fairnessPolicy ?? DEFAULT_POLICY;
  if (!isPolicyName(policy)) throw new Error(`unknown fairness policy ${policy}`);
  await migrate(db, 'core', coreMigrations);
  const resolved: CoreOptions = { fairnessPolicy: policy, now: options.now ?? (() => new Date()) };
  const events = new EventEmitter();
  const handle = async (doc: ReceivedDocument, trx: Knex.Transaction) => {
    await dispatchDocument(messenger, resolved, doc, trx);
    afterCommit(trx, () => events.emit('change', { businessType: doc.businessType, party: doc.senderParty, messageId: doc.messageId } satisfies CoreChange));
  };
  messenger.onDocument(handle);
  return { handle, views: new CoreViews(db), options: resolved, events };
}

/** Runs `fn` after the outermost transaction commits (the handler may run in a savepoint); never on rollback. */
function afterCommit(trx: Knex.Transaction, fn: () => void): void {
  let root = trx;
  while (root.parentTransaction) root = root.parentTransaction;
  const done = root.executionPromise as Promise<unknown> | undefined;
  const safe = () => {
    try {
      fn();
    } catch {
      // A listener's failure must not surface as the messaging layer's error.
    }
  };
  if (done) done.then(safe, () => undefined);
  else queueMicrotask(safe);
}
