// What one handler invocation works with: the document's transaction (effect, outgoing documents
// and audit rows commit together), the repositories bound to it, and a send() that builds the
// envelope-level outgoing document and remembers it for the audit row.
import type { Knex } from 'knex';
import type { BusinessType, Messenger, ReceivedDocument } from '../../../packages/runtime/src/index.js';
import { repositories, type Repositories } from '../storage/repositories.js';
import type { OutgoingRef } from '../storage/audit.repository.js';

export interface CoreOptions {
  /** Fairness policy for foreseen limits (packages/fairness); default 'waterfill'. */
  fairnessPolicy: string;
  /** Clock, injectable for tests. */
  now: () => Date;
  /** Assets per asset-list page (default ASSET_LIST_PAGE_SIZE = 5,000); small in tests. */
  assetListPageSize?: number;
}

export interface HandlerContext {
  trx: Knex.Transaction;
  repos: Repositories;
  received: ReceivedDocument;
  /** The TPS party (EIC) the core speaks for: sender of every document it writes. */
  tpsParty: string;
  tpsParties: readonly string[];
  /** ISO time of this decision, seconds precision (ESMP createdDateTime). */
  now: string;
  options: CoreOptions;
  /**
   * True when no revision of this document (sender, kind, mRID) was accepted before (the dispatcher
   * read core_received_documents in this transaction). Whatever a handler stores for a document
   * (limit head, forwards) commits with that row and none of it is deleted, so there is nothing to
   * read back (issue 14: one statement fewer per new limit or schedule). False when unknown.
   */
  firstOfDocument: boolean;
  outgoing: OutgoingRef[];
  send(receiver: string, businessType: BusinessType, payload: string, opts: { mrid: string; emergency?: boolean }): Promise<string>;
}

export function createContext(messenger: Messenger, options: CoreOptions, received: ReceivedDocument, trx: Knex.Transaction): HandlerContext {
  const tpsParty = messenger.parties[0];
  if (!tpsParty) throw new Error('the messenger speaks for no party; the TPS core needs its party code');
  const outgoing: OutgoingRef[] = [];
  return {
    trx,
    repos: repositories(trx),
    received,
    tpsParty,
    tpsParties: messenger.parties,
    now: options.now().toISOString().slice(0, 19) + 'Z',
    options,
    firstOfDocument: false,
    outgoing,
    async send(receiver, businessType, payload, opts) {
      const messageId = await messenger.sendToParty(trx, receiver, {
        businessType,
        payload,
        senderParty: tpsParty,
        baMessageId: opts.mrid,
        priority: opts.emergency ? 'emergency' : 'normal',
      });
      outgoing.push({ receiver, businessType, messageId, mrid: opts.mrid });
      return messageId;
    },
  };
}
